// jn shell as a pager of a big file, in a real terminal (tmux): a generated
// CSV whose first column is the row number; `:goto 50%` shows the middle,
// `G` the last row, `:goto 1000000` row 1,000,000 once the row index is
// ready, each checked by the row numbers on the screen; 200 pages later the
// shell's RSS is under its bound. Run in full: progress drawn, the total
// right; a cancelled run leaves no process and the shell answers.
// The file is 1 GB (the whole test took 18 s here; on the 2-core machine
// under the load of 8 parallel sessions writing 1 GB alone took 20-30 s);
// JN_PAGING_E2E_BYTES sets another size.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { childPids, tempDir, waitFor as poll } from '../helpers.ts';
import { terminal } from '../support/tmux.ts';
import { writeBigCsv } from '../support/big-csv.mjs';

const dir = tempDir('jn-e2e-paging-');
const term = terminal(dir, 'paging');
const { screen, keys, waitFor } = term;
after(() => term.kill());

const BYTES = Number(process.env.JN_PAGING_E2E_BYTES ?? 1e9);
/** RSS of the shell after 200 pages (MB). */
const RSS_BOUND_MB = 200;
const fmt = (n: number) => n.toLocaleString('en-US');

/** The row numbers (first column) on the screen, and the cursor's. */
function rowsOnScreen(s: string): { rows: number[]; cursor: number | undefined } {
  const rows: number[] = [];
  let cursor: number | undefined;
  for (const line of s.split('\n')) {
    const m = /^(›| )\s*(\d+)  /.exec(line);
    if (!m) continue;
    rows.push(Number(m[2]));
    if (m[1] === '›') cursor = Number(m[2]);
  }
  return { rows, cursor };
}

const consecutive = (rows: number[]) => rows.length > 5 && rows.every((r, i) => i === 0 || r === rows[i - 1] + 1);
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
/** The pid of the jn shell: the tmux pane's process, or its child (sh
 * forks when it redirects; the `jn` wrapper execs node). */
function shellPid(): number {
  const pane = Number(term.tmux('list-panes', '-t', `jn-paging-${process.pid}`, '-F', '#{pane_pid}').trim());
  return [pane, ...childPids(pane)].find((p) => /jn\.js shell /.test(cmdline(p)))!;
}
const rssMb = (pid: number) => Number(/VmRSS:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Focus the table (Tab, Tab from the editor), waiting for each move. */
async function focusTable(): Promise<void> {
  const firstLine = () => screen(true).split('\n')[0];
  // (generous deadlines: the index scan and other test files share 2 cores)
  keys('Tab');
  await poll(() => firstLine().startsWith('\x1b[36m'), { what: 'the focus on the stage list', show: screen, timeoutMs: 30_000 });
  keys('Tab');
  await poll(() => !firstLine().startsWith('\x1b[36m'), { what: 'the focus on the table', show: screen, timeoutMs: 30_000 });
}

/** Type an entry in the editor (Tab to it from the table first). */
async function command(text: string): Promise<void> {
  // the prompt is cyan while the editor has the focus
  const inEditor = () => screen(true).includes('\x1b[36mstage>');
  if (!inEditor()) {
    keys('Tab');
    await poll(inEditor, { what: 'the focus on the editor', show: screen });
  }
  keys(text, 'Enter');
}

describe('jn shell pages a big file (tmux)', () => {
  it('jumps to the middle, the end and a row; paging 200 pages keeps memory bounded', async () => {
    const big = join(dir, 'big.csv');
    const total = writeBigCsv(big, BYTES, 7);
    term.start('jn shell big.csv', 150, 40);
    await waitFor((s) => rowsOnScreen(s).cursor === 1, 'the first screen', 20_000);

    // :goto 50% — rows around the middle (approximate until the index is
    // ready, exact after: within 2% either way), consecutive
    keys(':goto 50%', 'Enter');
    const mid = await waitFor((s) => {
      const { rows } = rowsOnScreen(s);
      return consecutive(rows) && Math.abs(rows[0] - total / 2) < total * 0.02;
    }, 'rows around the middle', 20_000);
    assert.doesNotMatch(mid, /error/);

    // G — the last row
    await focusTable();
    keys('G');
    await waitFor((s) => rowsOnScreen(s).cursor === total, `the last row (${total})`, 20_000);

    // :goto 1000000 once the index is ready (the status line has the total)
    await waitFor((s) => s.includes(`${fmt(total)} rows ·`), 'the row index ready', 60_000);
    await command(':goto 1000000');
    const at = await waitFor((s) => rowsOnScreen(s).cursor === 1_000_000, 'row 1,000,000', 20_000);
    assert.match(at, /rows 1,000,000–/);

    // 200 pages down, typed at once: every key counts, memory stays bounded
    await focusTable();
    keys('PageDown');
    const page = rowsOnScreen(await waitFor((s) => (rowsOnScreen(s).cursor ?? 0) > 1_000_000, 'one page down')).cursor! - 1_000_000;
    keys(...Array.from({ length: 199 }, () => 'PageDown'));
    const end = 1_000_000 + 200 * page;
    await waitFor((s) => rowsOnScreen(s).cursor === end, `the cursor on row ${end}`, 60_000);
    const rss = rssMb(shellPid());
    assert.ok(rss < RSS_BOUND_MB, `the shell's RSS after 200 pages: ${rss.toFixed(0)} MB (bound ${RSS_BOUND_MB} MB)`);
    process.stderr.write(`# e2e-paging: ${(BYTES / 1e6).toFixed(0)} MB, ${fmt(total)} rows; RSS after 200 pages ${rss.toFixed(0)} MB\n`);
    keys('C-c');
  });

  it('runs in full with progress and the right total; a cancelled run leaves no process', async () => {
    const file = join(dir, 'full.csv');
    const total = writeBigCsv(file, 15e6, 3);
    term.start('jn shell full.csv > /dev/null', 150, 40);
    await waitFor((s) => rowsOnScreen(s).cursor === 1, 'the first screen', 20_000);
    keys(':run', 'Enter');
    await waitFor((s) => /reading: \[[█░]+\] \d+%/.test(s), 'the progress bar', 20_000);
    const done = await waitFor((s) => rowsOnScreen(s).cursor === total, 'the end of the output', 120_000);
    assert.match(done, new RegExp(`${fmt(total)} rows`));

    // a run with a stage, cancelled with R in the table
    await command('select(.n > 0)');
    await waitFor((s) => /1\. select\(\.n > 0\)/.test(s) && rowsOnScreen(s).cursor !== undefined, 'the stage');
    await command(':run');
    await waitFor((s) => /reading: \[/.test(s), 'the progress bar', 20_000);
    await focusTable();
    keys('R');
    await waitFor((s) => /cancelled/.test(s) && !/running…/.test(s), 'the run cancelled');
    const pid = shellPid();
    // (not the index scan, nor the idle pre-started processes of the next run)
    const chain = () => childPids(pid).filter((p) => !cmdline(p).includes('seek index') && !cmdline(p).includes('jn-pool-idle'));
    await poll(() => chain().length === 0, { what: 'no process of the run left', show: () => chain().map(cmdline) });
    // the shell answers: back to the first row
    keys('g');
    await waitFor((s) => rowsOnScreen(s).cursor === 1, 'the first row again');
    keys('C-c');
  });
});
