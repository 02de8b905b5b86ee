// Reads jq's own test files (../shared/jq-tests/*.test, jq's format) and runs
// each case through jn's filter engine in-process. Shared by the suite test
// and by bench/jq-suite-peers.mjs (which runs the same cases through jq/gojq).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, CompileError, JqError } from '../../src/filter/index.js';
import { parseJson } from '../../src/filter/json-input.js';
import { equals } from '../../src/filter/runtime.js';
import type { Value } from '../../src/filter/values.js';

export interface Case {
  file: string;
  line: number;
  program: string;
  input: string;
  expected: string[];
  fail: boolean; // %%FAIL: expects a compile error
}

export const SUITE_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'jq-tests');

export function suiteAvailable(): boolean {
  return existsSync(SUITE_DIR) && readdirSync(SUITE_DIR).some((f) => f.endsWith('.test'));
}

const skipLine = (l: string) => /^\s*(#|$)/.test(l);

function parseTestFile(file: string, text: string): Case[] {
  const lines = text.split('\n');
  const cases: Case[] = [];
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
    const line = i + 1;
    const program = lines[i++];
    if (fail) {
      const msg: string[] = [];
      while (i < lines.length && !skipLine(lines[i])) msg.push(lines[i++]);
      cases.push({ file, line, program, input: 'null', expected: msg, fail });
      continue;
    }
    const input = lines[i++] ?? '';
    const expected: string[] = [];
    while (i < lines.length && !skipLine(lines[i])) expected.push(lines[i++]);
    cases.push({ file, line, program, input, expected, fail });
  }
  return cases;
}

export function loadSuite(): Case[] {
  const out: Case[] = [];
  for (const f of readdirSync(SUITE_DIR)
    .filter((n) => n.endsWith('.test'))
    .sort()) {
    out.push(...parseTestFile(f, readFileSync(join(SUITE_DIR, f), 'utf8')));
  }
  return out;
}

/** Cases not supported on purpose, with the reason (matched on the program). */
export const SKIPS: { reason: string; test: (c: Case) => boolean }[] = [
  { reason: 'module system (import/include/module/modulemeta) is out of scope', test: (c) => /\b(import|include|modulemeta)\b|^module\b|%::/.test(c.program) },
  {
    reason: "jq's fixed nesting limits (10000 levels: parser, printer, setpath, contains, merge, equality, ordering); jn recurses on the JavaScript stack and does not replicate these limits",
    test: (c) => /range\((9999|10000|10001)\)/.test(c.program),
  },
  {
    reason: 'regex engine difference: an optional group that matches empty (`(a?)?`) is unset in JavaScript, set to "" in Oniguruma',
    test: (c) => c.program.includes('(?<x>a?)?b?'),
  },
  { reason: "jq's test harness has no input source (`input` raises a private \"break\")", test: (c) => c.program === 'try input catch .' },
];

export function skipReason(c: Case): string | null {
  for (const s of SKIPS) if (s.test(c)) return s.reason;
  return null;
}

export interface Outcome {
  pass: boolean;
  detail?: string;
}

const STOP = {};

/** Run one case the way `jq --run-tests` judges it: the first N outputs must
 * equal the N expected values (by value); an error or the end must follow. */
function runCase(c: Case): Outcome {
  if (c.fail) {
    try {
      compile(c.program);
      return { pass: false, detail: 'compiled, expected a compile error' };
    } catch (e) {
      if (e instanceof CompileError) return { pass: true };
      return { pass: false, detail: `threw ${(e as Error).message}` };
    }
  }
  let input: Value;
  let expected: Value[];
  try {
    input = parseJson(c.input);
    expected = c.expected.map((l) => parseJson(l));
  } catch (e) {
    return { pass: false, detail: `bad test data: ${(e as Error).message}` };
  }
  let prog;
  try {
    prog = compile(c.program, { stderr: () => {} });
  } catch (e) {
    return { pass: false, detail: `compile: ${(e as Error).message}` };
  }
  const got: Value[] = [];
  let error: string | null = null;
  try {
    prog.run(input, (v) => {
      got.push(v);
      if (got.length > expected.length) throw STOP;
    });
  } catch (e) {
    if (e === STOP) {
      // superfluous output
    } else if (e instanceof JqError) error = e.describe();
    else error = `internal: ${(e as Error)?.stack ?? String(e)}`;
  }
  for (let k = 0; k < expected.length; k++) {
    if (k >= got.length) return { pass: false, detail: `missing output ${k}${error ? `; error: ${error}` : ''}; got ${JSON.stringify(got)}` };
    if (!equals(got[k], expected[k])) return { pass: false, detail: `output ${k}: got ${JSON.stringify(got[k])}, expected ${c.expected[k]}` };
  }
  if (got.length > expected.length) return { pass: false, detail: `superfluous output ${JSON.stringify(got[expected.length])}` };
  if (error && error.startsWith('internal')) return { pass: false, detail: error };
  return { pass: true };
}

export interface FileStats {
  file: string;
  cases: number;
  skipped: number;
  passed: number;
}

export function runSuite(cases: Case[], onFail?: (c: Case, o: Outcome) => void): FileStats[] {
  const stats = new Map<string, FileStats>();
  for (const c of cases) {
    let s = stats.get(c.file);
    if (!s) stats.set(c.file, (s = { file: c.file, cases: 0, skipped: 0, passed: 0 }));
    s.cases++;
    if (skipReason(c)) {
      s.skipped++;
      continue;
    }
    const o = runCase(c);
    if (o.pass) s.passed++;
    else onFail?.(c, o);
  }
  return [...stats.values()];
}

export function table(stats: FileStats[]): string {
  const rows = ['| file | cases | skipped | passed | pass % (of non-skipped) |', '| --- | ---: | ---: | ---: | ---: |'];
  let tc = 0;
  let ts = 0;
  let tp = 0;
  for (const s of stats) {
    rows.push(`| ${s.file} | ${s.cases} | ${s.skipped} | ${s.passed} | ${((100 * s.passed) / Math.max(1, s.cases - s.skipped)).toFixed(1)} |`);
    tc += s.cases;
    ts += s.skipped;
    tp += s.passed;
  }
  rows.push(`| **total** | ${tc} | ${ts} | ${tp} | ${((100 * tp) / Math.max(1, tc - ts)).toFixed(1)} |`);
  return rows.join('\n');
}
