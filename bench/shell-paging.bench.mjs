#!/usr/bin/env node
// jn shell as a pager of a 1 GB CSV (test/support/big-csv.mjs: the first
// column is the row number), in a real terminal (tmux):
// - time per page (PgDn to the next rows drawn) at row ~1,000,000 vs row 1
//   (target: ratio <= 1.5);
// - `:goto 50%` (and 25%, 75%) to rows drawn (target <= 300 ms), timed by
//   the app (JN_SHELL_TIMINGS, Enter to rows drawn);
// - Enter on the third stage of a 3-stage chain to its rows drawn (target
//   <= 150 ms median), timed by the app;
// - first screen after `jn shell big.csv` (target <= 300 ms), from the
//   start of the command to the first row on the screen (polled).
// Usage: npm run build && node bench/shell-paging.bench.mjs [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jnBin } from './lib.mjs';
import { writeBigCsv } from '../test/support/big-csv.mjs';

const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'jn-bench-paging-'));
const session = `jn-bench-paging-${process.pid}`;
process.on('exit', () => {
  spawnSync('tmux', ['kill-session', '-t', session]);
  rmSync(dir, { recursive: true, force: true });
});
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const screen = () => execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
const keys = (...k) => execFileSync('tmux', ['send-keys', '-t', session, ...k]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cursorRow = (s) => {
  const m = /^›\s*(\d+)  /m.exec(s);
  return m ? Number(m[1]) : undefined;
};
/** Poll the screen every 2 ms until pred holds; ms waited. */
function until(pred, what, timeoutMs = 60_000) {
  const t0 = performance.now();
  for (;;) {
    const s = screen();
    if (pred(s)) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`${what}: not reached\n${s}`);
    sleep(2);
  }
}
const timings = join(dir, 'timings.jsonl');
const timed = () => readFileSync(timings, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
/** Enter `text` in the editor; the app's Enter-to-rows-drawn time. */
function enter(text) {
  const before = timed().length;
  keys(text, 'Enter');
  for (let i = 0; i < 3000; i++) {
    const lines = timed();
    if (lines.length > before && lines.at(-1).rowsShownMs != null) return lines.at(-1).rowsShownMs;
    sleep(5);
  }
  throw new Error(`${text}: no timing`);
}
function start(file) {
  writeFileSync(timings, '');
  spawnSync('tmux', ['kill-session', '-t', session]);
  const t0 = performance.now();
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '40', `JN_HOME='${dir}/home' JN_SHELL_TIMINGS='${timings}' '${process.execPath}' '${jnBin}' shell '${file}' > /dev/null`]);
  until((s) => cursorRow(s) === 1, 'the first screen');
  return performance.now() - t0;
}
const firstLine = () => execFileSync('tmux', ['capture-pane', '-p', '-e', '-t', session], { encoding: 'utf8' }).split('\n')[0];
function focusTable() {
  keys('Tab');
  until(() => firstLine().startsWith('\x1b[36m'), 'the stage list');
  keys('Tab');
  until(() => !firstLine().startsWith('\x1b[36m'), 'the table');
}
function toEditor() {
  keys('Tab');
  until(() => execFileSync('tmux', ['capture-pane', '-p', '-e', '-t', session], { encoding: 'utf8' }).includes('\x1b[36mstage>'), 'the editor');
}
/** ms per page: PgDn, then the cursor row changed on the screen. */
function pages(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const from = cursorRow(screen());
    keys('PageDown');
    out.push(until((s) => cursorRow(s) !== undefined && cursorRow(s) !== from, 'the next page'));
  }
  return out;
}

const big = join(dir, 'big.csv');
const t0 = performance.now();
const total = writeBigCsv(big, quick ? 1e8 : 1e9, 11);
console.log(`generated ${(quick ? 1e8 : 1e9) / 1e6} MB, ${total.toLocaleString('en-US')} rows in ${Math.round(performance.now() - t0)} ms\n`);

// first screen: 3 starts (the first one builds the row index, cached after)
const first = [start(big), start(big), start(big)];
until((s) => s.includes(`${total.toLocaleString('en-US')} rows ·`), 'the row index', 120_000);

// 3-stage chain: two stages, then Enter on the third (5 times, undone after each)
enter('select(.amount > 100)');
enter('put .x = .n * 2');
const stage3 = [];
for (let i = 0; i < 5; i++) {
  stage3.push(enter(`head ${1000 + i}`));
  enter(':undo');
}
enter(':undo');
enter(':undo');

// jumps
const jumps = ['25%', '50%', '75%', '50%', '50%'].map((p) => ({ p, ms: enter(`:goto ${p}`) }));

// pages at row 1 and at row ~1,000,000
const PAGES = quick ? 10 : 20;
enter(':goto 1');
focusTable();
const atStart = pages(PAGES);
toEditor();
enter(':goto 1000000');
until((s) => cursorRow(s) === 1_000_000, 'row 1,000,000');
focusTable();
const atMillion = pages(PAGES);
keys('C-c');

const f = (x) => `${Math.round(x)}`;
console.log('| measure | runs (ms) | median (ms) | target |');
console.log('| --- | --- | --- | --- |');
console.log(`| first screen after \`jn shell big.csv\` | ${first.map(f).join(', ')} | ${f(median(first))} | ≤ 300 |`);
console.log(`| Enter → rows drawn, 3rd stage of a 3-stage chain | ${stage3.map(f).join(', ')} | ${f(median(stage3))} | ≤ 150 |`);
console.log(`| \`:goto P%\` → rows drawn | ${jumps.map((j) => `${j.p} ${f(j.ms)}`).join(', ')} | ${f(median(jumps.map((j) => j.ms)))} | ≤ 300 |`);
console.log(`| PgDn → next page drawn, at row 1 | ${atStart.map(f).join(', ')} | ${f(median(atStart))} | |`);
console.log(`| PgDn → next page drawn, at row 1,000,000 | ${atMillion.map(f).join(', ')} | ${f(median(atMillion))} | |`);
console.log(`\nratio of the medians (row 1,000,000 / row 1): ${(median(atMillion) / median(atStart)).toFixed(2)} (target ≤ 1.5)`);
