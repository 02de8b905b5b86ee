// The column panel in the App (ink-testing-library): F on the table's
// current column, its figures, the keys that add stages, Esc, and the
// whole-input jn analyze with its progress and cancel.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../src/shell/ui/App.tsx';
import { History } from '../../src/shell/history.ts';
import type { SessionState } from '../../src/shell/session.ts';
import { childPids, rng, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
const rand = rng(7);
const CITIES = ['Paris', 'Oslo', 'Lima', 'Kyiv', 'Pune'];
// Paris is most frequent in the first 6000 rows (more than the shell holds
// and reads ahead), Pune over the whole file.
const TOTAL = 30000;
const rows = Array.from({ length: TOTAL }, (_, i) => ({ id: i + 1, city: i < 6000 ? CITIES[Math.floor(rand() * 1.6)] : CITIES[4 - Math.floor(rand() * 1.8)], amount: Math.round(rand() * 10000) / 100 }));
/** How many rows the panel says it has figures for (the rows held). */
const loaded = (f: string): number => {
  const m = /over the ([\d,]+) rows loaded/.exec(f);
  assert.ok(m, f);
  return Number(m[1].replace(/,/g, ''));
};
const LOADED = /over the [\d,]+ rows loaded/;
const pct = (count: number, of: number) => ((count * 100) / of).toFixed(1);
const csv = join(dir, 'd.csv');
writeFileSync(csv, 'id,city,amount\n' + rows.map((r) => `${r.id},${r.city},${r.amount}`).join('\n') + '\n');
const tally = (list: typeof rows) => {
  const m = new Map<string, number>();
  for (const r of list) m.set(r.city, (m.get(r.city) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]);
};

const until = (frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> =>
  waitFor(() => {
    const f = frame() ?? '';
    return pred(f) && f;
  }, { what, show: frame });

const RIGHT = '\u001b[C';
const ESC = '\u001b';

// A test that fails still ends its App (and so its processes).
const apps: { unmount(): void }[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) a.unmount();
});

/** The App on `stages`, focused on the table with column `city` first. */
async function openOnCity(stages: SessionState['stages'] = [], limit = 100) {
  let exited: SessionState | undefined;
  const app = render(<App initial={{ source: csv, stages }} limit={limit} version="test" history={new History(null)} onExit={(s) => (exited = s)} debounceMs={20} />);
  apps.push(app);
  await until(app.lastFrame, (f) => /\d+ rows( read)? · .*\d+ ms/.test(f), 'the preview, its first screen read');
  app.stdin.write('\t');
  app.stdin.write('\t');
  app.stdin.write(RIGHT);
  await until(app.lastFrame, (f) => /^‹city/m.test(f), 'city as the first column');
  return { app, exited: () => exited };
}

/** The command lines of the jn processes this process started (its
 * children running the build: stages and plugins). */
const jnChildren = (): string[][] =>
  childPids(process.pid).flatMap((p) => {
    try {
      const argv = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      return argv.some((a) => a.includes('/dist/')) ? [argv] : [];
    } catch {
      return [];
    }
  });
const analyzers = () => jnChildren().filter((argv) => argv.includes('analyze'));

describe('column panel', () => {
  it('F shows the column\'s figures over the rows loaded; Enter adds the filter on the selected value', async () => {
    const { app } = await openOnCity();
    app.stdin.write('F');
    const f = await until(app.lastFrame, (x) => x.includes('column 2 of 3: city'), 'the panel');
    const n = loaded(f);
    assert.ok(n >= 100 && n <= 6000, `${n} rows loaded`);
    assert.match(f, new RegExp(`string ${n}\\b`));
    const top = tally(rows.slice(0, n));
    assert.equal(top[0][0], 'Paris');
    assert.match(f, new RegExp(`›\\s*${top[0][1]}\\s+${pct(top[0][1], n)}%\\s+Paris`));
    assert.match(f, new RegExp(`\\s${top[1][1]}\\s+${pct(top[1][1], n)}%\\s+${top[1][0]}`));
    app.stdin.write('j');
    app.stdin.write('\r');
    const g = await until(app.lastFrame, (x) => x.includes(`1. select(.city == "${top[1][0]}")`) && /^[\d,]+ rows( read)? · .*\d+ ms/m.test(x) && !x.includes('Paris'), 'the filter stage and its rows');
    assert.doesNotMatch(g, /Paris/);
    assert.match(g, new RegExp(`added stage 1: select\\(\\.city == "${top[1][0]}"\\)`));
    assert.doesNotMatch(g, /column 2 of 3/); // back to the table
  });

  it('each key adds its stage after the stage shown', async () => {
    const cases: [string[], string][] = [
      [['!'], 'select(.city != "Paris")'],
      [['['], "filter -s 'sort_by(.city) | .[] # reads all input to sort'"],
      [[']'], "filter -s 'sort_by(.city) | reverse | .[] # reads all input to sort'"],
      [['c'], "filter -s 'group_by(.city) | map({city: .[0].city, count: length}) | sort_by(-.count) | .[] # reads all input to count'"],
      [['-'], 'del(.city)'],
      [['K'], '{city}'],
      [[' ', RIGHT, ' ', 'K'], '{city, amount}'],
    ];
    for (const [keys, text] of cases) {
      const { app, exited } = await openOnCity([{ id: 1, text: 'head 50', enabled: true }, { id: 2, text: 'tail 3', enabled: true }]);
      // show the output of stage 1 (in the stage list), then back to the table
      app.stdin.write('\t');
      app.stdin.write('\t');
      app.stdin.write('k');
      await until(app.lastFrame, (x) => x.includes('(output of stage 1)'), 'stage 1 shown');
      app.stdin.write('\t');
      app.stdin.write('F');
      await until(app.lastFrame, (x) => x.includes('column 2 of 3: city') && x.includes('over the 50 rows loaded'), 'the panel');
      for (const k of keys) {
        app.stdin.write(k);
        if (k === RIGHT) await until(app.lastFrame, (x) => x.includes('column 3 of 3: amount'), 'the next column');
      }
      await until(app.lastFrame, (x) => x.includes(`added stage 2: ${text.slice(0, 40)}`), `the stage of ${JSON.stringify(keys)}`);
      // Ctrl-C cancels the run the new stage started, then quits
      const final = await waitFor(
        () => {
          const f = exited();
          if (!f) app.stdin.write('\u0003');
          return f;
        },
        { what: 'the exit' },
      );
      assert.deepEqual(final.stages.map((s) => s.text), ['head 50', text, 'tail 3']);
    }
  });

  it('Esc closes the panel and the table keeps the focus', async () => {
    const { app } = await openOnCity();
    app.stdin.write('F');
    await until(app.lastFrame, (x) => x.includes('column 2 of 3: city'), 'the panel');
    app.stdin.write(ESC);
    await until(app.lastFrame, (x) => !x.includes('column 2 of 3') && /^‹city/m.test(x), 'the table again');
    app.stdin.write('F');
    await until(app.lastFrame, (x) => x.includes('column 2 of 3: city'), 'the panel again (the table still has the keys)');
  });

  it('a: the same figures over the whole input through jn analyze', async () => {
    const { app } = await openOnCity();
    app.stdin.write('F');
    await until(app.lastFrame, (x) => LOADED.test(x), 'the panel');
    app.stdin.write('a');
    const f = await until(app.lastFrame, (x) => x.includes(`over all ${TOTAL} rows`), 'the whole-input figures');
    const top = tally(rows);
    assert.equal(top[0][0], 'Pune');
    assert.match(f, new RegExp(`›\\s*${top[0][1]}\\s+${pct(top[0][1], TOTAL)}%\\s+Pune`));
    assert.match(f, new RegExp(`string ${TOTAL}\\b`));
    assert.match(f, new RegExp(`~${top.length} distinct`));
    app.stdin.write(RIGHT);
    const g = await until(app.lastFrame, (x) => x.includes('column 3 of 3: amount'), 'the next column');
    const amounts = rows.map((r) => r.amount);
    assert.match(g, new RegExp(`numbers: min ${Math.min(...amounts)} · max ${Math.max(...amounts)} · mean`));
    // a again: back to the rows loaded
    app.stdin.write('a');
    await until(app.lastFrame, (x) => LOADED.test(x), 'the rows loaded again');
  });

  it('a on an endless input shows its progress; Esc cancels it and leaves no process', async () => {
    const { app } = await openOnCity([{ id: 1, text: 'range(1e9) as $i | .', enabled: true }]);
    app.stdin.write('F');
    await until(app.lastFrame, (x) => x.includes('column 2 of 3: city'), 'the panel');
    app.stdin.write('a');
    await until(app.lastFrame, (x) => /jn analyze over the whole input: [1-9]\d*\.\d s · .*MB of .*MB \(\d+%\) · Esc cancels/.test(x), 'the progress');
    assert.ok(analyzers().length > 0, 'analyze runs');
    app.stdin.write(ESC);
    await until(app.lastFrame, (x) => LOADED.test(x) && x.includes('column 2 of 3'), 'cancelled, the panel still open');
    // (the preview's own chain stays, paused on a full pipe: that is paging)
    await waitFor(() => analyzers().length === 0, { what: 'no analyze process left', show: () => JSON.stringify(jnChildren()) });
    // quitting while it runs ends it too (a Ctrl-C may first cancel the preview)
    app.stdin.write('a');
    await waitFor(() => analyzers().length > 0, { what: 'analyze runs again' });
    await waitFor(
      () => {
        if (jnChildren().length === 0) return true;
        app.stdin.write('\u0003');
        return false;
      },
      { what: 'no process left after quitting', show: () => JSON.stringify(jnChildren()) },
    );
  });
});
