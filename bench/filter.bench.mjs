#!/usr/bin/env node
// `jn filter` speed next to jq and gojq on the same generated NDJSON
// (1M records, seeded; --quick: 100k). Best of 3 wall-clock runs each.
// jn runs as dist/jn.js through its #! line, as `jn` on the PATH does.
// Usage: npm run build && node bench/filter.bench.mjs [--quick] [--first=N]
// (--first=N: only the first N expressions; the first two are the targets)
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { best, fileMB, have, jnBin, rng, timeRun } from './lib.mjs';

const quick = process.argv.includes('--quick');
const ROWS = quick ? 100_000 : 1_000_000;
const RUNS = 3;
const dir = mkdtempSync(join(tmpdir(), 'jn-filter-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
const CITIES = ['Berlin', 'Paris', 'Oslo', 'Lisbon', 'Rome', 'Madrid'];
const file = join(dir, 'records.jsonl');
{
  const rand = rng(424242);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const fd = openSync(file, 'w');
  let buf = '';
  for (let i = 1; i <= ROWS; i++) {
    const rec = {
      id: i,
      x: Math.floor(rand() * 21),
      amount: Math.round(rand() * 100_000) / 100,
      name: `${pick(WORDS)}_${Math.floor(rand() * 100)}`,
      city: pick(CITIES),
      qty: Math.floor(rand() * 1000),
      price: Math.round(rand() * 1_000_000) / 100,
      ratio: Math.round((rand() * 2 - 1) * 1e6) / 1e6,
      active: rand() < 0.5,
      tags: [pick(WORDS), pick(WORDS)],
      note: `${pick(WORDS)} ${pick(CITIES)} ${pick(WORDS)} ${pick(WORDS)} ${pick(CITIES)}`,
    };
    buf += JSON.stringify(rec) + '\n';
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

// The first two are the targets: at least 2.5x jq -c and ahead of gojq -c.
const EXPRS = ['select(.x > 10)', '{id, name, amount}', '.', 'select(.qty > 500) | {id, name, total: (.qty * .price)}', '.tags |= map(ascii_upcase) | del(.ratio)', '[.id, .name, .qty] | @csv'];
console.log(`## jn filter vs jq / gojq (${ROWS.toLocaleString('en')} records, ${fileMB(file).toFixed(1)} MB NDJSON; best of ${RUNS})\n`);
console.log('| expression | jn | jq -c | gojq -c | jq / jn | gojq / jn |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const firstArg = process.argv.find((a) => a.startsWith('--first='));
for (const expr of firstArg ? EXPRS.slice(0, Number(firstArg.slice(8))) : EXPRS) {
  const raw = expr.includes('@csv') ? ['-r'] : [];
  const jn = best(RUNS, () => timeRun([jnBin, 'filter', ...raw, expr], { stdin: file }));
  const jq = have('jq') ? best(RUNS, () => timeRun(['jq', '-c', ...raw, expr], { stdin: file })) : undefined;
  const gojq = have('gojq') ? best(RUNS, () => timeRun(['gojq', '-c', ...raw, expr], { stdin: file })) : undefined;
  const f = (s) => (s === undefined ? 'n/a' : `${s.toFixed(2)} s`);
  const ratio = (s) => (s === undefined ? 'n/a' : `${(s / jn).toFixed(2)}×`);
  console.log(`| \`${expr.replaceAll("|", "\\|")}\` | ${f(jn)} | ${f(jq)} | ${f(gojq)} | ${ratio(jq)} | ${ratio(gojq)} |`);
}

// Memory flat in input size: the same records three times over.
const triple = join(dir, 'triple.jsonl');
{
  const { readFileSync, appendFileSync, writeFileSync } = await import('node:fs');
  const data = readFileSync(file);
  writeFileSync(triple, data);
  appendFileSync(triple, data);
  appendFileSync(triple, data);
}
const { peakRss } = await import('./lib.mjs');
const small = peakRss([jnBin, 'filter', 'select(.x > 10)'], { stdin: file });
const large = peakRss([jnBin, 'filter', 'select(.x > 10)'], { stdin: triple });
console.log(`\nMemory: peak RSS of \`jn filter 'select(.x > 10)'\`: ${fileMB(file).toFixed(0)} MB -> ${(small / 1024).toFixed(1)} MiB, ${fileMB(triple).toFixed(0)} MB -> ${(large / 1024).toFixed(1)} MiB (${((Math.abs(large - small) / small) * 100).toFixed(1)}%)`);
