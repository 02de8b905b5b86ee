#!/usr/bin/env node
// How many cases of jq's own test suite (../shared/jq-tests) the installed
// jq and gojq binaries pass, judged the way test/filter/jq-suite.test.ts
// judges jn: `PEER -c PROGRAM` with the input on stdin; the first N output
// lines must equal the N expected values (compared as JSON values), and no
// further value may follow (a trailing error is fine, as in jq --run-tests).
// %%FAIL cases pass when the peer reports a compile error (exit 3).
// The same skip list as jn's runner applies. Prints a markdown table.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', '..', 'shared', 'jq-tests');
if (!existsSync(dir)) {
  console.log(`no jq test files at ${dir}`);
  process.exit(0);
}

const skipLine = (l) => /^\s*(#|$)/.test(l);
function parseFile(file, text) {
  const lines = text.split('\n');
  const cases = [];
  let i = 0;
  while (i < lines.length) {
    if (skipLine(lines[i])) {
      i++;
      continue;
    }
    let fail = false;
    if (lines[i].startsWith('%%FAIL')) {
      fail = true;
      i++;
    }
    const program = lines[i++];
    if (fail) {
      while (i < lines.length && !skipLine(lines[i])) i++;
      cases.push({ file, program, input: 'null', expected: [], fail });
      continue;
    }
    const input = lines[i++] ?? '';
    const expected = [];
    while (i < lines.length && !skipLine(lines[i])) expected.push(lines[i++]);
    cases.push({ file, program, input, expected, fail });
  }
  return cases;
}
// keep in sync with SKIPS in test/filter/jq-suite-lib.ts
const SKIPS = [
  (c) => /\b(import|include|modulemeta)\b|^module\b|%::/.test(c.program),
  (c) => /range\((9999|10000|10001)\)/.test(c.program),
  (c) => c.program.includes('(?<x>a?)?b?'),
  (c) => c.program === 'try input catch .',
];

function lenient(text) {
  try {
    return { ok: true, v: JSON.parse(text) };
  } catch {
    try {
      const fixed = text.replace(/-?\bnan\b|-?NaN/g, 'null').replace(/-?Infinity/g, (m) => (m[0] === '-' ? '-1.7976931348623157e308' : '1.7976931348623157e308')).replace(/\uFEFF/g, '');
      return { ok: true, v: JSON.parse(fixed) };
    } catch {
      return { ok: false };
    }
  }
}
function eq(a, b) {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Math.abs(a) > 1.7e308 && Math.abs(b) > 1.7e308 && Math.sign(a) === Math.sign(b));
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && eq(a[k], b[k]));
}

function runPeer(bin, c) {
  const r = spawnSync(bin, ['-c', c.program], { input: c.input + '\n', encoding: 'utf8', timeout: 10_000 });
  if (r.error) return false;
  if (c.fail) return r.status === 3 || /compile error|syntax error|not defined/i.test(r.stderr);
  const outs = r.stdout.split('\n').filter((l) => l !== '');
  // exactly the expected values: fewer is a failure, one more is superfluous
  if (outs.length !== c.expected.length) return false;
  for (let k = 0; k < c.expected.length; k++) {
    const want = lenient(c.expected[k]);
    const got = lenient(outs[k]);
    if (!want.ok || !got.ok || !eq(got.v, want.v)) return false;
  }
  return true;
}

const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.test'))
  .sort()
  .flatMap((f) => parseFile(f, readFileSync(join(dir, f), 'utf8')));
const peers = ['jq', 'gojq'].filter((p) => !spawnSync(p, ['--version']).error);
const rows = new Map();
for (const c of cases) {
  const row = rows.get(c.file) ?? { cases: 0, skipped: 0, passed: Object.fromEntries(peers.map((p) => [p, 0])) };
  rows.set(c.file, row);
  row.cases++;
  if (SKIPS.some((s) => s(c))) {
    row.skipped++;
    continue;
  }
  for (const p of peers) if (runPeer(p, c)) row.passed[p]++;
}
const versions = peers.map((p) => spawnSync(p, ['--version'], { encoding: 'utf8' }).stdout.trim()).join(', ');
console.log(`Peers: ${versions}\n`);
console.log(`| file | cases | skipped | ${peers.map((p) => `${p} passed | ${p} %`).join(' | ')} |`);
console.log(`| --- | ---: | ---: | ${peers.map(() => '---: | ---:').join(' | ')} |`);
const tot = { cases: 0, skipped: 0, passed: Object.fromEntries(peers.map((p) => [p, 0])) };
for (const [file, r] of rows) {
  tot.cases += r.cases;
  tot.skipped += r.skipped;
  for (const p of peers) tot.passed[p] += r.passed[p];
  console.log(`| ${file} | ${r.cases} | ${r.skipped} | ${peers.map((p) => `${r.passed[p]} | ${((100 * r.passed[p]) / (r.cases - r.skipped)).toFixed(1)}`).join(' | ')} |`);
}
console.log(`| **total** | ${tot.cases} | ${tot.skipped} | ${peers.map((p) => `${tot.passed[p]} | ${((100 * tot.passed[p]) / (tot.cases - tot.skipped)).toFixed(1)}`).join(' | ')} |`);
