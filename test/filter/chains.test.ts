// Flat chains of any length — `1 + 1 + ...`, `. | . | ...`, `a, b, ...`,
// `and`/`or`, `//`, def lists — parse, compile and run without a JS frame
// per link (compile-chain.ts, the parser's loops); the chain code gives jq's
// results, generators and error order included (expected values from jq).
// Nesting is limited: a one-line NestingError, never a stack trace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile, NestingError } from '../../src/filter/index.js';
import { dumpJq } from '../../src/filter/print.js';
import type { Value } from '../../src/filter/values.js';

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
