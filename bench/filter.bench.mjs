#!/usr/bin/env node
// `jn filter` speed next to jq and gojq on the same generated NDJSON
// (1M records, seeded; --quick: 100k). Best of 3 wall-clock runs each.
// Usage: npm run build && node bench/filter.bench.mjs [--quick]
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
      name: `${pick(WORDS)}_${Math.floor(rand() * 100)}`,
      city: pick(CITIES),
      qty: Math.floor(rand() * 1000),
      price: Math.round(rand() * 1_000_000) / 100,
      ratio: Math.round((rand() * 2 - 1) * 1e6) / 1e6,
      active: rand() < 0.5,
      tags: [pick(WORDS), pick(WORDS)],
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

const EXPRS = ['.', 'select(.qty > 500) | {id, name, total: (.qty * .price)}', '.tags |= map(ascii_upcase) | del(.ratio)', '[.id, .name, .qty] | @csv'];
console.log(`## jn filter vs jq / gojq (${ROWS.toLocaleString('en')} records, ${fileMB(file).toFixed(1)} MB NDJSON; best of ${RUNS})\n`);
console.log('| expression | jn | jq -c | gojq -c | jq / jn | gojq / jn |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const expr of EXPRS) {
  const raw = expr.includes('@csv') ? ['-r'] : [];
  const jn = best(RUNS, () => timeRun([process.execPath, jnBin, 'filter', ...raw, expr], { stdin: file }));
  const jq = have('jq') ? best(RUNS, () => timeRun(['jq', '-c', ...raw, expr], { stdin: file })) : undefined;
  const gojq = have('gojq') ? best(RUNS, () => timeRun(['gojq', '-c', ...raw, expr], { stdin: file })) : undefined;
  const f = (s) => (s === undefined ? 'n/a' : `${s.toFixed(2)} s`);
  const ratio = (s) => (s === undefined ? 'n/a' : `${(s / jn).toFixed(2)}×`);
  console.log(`| \`${expr.replaceAll("|", "\\|")}\` | ${f(jn)} | ${f(jq)} | ${f(gojq)} | ${ratio(jq)} | ${ratio(gojq)} |`);
}
