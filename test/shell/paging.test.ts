// The pager's pure parts: the bounded row window, the cursor over a paged
// run, what the status line says of the position, :goto, the progress line,
// and the reader's backpressure (a stream paused once enough rows are
// ahead of the view).
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { RowWindow } from '../../src/shell/paging/window.ts';
import { moveTo } from '../../src/shell/paging/cursor.ts';
import { approx, count, positionText, type PositionFacts } from '../../src/shell/paging/position.ts';
import { bytes, progressText } from '../../src/shell/paging/progress.ts';
import { PageReader } from '../../src/shell/paging/reader.ts';
import { parseColonCommand } from '../../src/shell/commands.ts';
import { rng, waitFor } from '../helpers.ts';

describe('RowWindow', () => {
  it('holds at most its capacity (and a batch), numbered from the run start', () => {
    const w = new RowWindow(1000);
    const rand = rng(12);
    const n = 50_000 + Math.floor(rand() * 1000);
    for (let i = 0; i < n; i++) {
      w.push(i);
      assert.ok(w.length <= 1000 + 256, `holds ${w.length} rows at ${i}`);
    }
    assert.equal(w.end, n);
    assert.equal(w.get(n - 1), n - 1);
    assert.equal(w.get(w.start), w.start);
    assert.equal(w.get(w.start - 1), undefined);
    assert.ok(w.start >= n - 1000 - 256 && w.start <= n - 1000);
    assert.deepEqual(w.slice(n - 3, n + 5), [n - 3, n - 2, n - 1]);
  });
});

describe('cursor over a paged run', () => {
  const k = (first: number, read: number, eof = false) => ({ first, read, eof });
  it('moves within the rows read, scrolling by as little as keeps it shown', () => {
    assert.deepEqual(moveTo({ cursor: 0, top: 0 }, 5, 10, k(0, 100)), { cursor: 5, top: 0 });
    assert.deepEqual(moveTo({ cursor: 5, top: 0 }, 15, 10, k(0, 100)), { cursor: 15, top: 6 });
    assert.deepEqual(moveTo({ cursor: 15, top: 6 }, 3, 10, k(0, 100)), { cursor: 3, top: 3 });
  });
  it('stops at the last row read, and at the first row held', () => {
    assert.deepEqual(moveTo({ cursor: 0, top: 0 }, 500, 10, k(0, 120)), { cursor: 119, top: 110 });
    assert.deepEqual(moveTo({ cursor: 2000, top: 1995 }, 10, 10, k(1500, 2100)), { cursor: 1500, top: 1500 });
    assert.deepEqual(moveTo({ cursor: 7, top: 3 }, Infinity, 10, k(0, 5, true)), { cursor: 4, top: 0 });
  });
});

describe('position text', () => {
  const base: PositionFacts = { origin: { byte: 0, row: 0, exact: true }, top: 0, bottom: 39, read: 240, eof: false, sourceRows: true };
  it('counts and numbers', () => {
    assert.equal(count(950), '950');
    assert.equal(count(3000), '3000');
    assert.equal(count(7_500_000), '7,500,000');
    assert.equal(approx(3_712_000), '~3.7M');
    assert.equal(approx(12_345), '~12k');
  });
  it('exact rows of a counted source', () => {
    const f = { ...base, origin: { byte: 500_000_000, row: 3_750_000, exact: true }, total: 7_500_000 };
    assert.deepEqual(positionText(f), ['7,500,000 rows', 'rows 3,750,001–3,750,040']);
  });
  it('approximate before the index is ready, never a wrong number', () => {
    const f = { ...base, origin: { byte: 500_000_000, row: 3_712_000, exact: false }, size: 1_000_000_000, estimate: 7_400_000 };
    assert.deepEqual(positionText(f), ['240 rows read of ~7.4M', '~row 3.7M (~50%)']);
  });
  it('a small output that has ended is just its count', () => {
    assert.deepEqual(positionText({ ...base, bottom: 29, read: 30, eof: true }), ['30 rows']);
    assert.deepEqual(positionText({ ...base, top: 10, bottom: 29, read: 30, eof: true }), ['30 rows', 'rows 11–30']);
  });
  it('with stages after the source: rows of the output, from which source position', () => {
    const f = { ...base, sourceRows: false, origin: { byte: 250_000, row: 9000, exact: false }, size: 1_000_000, forwardOnly: undefined };
    assert.deepEqual(positionText(f), ['240 rows read', 'rows 1–40', 'from source byte 250,000 (~25%)']);
  });
  it('a source that cannot seek says so', () => {
    assert.deepEqual(positionText({ ...base, origin: { byte: 0, exact: false }, sourceRows: false, forwardOnly: 'stdin' }), ['240 rows read', 'rows 1–40', 'forward only (stdin)']);
  });
});

describe(':goto and :run', () => {
  it('reads rows and percentages', () => {
    assert.deepEqual(parseColonCommand(':goto 1000000'), { kind: 'goto', row: 1_000_000 });
    assert.deepEqual(parseColonCommand(':goto 1,000,000'), { kind: 'goto', row: 1_000_000 });
    assert.deepEqual(parseColonCommand(':goto 50%'), { kind: 'goto', percent: 50 });
    assert.deepEqual(parseColonCommand(':run'), { kind: 'run' });
    for (const bad of [':goto', ':goto x', ':goto 0', ':goto 101%', ':goto -5']) assert.equal(parseColonCommand(bad).kind, 'error', bad);
  });
});

describe('progress line', () => {
  it('bar, bytes, rows, rate and time left', () => {
    assert.equal(bytes(2_600_000_000), '2.6 GB');
    const t = progressText({ pos: 1_300_000_000, size: 2_600_000_000, rows: 3_400_000, elapsedMs: 10_000 });
    assert.equal(t, '[██████░░░░░░] 50% · 1.3 GB of 2.6 GB · 3,400,000 rows · 340k rows/s · 0:10 left');
    assert.equal(progressText({ rows: 12, elapsedMs: 200 }), '12 rows · 0:00');
  });
});

describe('PageReader', () => {
  it('pauses once enough rows are ahead of the view, reads on when the view moves', async () => {
    const s = new PassThrough();
    const r = new PageReader(s, 1000, 100, (l) => JSON.parse(l));
    let idle = 0;
    r.onIdle = () => idle++;
    let next = 0;
    // the writer writes while the stream wants more (backpressure)
    const feed = () => {
      while (next < 100_000) {
        const chunk = Array.from({ length: 50 }, () => `{"n":${next++}}`).join('\n') + '\n';
        if (!s.write(chunk)) return void s.once('drain', feed);
      }
      s.end();
    };
    feed();
    await waitFor(() => idle === 1, { what: 'the first pause' });
    const first = r.state.read;
    assert.ok(first >= 100 && first < 1000, `read ${first} before pausing`);
    assert.ok(next < 5000, `the writer was held back (wrote ${next})`);
    r.want(50_000);
    await waitFor(() => idle === 2, { what: 'the second pause' });
    assert.ok(r.state.read >= 50_100 && r.state.read < 51_000, `read ${r.state.read}`);
    assert.ok(r.window.length <= 1256);
    assert.deepEqual(r.window.get(50_000), { n: 50_000 });
    r.want(Infinity);
    await waitFor(() => r.state.eof, { what: 'the end' });
    assert.equal(r.state.read, 100_000);
  });
});

describe('RowWindow keeps the rows the view may show', () => {
  it('drops none from `keep` on, even past its capacity', () => {
    const w = new RowWindow(1000);
    for (let i = 0; i < 1212; i++) w.push(i, 0);
    assert.equal(w.start, 0, 'row 0 kept: the view is there');
    assert.equal(w.end, 1212);
    for (let i = 1212; i < 5000; i++) w.push(i, i - 500);
    assert.ok(w.start > 0 && w.start <= 4499 - 500 + 1);
    assert.ok(w.length <= 1256);
  });
});

describe('one-shot preview (runPreview with a row limit)', () => {
  it('reads on to its limit without pausing for a view, then ends the chain', async () => {
    const { runPreview } = await import('../../src/shell/preview.ts');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../helpers.ts');
    const dir = tempDir();
    process.env.JN_HOME = join(dir, 'home');
    const file = join(dir, 'many.csv');
    writeFileSync(file, 'n\n' + Array.from({ length: 30_000 }, (_, i) => String(i + 1)).join('\n') + '\n');
    const r = await runPreview(file, [], 20_000).done;
    assert.equal(r.rows.length, 20_000);
    assert.deepEqual(r.rows.at(-1), new Map([['n', 20_000]])); // rows as written (kit/lossless)
    assert.equal(r.limited, true);
    assert.equal(r.ended, true);
  });
});
