#!/usr/bin/env node
// URL and database sources, side by side with curl + Miller in one run:
//   1. `jn cat http://127.0.0.1/medium.csv` vs the same file read locally
//      and vs `curl -s URL | mlr --icsv --ojsonl cat` (sh pipeline)
//   2. early termination over the network: `jn cat URL | jn head -n 10`
//      against a server streaming an endless CSV; wall clock and the bytes
//      the server's kernel took before the connection closed
//   3. sqlite: `jn put db.sqlite?table=t` and `jn cat db.sqlite?table=t`
//      on the same rows, and peak RSS of the read at 1x and 10x the rows
// The server is bench/http-serve.mjs in its own process (the timings use
// spawnSync). Usage: npm run build && node bench/sources.bench.mjs [--quick]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { best, fileMB, generateCsvRows, have, jnBin, peakRss, timeRun } from './lib.mjs';

const quick = process.argv.includes('--quick');
const ROWS = quick ? 100_000 : 1_000_000;
const RUNS = 3;
const node = process.execPath;
const jn = (...args) => [node, jnBin, ...args];
const dir = mkdtempSync(join(tmpdir(), 'jn-bench-sources-'));
const server = spawn(node, [join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'http-serve.mjs'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
process.on('exit', () => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
});
const base = await new Promise((resolve) => server.stdout.once('data', (b) => resolve(String(b).trim())));
const stats = async () => (await (await fetch(`${base}/stats`)).json()).slowSent;

const medium = join(dir, 'medium.csv');
generateCsvRows(medium, ROWS);
const url = `${base}/files/medium.csv`;

console.log(`## URL sources (${ROWS.toLocaleString('en')} rows, ${fileMB(medium).toFixed(1)} MB CSV over http://127.0.0.1; best of ${RUNS})\n`);
console.log('| task | time | ratio (other / jn cat URL) |');
console.log('| --- | ---: | ---: |');
const jnUrl = best(RUNS, () => timeRun(jn('cat', url)));
console.log(`| \`jn cat URL\` | ${jnUrl.toFixed(2)} s | 1.00× |`);
const jnFile = best(RUNS, () => timeRun(jn('cat', medium)));
console.log(`| \`jn cat file\` (same data, local) | ${jnFile.toFixed(2)} s | ${(jnFile / jnUrl).toFixed(2)}× |`);
if (have('curl') && have('mlr')) {
  const peer = best(RUNS, () => timeRun(['sh', '-c', 'curl -s "$0" | mlr --icsv --ojsonl cat', url]));
  console.log(`| \`curl -s URL \\| mlr --icsv --ojsonl cat\` | ${peer.toFixed(2)} s | ${(peer / jnUrl).toFixed(2)}× |`);
}

console.log('\n## Early termination over the network (endless CSV, 64 KiB every 2 ms)\n');
console.log('| run | wall clock | bytes the server sent |');
console.log('| --- | ---: | ---: |');
for (let i = 1; i <= 3; i++) {
  const before = await stats();
  const secs = await new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const p = spawn('sh', ['-c', '"$0" "$1" cat "$2" | "$0" "$1" head -n 10 > /dev/null', node, jnBin, `${base}/slow.csv`], { stdio: 'inherit' });
    p.on('close', () => resolve(Number(process.hrtime.bigint() - t0) / 1e9));
  });
  await new Promise((r) => setTimeout(r, 500));
  const sent = (await stats()) - before;
  console.log(`| ${i} | ${secs.toFixed(2)} s | ${(sent / 1048576).toFixed(2)} MiB |`);
}

console.log(`\n## SQLite (${ROWS.toLocaleString('en')} rows)\n`);
const jsonl = join(dir, 'medium.jsonl');
timeRun(jn('cat', medium), { stdout: jsonl });
const db = join(dir, 'medium.sqlite');
const put = best(1, () => timeRun(jn('put', `${db}?table=t`), { stdin: jsonl }));
const read = best(RUNS, () => timeRun(jn('cat', `${db}?table=t`)));
console.log('| task | time |');
console.log('| --- | ---: |');
console.log(`| \`jn put db.sqlite?table=t\` | ${put.toFixed(2)} s |`);
console.log(`| \`jn cat db.sqlite?table=t\` | ${read.toFixed(2)} s |`);
const small = join(dir, 'small.sqlite');
timeRun(['sh', '-c', `"$0" "$1" head -n ${ROWS / 10} < "$2" | "$0" "$1" put "$3"`, node, jnBin, jsonl, `${small}?table=t`]);
const rssSmall = peakRss(jn('cat', `${small}?table=t`));
const rssBig = peakRss(jn('cat', `${db}?table=t`));
console.log(`\nPeak RSS of \`jn cat db.sqlite?table=t\`: ${(rssSmall / 1024).toFixed(1)} MiB for ${(ROWS / 10).toLocaleString('en')} rows, ${(rssBig / 1024).toFixed(1)} MiB for ${ROWS.toLocaleString('en')} rows.`);
process.exit(0);
