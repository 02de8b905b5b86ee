#!/usr/bin/env node
// Benchmark of the bundled csv plugin against Miller, side by side:
//   read:  node dist/plugins/csv.js --mode=read  < medium.csv   vs  mlr --icsv --ojsonl cat
//   write: node dist/plugins/csv.js --mode=write < medium.ndjson vs  mlr --ijsonl --ocsv cat
// on a generated (seeded) 1,000,000-row CSV; best of 3 wall-clock runs each.
// Usage: node scripts/build.mjs csv && node bench/csv.bench.mjs [--quick] [rows]
// (--quick: 100,000 rows, as the other benches)
import { spawnSync } from 'node:child_process';
import { generateCsvRows } from './lib.mjs';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const plugin = join(root, 'dist', 'plugins', 'csv.js');
const rowsArg = process.argv.slice(2).find((a) => /^\d+$/.test(a));
const ROWS = rowsArg ? Number(rowsArg) : process.argv.includes('--quick') ? 100_000 : 1_000_000;
const RUNS = 3;

if (!existsSync(plugin)) {
  console.error(`${plugin} not found: run \`node scripts/build.mjs csv\` first`);
  process.exit(2);
}
const mlrCheck = spawnSync('mlr', ['--version'], { encoding: 'utf8' });
if (mlrCheck.error || mlrCheck.status !== 0) {
  console.error('mlr (Miller) is not installed');
  process.exit(2);
}

// The same seeded generator as bench/streaming.bench.mjs.
const generate = (file, rows) => generateCsvRows(file, rows);

/** Wall time (ms) of one run of cmd args with stdin from `input`, stdout to /dev/null. */
function timeOnce(cmd, args, input) {
  const inFd = openSync(input, 'r');
  const outFd = openSync('/dev/null', 'w');
  try {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: [inFd, outFd, 'pipe'], maxBuffer: 1 << 20 });
    const ms = performance.now() - t0;
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
    return ms;
  } finally {
    closeSync(inFd);
    closeSync(outFd);
  }
}

function best(cmd, args, input) {
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) min = Math.min(min, timeOnce(cmd, args, input));
  return min;
}

const dir = mkdtempSync(join(tmpdir(), 'jn-csv-bench-'));
try {
  const csv = join(dir, 'medium.csv');
  const ndjson = join(dir, 'medium.ndjson');
  process.stderr.write(`generating ${ROWS} rows... `);
  generate(csv, ROWS);
  // The write-mode input is the plugin's own read output.
  {
    const inFd = openSync(csv, 'r');
    const outFd = openSync(ndjson, 'w');
    const r = spawnSync(process.execPath, [plugin, '--mode=read'], { stdio: [inFd, outFd, 'inherit'] });
    closeSync(inFd);
    closeSync(outFd);
    if (r.status !== 0) throw new Error('csv --mode=read failed while preparing the NDJSON input');
  }
  const csvBytes = statSync(csv).size;
  const ndBytes = statSync(ndjson).size;
  process.stderr.write(`csv ${(csvBytes / 1e6).toFixed(1)} MB, ndjson ${(ndBytes / 1e6).toFixed(1)} MB\n`);

  const cases = [
    { name: 'read  csv -> ndjson', input: csv, bytes: csvBytes, jn: [plugin, '--mode=read'], mlr: ['--icsv', '--ojsonl', 'cat'] },
    { name: 'write ndjson -> csv', input: ndjson, bytes: ndBytes, jn: [plugin, '--mode=write'], mlr: ['--ijsonl', '--ocsv', 'cat'] },
  ];
  const rows = [];
  for (const c of cases) {
    // interleave so that machine noise hits both sides alike
    let jn = Infinity;
    let mlr = Infinity;
    for (let i = 0; i < RUNS; i++) {
      jn = Math.min(jn, timeOnce(process.execPath, c.jn, c.input));
      mlr = Math.min(mlr, timeOnce('mlr', c.mlr, c.input));
    }
    rows.push({ ...c, jnMs: jn, mlrMs: mlr });
  }

  const mbps = (bytes, ms) => (bytes / 1e6 / (ms / 1000)).toFixed(1);
  const header = ['case', 'input MB', 'jn s', 'jn MB/s', 'mlr s', 'mlr MB/s', 'mlr/jn'];
  const table = rows.map((r) => [
    r.name,
    (r.bytes / 1e6).toFixed(1),
    (r.jnMs / 1000).toFixed(2),
    mbps(r.bytes, r.jnMs),
    (r.mlrMs / 1000).toFixed(2),
    mbps(r.bytes, r.mlrMs),
    (r.mlrMs / r.jnMs).toFixed(2) + 'x',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const fmt = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`csv plugin vs Miller, ${ROWS} rows, best of ${RUNS} (node ${process.version})`);
  console.log(fmt(header));
  for (const t of table) console.log(fmt(t));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
