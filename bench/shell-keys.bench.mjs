#!/usr/bin/env node
// jn shell keystroke-to-frame time: from a key sent to the terminal (tmux
// send-keys) to the screen that shows it (capture-pane, polled), on a
// 100,000-row preview (`--limit 100000`, the rows held, over a 100,000-row
// CSV, all read by R, run in full) and on 300 rows of 50 KB strings (a 15 MB
// NDJSON file), with the load time of each (R, or the start, to the status
// line giving the row count). Keys: `j` in the table (the cursor row moves) and a character
// typed in the editor (it is echoed). Targets: ≤ 50 ms per key; load ≤ 1 s
// for the 20 MB case. The figures include tmux's own latency and the
// polling step (a capture-pane costs a few ms).
// Usage: npm run build && node bench/shell-keys.bench.mjs [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCsvRows, jnBin, rng } from './lib.mjs';

const quick = process.argv.includes('--quick');
const KEYS = quick ? 5 : 20;
const LOAD_TIMEOUT_MS = 300_000;
const KEY_TIMEOUT_MS = 30_000;
const dir = mkdtempSync(join(tmpdir(), 'jn-bench-keys-'));
const session = `jn-bench-keys-${process.pid}`;
process.on('exit', () => {
  spawnSync('tmux', ['kill-session', '-t', session]);
  rmSync(dir, { recursive: true, force: true });
});
const screen = () => execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
const send = (...keys) => execFileSync('tmux', ['send-keys', '-t', session, ...keys]);

/** ms from now until the screen satisfies pred (polled as fast as
 * capture-pane allows), or throws after timeoutMs. */
function until(pred, what, timeoutMs) {
  const t0 = performance.now();
  for (;;) {
    const s = screen();
    if (pred(s)) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`bench: ${what} not seen within ${timeoutMs} ms:\n${s}`);
  }
}

/** The row number under the table's cursor (rows start with their id). */
const cursorRow = (s) => Number(/^›\s*(\d+)\b/m.exec(s)?.[1] ?? NaN);
/** The status line says the run of n rows ended (`N rows · … · T ms`). */
const finished = (n) => (s) => {
  const line = s.split('\n').find((l) => l.startsWith(`${n} rows`) || l.startsWith(`${n.toLocaleString('en-US')} rows`));
  return line !== undefined && / · [\d,]+ ms/.test(line) && !s.includes('running…');
};

function start(file, args = '') {
  spawnSync('tmux', ['kill-session', '-t', session]);
  const t0 = performance.now();
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '40', `JN_HOME='${dir}/home' '${process.execPath}' '${jnBin}' shell ${args} '${file}' > /dev/null`]);
  return t0;
}

/** The stage list's border is cyan while it has the focus. */
const stagesFocused = () => execFileSync('tmux', ['capture-pane', '-p', '-e', '-t', session], { encoding: 'utf8' }).split('\n')[0].startsWith('\x1b[36m');

/** Give the table the focus: Tab to the stage list, then Tab to the table,
 * each seen on the screen before the next key. */
function focusTable() {
  send('Tab');
  until(() => stagesFocused(), 'the focus on the stage list', KEY_TIMEOUT_MS);
  send('Tab');
  until(() => !stagesFocused(), 'the focus on the table', KEY_TIMEOUT_MS);
}

/** Keystroke-to-frame of `j` in the table (which has the focus). */
function tableKeys() {
  send('g');
  until((s) => cursorRow(s) === 1, 'the cursor on row 1', KEY_TIMEOUT_MS);
  const times = [];
  for (let i = 1; i <= KEYS; i++) {
    send('j');
    times.push(until((s) => cursorRow(s) === i + 1, `the cursor on row ${i + 1}`, KEY_TIMEOUT_MS));
  }
  send('Tab'); // back to the editor
  return times;
}

/** Keystroke-to-frame of a character typed in the editor (a colon
 * command, so that no preview runs). */
function editorKeys() {
  send(':');
  until((s) => /^stage> :\s*$/m.test(s), 'the colon echoed', KEY_TIMEOUT_MS);
  const times = [];
  let typed = ':';
  for (let i = 0; i < KEYS; i++) {
    const ch = 'abcdefghijklmnopqrstuvwxyz'[i % 26];
    typed += ch;
    send('-l', ch);
    const expect = `stage> ${typed}`;
    times.push(until((s) => s.split('\n').some((l) => l.trimEnd() === expect), `"${typed}" echoed`, KEY_TIMEOUT_MS));
  }
  send('Escape');
  return times;
}

const fmt = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(0);
  return `${q(0.5)} | ${q(0.9)} | ${s.at(-1).toFixed(0)}`;
};

const results = [];

// 1. 100,000 rows held (--limit 100000), all read by R.
const csv = join(dir, 'rows.csv');
generateCsvRows(csv, 100_000);
start(csv, '--limit 100000');
until((s) => /^[\d,]+ rows( read)? · /m.test(s), 'the first screen', LOAD_TIMEOUT_MS);
focusTable();
send('R');
const load100k = until((s) => finished(100000)(s) && cursorRow(s) === 100000, 'the 100,000 rows read, the cursor on the last', LOAD_TIMEOUT_MS);
results.push({ name: '100,000 rows (`--limit 100000`, R, 9 columns)', load: load100k, table: tableKeys(), editor: editorKeys() });
send('C-c');

// 2. 300 rows of 50 KB strings.
const big = join(dir, 'long.ndjson');
const rand = rng(50);
const letters = 'abcdefghij klmnopqrst uvwxyz';
const chunk = Array.from({ length: 51_200 }, () => letters[Math.floor(rand() * letters.length)]).join('');
writeFileSync(big, Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: i + 1, text: chunk.slice(i) + chunk.slice(0, i), n: i * 7 })).join('\n') + '\n');
const t0 = start(big);
until(finished(300), 'the 300-row preview', LOAD_TIMEOUT_MS);
const load50k = performance.now() - t0;
focusTable();
results.push({ name: '300 rows of 50 KB strings (15 MB NDJSON)', load: load50k, table: tableKeys(), editor: editorKeys() });
send('C-c');

console.log(`## jn shell: keystroke to frame (tmux 160×40, ${KEYS} keys each; ms)\n`);
console.log('| preview | load (ms) | `j` in the table: median | p90 | max | a character in the editor: median | p90 | max |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) console.log(`| ${r.name} | ${r.load.toFixed(0)} | ${fmt(r.table)} | ${fmt(r.editor)} |`);
console.log('\ntargets: ≤ 50 ms per key; load ≤ 1 s for the 15–20 MB case (load of the 300-row case: from the start of `jn shell`, so it includes start-up)');
