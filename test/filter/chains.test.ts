// Flat chains of any length — `1 + 1 + ...`, `. | . | ...`, `a, b, ...`,
// `and`/`or`, `//`, def lists — parse, compile and run without a JS frame
// per link (compile-chain.ts, the parser's loops); the chain code gives jq's
// results, generators and error order included (expected values from jq, and
// 600 seeded random chains compared with the installed jq).
// Nesting is limited: a one-line NestingError, never a stack trace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compile, NestingError } from '../../src/filter/index.js';
import { dumpJq } from '../../src/filter/print.js';
import type { Value } from '../../src/filter/values.js';
import { rng, tempDir } from '../helpers.js';

function out(program: string, input: Value = null): string {
  const r: string[] = [];
  compile(program).run(input, (v) => r.push(dumpJq(v)));
  return r.join(' ');
}

const N = 30_000;
const chain = (term: string, op: string, n = N): string => Array.from({ length: n }, () => term).join(op);

test('30,000-term chains of every chaining operator give jq\'s answers', () => {
  assert.equal(out(chain('1', ' + ')), String(N));
  assert.equal(out(`${N} ${chain(' - 1', '', N - 1)}`), '1');
  assert.equal(out(chain('1', '*')), '1');
  assert.equal(out(chain('.', ' | '), 7), '7');
  assert.equal(out(chain('. + 1', ' | '), 0), String(N));
  assert.equal(out(`[${chain('1', ',')}] | length`), String(N));
  assert.equal(out(chain('true', ' and ')), 'true');
  assert.equal(out(chain('true', ' and ') + ' and false'), 'false');
  assert.equal(out(chain('false', ' or ')), 'false');
  assert.equal(out(chain('false', ' or ') + ' or 1'), 'true');
  assert.equal(out(chain('null', ' // ') + ' // 7'), '7');
  assert.equal(out(chain('.a', ' // '), { a: 3 }), '3');
  assert.equal(out(`{x: ${chain('.', ' | ')}}`, 1), '{"x":1}');
  const defs = Array.from({ length: N }, (_, k) => `def f${k}: ${k};`).join(' ');
  assert.equal(out(`${defs} f0 + f${N - 1}`), String(N - 1));
  assert.equal(out(chain('1', ' + ') + ' as $x | $x'), String(N));
});

test('a long chain with generators calls back only at them', () => {
  assert.equal(out(`[(1,2) + ${chain('1', ' + ', 5000)}]`), '[5001,5002]');
  assert.equal(out(`[(1,2) | ${chain('. + 1', ' | ', 5000)}]`), '[5001,5002]');
});

test('chains run as jq does: generators, short-circuits, errors, paths', () => {
  const cases: [string, Value, string][] = [
    ['[(1,2) + (10,20) + (100,200) + (1000,2000)]', null, '[1111,1112,1121,1122,1211,1212,1221,1222,2111,2112,2121,2122,2211,2212,2221,2222]'],
    ['[(1,2) - (10,20) - 100 - (1000,2000) - 5]', null, '[-1114,-1113,-1124,-1123,-2114,-2113,-2124,-2123]'],
    ['[(true,false) and (true,false) and true and (false,true)]', null, '[false,true,false,false]'],
    ['[(false,true) or (false,true) or false or (true,false)]', null, '[true,false,true,true]'],
    ['[(null,false) // (1,2) // 3 // 4]', null, '[1,2]'],
    ['[(null,false) // (empty) // (false) // (5,6)]', null, '[5,6]'],
    ['[(1,null,2) // 3 // 4 // 5]', null, '[1,2]'],
    ['[1,2 | . * 10 | . + 1 | tostring | length]', null, '[2,2]'],
    ['[.[] | . + 1 | . * 2 | [.,.] | .[] ]', [1, 2], '[4,4,6,6]'],
    ['try (error("a") + error("b") + error("c") + error("d")) catch .', null, '"d"'],
    ['[1 < 2, 1 + 2 * 3 - 4 / 2 % 3 + 1 + 1]', null, '[true,7]'],
    ['[(1,2) as $x | $x, 3 as $y | $y]', null, '[1,3,2,3]'],
    ['[try (1, error("x"), 3) catch .]', null, '[1,"x"]'],
    ['[limit(3; (1,2,3,4) | . * 2 | . + 1 | [.] | .[0])]', null, '[3,5,7]'],
    ['[path(.a // .b // .c // .d)]', { a: null, b: false, c: 5 }, '[["c"]]'],
    ['(.a // .b // .c // .x) |= 7', { a: null, b: false, c: 5 }, '{"a":null,"b":false,"c":7}'],
    ['del(.a, .b, .c)', { a: null, b: false, c: 5 }, '{}'],
    ['[path(.a | .b | .c | .d)]', null, '[["a","b","c","d"]]'],
  ];
  for (const [program, input, expected] of cases) assert.equal(out(program, input), expected, program);
});

test('nesting deeper than the parser can follow is one NestingError, with where', () => {
  const deep = '['.repeat(10_000) + '1' + ']'.repeat(10_000);
  assert.throws(
    () => compile(deep),
    (e: unknown) => e instanceof NestingError && /^program too deeply nested at line 1, column \d+$/.test(e.describe()),
  );
  const shallow = '['.repeat(500) + '1' + ']'.repeat(500);
  assert.equal(out(`${shallow} | flatten`), '[1]');
});

test('a compile error in a long line shows the part around the position', () => {
  const program = chain('1', ' + ', 1000) + ' + )';
  try {
    compile(program);
    assert.fail('compiled');
  } catch (e) {
    const lines = (e as NestingError).describe().split('\n');
    assert.equal(lines[0], `syntax error: unexpected token ')' at line 1, column ${program.length}`);
    assert.ok(lines[1].length <= 2 + 3 + 72 + 3, lines[1]);
    assert.ok(lines[1].endsWith('1 + 1 + )'), lines[1]);
    assert.equal(lines[2].indexOf('^'), lines[1].length - 1);
  }
});

test('seeded random chains of 4 to 6 operands (generators, empty, errors) match jq -c', (t) => {
  if (spawnSync('jq', ['--version']).error) {
    t.diagnostic('jq is not installed; nothing to compare against');
    console.log('chains vs jq: SKIPPED — jq not installed');
    return;
  }
  const rand = rng(7);
  const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)];
  const operands = ['1', '2', '(1,2)', 'empty', 'null', '.a', '(3,null)', 'false', '(true,false)', '.b', '(0,5)'];
  // jq 1.6 (the installed one) lets an error on the left of // through, 1.7 does not: errors only elsewhere
  const erring = [...operands, 'error("e")'];
  const stages = ['. + 1', '(.,.)', 'tostring', 'length', '[.]', '.[0]?', 'select(. != null)', 'error("p")', '(. // 7)', 'not', '. * 2'];
  const OPS: Record<string, string[]> = { bin: [' + ', ' - ', ' * '], logic: [' and ', ' or '], alt: [' // '], comma: [', '] };
  const cases: string[] = [];
  for (let k = 0; k < 600; k++) {
    const kind = pick(['bin', 'logic', 'alt', 'pipe', 'comma']);
    const n = 4 + Math.floor(rand() * 3);
    const pool = kind === 'alt' ? operands : erring;
    let e = pick(pool);
    for (let j = 1; j < n; j++) e += kind === 'pipe' ? ` | ${pick(stages)}` : pick(OPS[kind]) + pick(pool);
    cases.push(`try [${e}] catch "E"`);
  }
  const input = { a: 4, b: [1] };
  // jq refuses one function of more than 64 KiB of byte code: 100 cases a run
  const dir = tempDir('jn-chains-');
  const want: string[] = [];
  for (let b = 0; b < cases.length; b += 100) {
    const program = join(dir, `cases-${b}.jq`);
    writeFileSync(program, cases.slice(b, b + 100).map((c) => `(${c})`).join(',\n'));
    const jq = spawnSync('jq', ['-c', '-f', program], { input: JSON.stringify(input), encoding: 'utf8' });
    assert.equal(jq.stderr, '');
    want.push(...jq.stdout.trimEnd().split('\n'));
  }
  assert.equal(want.length, cases.length);
  const mismatches = cases.filter((c, k) => out(c, input) !== want[k]).map((c) => `${c}: jn ${out(c, input)}`);
  assert.deepEqual(mismatches, []);
});
