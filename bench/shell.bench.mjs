#!/usr/bin/env node
// jn shell preview latency: from Enter on a new stage to its rows drawn, on
// a 1 MB and on a 1 GB CSV, driven in a real terminal (tmux) and timed by
// the app itself (JN_SHELL_TIMINGS). Target: the two within 20% of each
// other, and under 300 ms.
// Usage: npm run build && node bench/shell.bench.mjs [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCsvBytes, jnBin } from './lib.mjs';

const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'jn-bench-shell-'));
const session = `jn-bench-${process.pid}`;
process.on('exit', () => {
  spawnSync('tmux', ['kill-session', '-t', session]);
  rmSync(dir, { recursive: true, force: true });
});
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const screen = () => execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
const STAGES = ['head 20'];
const ROUNDS = 5;

function measure(file) {
  const timings = join(dir, 'timings.jsonl');
  writeFileSync(timings, '');
  spawnSync('tmux', ['kill-session', '-t', session]);
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '40', `JN_HOME='${dir}/home' JN_SHELL_TIMINGS='${timings}' '${process.execPath}' '${jnBin}' shell '${file}' > /dev/null`]);
  for (let i = 0; i < 200 && !screen().includes(' rows'); i++) sleep(25);
  const results = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const stage of STAGES) {
      const before = readFileSync(timings, 'utf8').split('\n').filter(Boolean).length;
      execFileSync('tmux', ['send-keys', '-t', session, stage, 'Enter']);
      let lines = [];
      for (let i = 0; i < 400; i++) {
        lines = readFileSync(timings, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
        if (lines.length > before && lines.at(-1).sinceEnterMs !== null && lines.at(-1).sinceEnterMs !== undefined) break;
        sleep(10);
      }
      results.push({ rows: lines.at(-1).rowsShownMs, done: lines.at(-1).sinceEnterMs });
      // remove the stage again (the editor keeps the focus)
      execFileSync('tmux', ['send-keys', '-t', session, ':undo', 'Enter']);
      sleep(800);
    }
  }
  execFileSync('tmux', ['send-keys', '-t', session, 'C-c']);
  return results;
}

const small = join(dir, 'small.csv');
const big = join(dir, 'big.csv');
generateCsvBytes(small, 1e6);
generateCsvBytes(big, quick ? 1e8 : 1e9);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const a = measure(small);
const b = measure(big);
console.log('## jn shell: Enter on a new stage (`head 20`) to its rows drawn, and to the end of the run\n');
console.log('| source | rows drawn (ms) | median | run ended (ms) | median |');
console.log('| --- | --- | ---: | --- | ---: |');
const line = (name, r) => {
  const rows = r.map((x) => x.rows);
  const done = r.map((x) => x.done);
  console.log(`| ${name} | ${rows.map((x) => x.toFixed(0)).join(', ')} | ${median(rows).toFixed(0)} ms | ${done.map((x) => x.toFixed(0)).join(', ')} | ${median(done).toFixed(0)} ms |`);
};
line('1 MB CSV', a);
line(quick ? '100 MB CSV' : '1 GB CSV', b);
const ra = median(a.map((x) => x.rows));
const rb = median(b.map((x) => x.rows));
console.log(`\nratio of the rows-drawn medians: ${(rb / ra).toFixed(2)} (target: within 20%); target: under 300 ms`);
