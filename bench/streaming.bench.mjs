#!/usr/bin/env node
// The streaming core, measured side by side with Miller, jq and gojq in one
// run (apt-get install miller jq gojq). Prints a markdown report:
//   1. speed on a generated 1M-row CSV: `jn cat medium.csv` vs
//      `mlr --icsv --ojsonl cat`; `jn put out.csv` from NDJSON vs
//      `mlr --ijsonl --ocsv cat`; NDJSON pass-through vs `jq -c .`/`gojq -c .`
//   2. flat memory: peak RSS of `jn cat` on 100 MB vs 1 GB of CSV
//   3. early exit: `jn cat 1GB.csv | jn head -n 10`, wall clock
// Usage: npm run build && node bench/streaming.bench.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { best, fileMB, generateCsvBytes, generateCsvRows, have, jnBin, peakRss, timeRun } from './lib.mjs';

const quick = process.argv.includes('--quick');
const ROWS = quick ? 100_000 : 1_000_000;
const RUNS = 3;
const node = process.execPath;
const jn = (...args) => [node, jnBin, ...args];

const dir = mkdtempSync(join(tmpdir(), 'jn-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const out = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};

const medium = join(dir, 'medium.csv');
const mediumJsonl = join(dir, 'medium.jsonl');
generateCsvRows(medium, ROWS);
timeRun(jn('cat', medium), { stdout: mediumJsonl });

say(`## Speed (${ROWS.toLocaleString('en')} rows, ${fileMB(medium).toFixed(1)} MB CSV, ${fileMB(mediumJsonl).toFixed(1)} MB NDJSON; best of ${RUNS})`);
say();
say('| task | jn | peer | peer time | ratio (peer / jn) |');
say('| --- | ---: | --- | ---: | ---: |');
const row = (task, jnSecs, peer, peerSecs) =>
  say(`| ${task} | ${jnSecs.toFixed(2)} s | ${peer} | ${peerSecs === undefined ? 'n/a' : peerSecs.toFixed(2) + ' s'} | ${peerSecs === undefined ? 'n/a' : (peerSecs / jnSecs).toFixed(2) + '×'} |`);

const catSecs = best(RUNS, () => timeRun(jn('cat', medium)));
const mlrRead = have('mlr') ? best(RUNS, () => timeRun(['mlr', '--icsv', '--ojsonl', 'cat'], { stdin: medium })) : undefined;
row('CSV → NDJSON: `jn cat medium.csv`', catSecs, '`mlr --icsv --ojsonl cat`', mlrRead);

const outCsv = join(dir, 'out.csv');
const putSecs = best(RUNS, () => timeRun(jn('put', outCsv), { stdin: mediumJsonl }));
const mlrWrite = have('mlr') ? best(RUNS, () => timeRun(['mlr', '--ijsonl', '--ocsv', 'cat'], { stdin: mediumJsonl })) : undefined;
row('NDJSON → CSV: `jn put out.csv`', putSecs, '`mlr --ijsonl --ocsv cat`', mlrWrite);

const passSecs = best(RUNS, () => timeRun(jn('cat', '-'), { stdin: mediumJsonl }));
for (const peer of ['jq', 'gojq']) {
  const secs = have(peer) ? best(RUNS, () => timeRun([peer, '-c', '.'], { stdin: mediumJsonl })) : undefined;
  row('NDJSON validate + compact: `jn cat -`', passSecs, `\`${peer} -c .\``, secs);
}

say();
say('## Memory (peak RSS of `jn cat big.csv > /dev/null`, largest process of the chain)');
say();
const small = join(dir, '100mb.csv');
const big = join(dir, '1gb.csv');
const sizes = quick ? [[small, 20e6], [big, 200e6]] : [[small, 100e6], [big, 1e9]];
const rss = [];
for (const [file, bytes] of sizes) {
  generateCsvBytes(file, bytes);
  rss.push(peakRss(jn('cat', file)));
}
say('| input | peak RSS |');
say('| ---: | ---: |');
sizes.forEach(([file], i) => say(`| ${fileMB(file).toFixed(0)} MB | ${(rss[i] / 1024).toFixed(1)} MiB |`));
say(`\ndifference: ${((Math.abs(rss[1] - rss[0]) / rss[0]) * 100).toFixed(1)}% (target: under 10%)`);

say();
say('## Early exit');
say();
const t0 = process.hrtime.bigint();
const r = spawnSync('sh', ['-c', '"$0" "$1" cat "$2" | "$0" "$1" head -n 10 > /dev/null', node, jnBin, big], { stdio: ['ignore', 'ignore', 'inherit'] });
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
say(`\`jn cat ${fileMB(big).toFixed(0)}MB.csv | jn head -n 10\`: ${secs.toFixed(3)} s (status ${r.status}; target: under 1 s)`);
