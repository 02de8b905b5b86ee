// Bug 7 (issue 13): the table's cost grew with the preview's size (100,000
// rows: 220-750 ms a key; 300 rows of 50 KB strings: ~1 s a key). A key
// must read only the rows on screen, the columns must be measured on a
// bounded sample, and a cell must cost the same whatever its value's size.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { jnBin, rng, waitFor } from '../helpers.ts';
import { TableHarness } from './table-harness.tsx';

/** `n` rows of 6 fields whose every read is counted. */
function countedRows(n: number, counter: { reads: number }): Record<string, unknown>[] {
  const rand = rng(7);
  return Array.from({ length: n }, (_, i) => {
    const row: Record<string, unknown> = {};
    const values: Record<string, unknown> = { id: i, name: `name ${i}`, amount: Math.round(rand() * 1e5) / 100, ok: rand() < 0.5, city: ['Paris', 'Oslo', 'Lima'][i % 3], n: null };
    for (const [k, v] of Object.entries(values))
      Object.defineProperty(row, k, {
        enumerable: true,
        get: () => {
          counter.reads++;
          return v;
        },
      });
    return row;
  });
}

/** Field reads to draw the table of `n` rows, and then per key (j). */
async function readsFor(n: number): Promise<{ first: number; perKey: number }> {
  const counter = { reads: 0 };
  const rows = countedRows(n, counter);
  const app = render(<TableHarness rows={rows} />);
  await waitFor(() => /name 0/.test(app.lastFrame() ?? ''), { what: 'the table' });
  const first = counter.reads;
  const keys = 10;
  for (let i = 1; i <= keys; i++) {
    app.stdin.write('j');
    await waitFor(() => new RegExp(`›\\s*${i}\\b`).test(app.lastFrame() ?? ''), { what: `the cursor on row ${i}`, show: app.lastFrame });
  }
  const perKey = (counter.reads - first) / keys;
  app.unmount();
  return { first, perKey };
}

describe('the table does bounded work', () => {
  it('100,000 rows cost what 1,000 do: to draw, and per key', async () => {
    const small = await readsFor(1000);
    const large = await readsFor(100_000);
    // 6 columns over a sample of at most 400 rows, and the 10 rows shown
    assert.ok(large.first <= 2 * small.first, `first draw: ${large.first} reads for 100,000 rows, ${small.first} for 1,000`);
    assert.ok(large.first < 6 * 1000, `first draw: ${large.first} reads`);
    assert.ok(large.perKey <= 2 * small.perKey + 10, `per key: ${large.perKey} reads for 100,000 rows, ${small.perKey} for 1,000`);
    assert.ok(large.perKey < 6 * 50, `per key: ${large.perKey} reads`);
  });

  it('300 rows of 50 KB strings draw as fast as short ones', async () => {
    const rand = rng(3);
    const chunk = Array.from({ length: 1000 }, () => 'aé日 ,x'[Math.floor(rand() * 6)]).join('');
    const long = (i: number) => `${i} ${chunk.repeat(50)}`;
    const timeOf = (rows: readonly unknown[]) => {
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        const app = render(<TableHarness rows={rows} />);
        best = Math.min(best, performance.now() - t0);
        app.unmount();
      }
      return best;
    };
    const big = Array.from({ length: 300 }, (_, i) => ({ id: i, text: long(i), more: long(i) }));
    const short = big.map((r) => ({ id: r.id, text: r.text.slice(0, 60), more: r.more.slice(0, 60) }));
    timeOf(short); // warm up
    const tShort = timeOf(short);
    const tBig = timeOf(big);
    assert.ok(tBig < 5 * tShort + 20, `50 KB strings: ${tBig.toFixed(1)} ms, 60-character ones: ${tShort.toFixed(1)} ms`);
  });

  it('the built jn has the production build of React (the development one diffs every prop: all the rows, at every key)', () => {
    // jn shell runs the ES module build (dist/esm: its entry and chunks)
    const esm = join(dirname(jnBin), 'esm');
    const files = readdirSync(esm, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    assert.ok(files.some((f) => readFileSync(join(esm, f), 'utf8').includes('useState')), 'React is in the ES module build');
    const dev = files.filter((f) => readFileSync(join(esm, f), 'utf8').includes('addObjectDiffToProperties'));
    assert.deepEqual(dev, [], 'files with React development code');
  });
});
