// The table pages a run through ink-testing-library: keys typed faster
// than a render all count (j, PgDn: each moves from where the one before
// left the cursor), `50%` typed in the table jumps to the
// middle of a seekable file, G to its last row and g back to the first,
// far past the rows a preview used to hold (500).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../src/shell/ui/App.tsx';
import { History } from '../../src/shell/history.ts';
import { tempDir, waitFor } from '../helpers.ts';
import { writeBigCsv } from '../support/big-csv.mjs';

const dir = tempDir();
process.env.JN_HOME = join(dir, 'home');
const csv = join(dir, 'rows.csv');
const total = writeBigCsv(csv, 3e6, 5);

const until = (frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> =>
  waitFor(() => {
    const f = frame() ?? '';
    return pred(f) && f;
  }, { what, show: frame, timeoutMs: 20_000 });

/** The row number (first column) of the cursor row. */
const cursorRow = (f: string): number | undefined => {
  const m = /^›\s*(\d+)  /m.exec(f);
  return m ? Number(m[1]) : undefined;
};

describe('paging in the table (ink)', () => {
  it('counts every key typed at once, jumps to 50%, the end and the start', async () => {
    const app = render(<App initial={{ source: csv, stages: [] }} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    await until(app.lastFrame, (f) => cursorRow(f) === 1, 'the first screen');
    app.stdin.write('\t');
    app.stdin.write('\t');
    // ten j's, written one after the other before any render (one chunk
    // of many keys is the keys dispatch's to split)
    for (let i = 0; i < 10; i++) app.stdin.write('j');
    await until(app.lastFrame, (f) => cursorRow(f) === 11, 'the cursor on row 11');
    // one page, then 40 more at once: 41 pages from row 11
    app.stdin.write('\x1b[6~');
    const page = cursorRow(await until(app.lastFrame, (f) => (cursorRow(f) ?? 0) > 11, 'one page down'))! - 11;
    for (let i = 0; i < 40; i++) app.stdin.write('\x1b[6~');
    await until(app.lastFrame, (f) => cursorRow(f) === 11 + 41 * page, `the cursor on row ${11 + 41 * page}`);
    // 50% (digits then %, as in less): around the middle
    for (const k of '50%') app.stdin.write(k);
    await until(app.lastFrame, (f) => Math.abs((cursorRow(f) ?? 0) - total / 2) < total * 0.02, 'the middle');
    app.stdin.write('G');
    const end = await until(app.lastFrame, (f) => cursorRow(f) === total, `the last row (${total})`);
    assert.doesNotMatch(end, new RegExp(`^\\s*${total + 1}  `, 'm'));
    app.stdin.write('g');
    await until(app.lastFrame, (f) => cursorRow(f) === 1, 'the first row again');
    app.unmount();
  });

  it('a source that cannot seek pages forward to its end on G, and says so', async () => {
    const gz = join(dir, 'rows.csv.gz');
    const { execFileSync } = await import('node:child_process');
    execFileSync('sh', ['-c', `head -c 400000 '${csv}' | head -n 3001 | gzip > '${gz}'`]);
    const app = render(<App initial={{ source: gz, stages: [] }} limit={500} version="test" history={new History(null)} onExit={() => {}} debounceMs={20} />);
    const first = await until(app.lastFrame, (f) => cursorRow(f) === 1, 'the first screen');
    assert.match(first, /forward only \(gz compressed files cannot seek\)/);
    app.stdin.write('\t');
    app.stdin.write('\t');
    app.stdin.write('G');
    const end = await until(app.lastFrame, (f) => cursorRow(f) === 3000, 'the last row (3000)');
    assert.match(end, /3000 rows/);
    app.unmount();
  });
});
