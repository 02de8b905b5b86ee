#!/usr/bin/env node
// Flat memory of the commands that must stream (issue: join/analyze):
//   - jn join: left sides of 1M and 3M rows through the same 10k-row right
//     side; peak RSS of the jn join process.
//   - jn analyze: 100 MB and 1 GB of NDJSON; peak RSS.
// Usage: npm run build && node bench/commands.bench.mjs [--quick]
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileMB, jnBin, peakRss, rng, timeRun } from './lib.mjs';

const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'jn-bench-cmd-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const jn = (...args) => [process.execPath, jnBin, ...args];

function ndjsonFile(file, rows, keys, seed) {
  const rand = rng(seed);
  const fd = openSync(file, 'w');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += JSON.stringify({ id: Math.floor(rand() * keys), qty: Math.floor(rand() * 100), price: Math.round(rand() * 1e4) / 100, name: `item-${i % 977}`, ok: rand() < 0.5 }) + '\n';
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

function repeatFile(src, dest, bytes) {
  const block = readFileSync(src);
  const fd = openSync(dest, 'w');
  for (let n = 0; n < bytes; n += block.length) writeSync(fd, block);
  closeSync(fd);
}

const right = join(dir, 'right.jsonl');
const rfd = openSync(right, 'w');
for (let i = 0; i < 10_000; i++) writeSync(rfd, JSON.stringify({ id: i, customer: `c${i}`, region: ['EU', 'US', 'APAC'][i % 3] }) + '\n');
closeSync(rfd);

console.log('## jn join: left side streams through a 10k-row right side\n');
console.log('| left rows | time | peak RSS |');
console.log('| ---: | ---: | ---: |');
// V8 grows its heap over the first few hundred thousand records, then holds
// it: compare 1M with 3M rows (past the warm-up).
const sizes = quick ? [100_000, 300_000] : [1_000_000, 3_000_000];
const joinRss = [];
for (const rows of sizes) {
  const left = join(dir, `left-${rows}.jsonl`);
  ndjsonFile(left, rows, 12_000, 11);
  const secs = timeRun(jn('join', right, '--on', 'id'), { stdin: left });
  const kb = peakRss(jn('join', right, '--on', 'id'), { stdin: left });
  joinRss.push(kb);
  console.log(`| ${rows.toLocaleString('en')} | ${secs.toFixed(2)} s | ${(kb / 1024).toFixed(1)} MiB |`);
}
console.log(`\ndifference: ${((Math.abs(joinRss[1] - joinRss[0]) / joinRss[0]) * 100).toFixed(1)}%\n`);

console.log('## jn analyze: memory bounded by fields, not records\n');
console.log('| input | time | peak RSS |');
console.log('| ---: | ---: | ---: |');
const seedFile = join(dir, 'seed.jsonl');
ndjsonFile(seedFile, 100_000, 1e9, 5);
const anaRss = [];
for (const bytes of quick ? [20e6, 200e6] : [100e6, 1e9]) {
  const file = join(dir, `analyze-${bytes}.jsonl`);
  repeatFile(seedFile, file, bytes);
  const secs = timeRun(jn('analyze'), { stdin: file });
  const kb = peakRss(jn('analyze'), { stdin: file });
  anaRss.push(kb);
  console.log(`| ${fileMB(file).toFixed(0)} MB | ${secs.toFixed(2)} s | ${(kb / 1024).toFixed(1)} MiB |`);
  rmSync(file);
}
console.log(`\ndifference: ${((Math.abs(anaRss[1] - anaRss[0]) / anaRss[0]) * 100).toFixed(1)}%`);
