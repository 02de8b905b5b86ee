// The filter engine through its public API: language semantics that jq's
// own suite does not pin down, output formatting, laziness, and jn's extras.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile, CompileError, JqError } from '../../src/filter/index.js';
import { dumpJq, formatNumber } from '../../src/filter/print.js';
import type { Value } from '../../src/filter/values.js';

function out(program: string, input: Value = null, vars?: Record<string, Value>): string[] {
  const r: string[] = [];
  compile(program, { vars }).run(input, (v) => r.push(dumpJq(v)));
  return r;
}
const one = (program: string, input: Value = null) => out(program, input).join(' ');
function error(program: string, input: Value = null): Value {
  try {
    compile(program).run(input, () => {});
  } catch (e) {
    if (e instanceof JqError) return e.value;
    throw e;
  }
  assert.fail(`no error from ${program}`);
}

test('number output matches jq -c', () => {
  const cases: [number, string][] = [
    [1.0, '1'],
    [-0, '-0'],
    [NaN, 'null'],
    [Infinity, '1.7976931348623157e+308'],
    [-Infinity, '-1.7976931348623157e+308'],
    [1e100, '1e+100'],
    [1e-7, '1e-07'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000'],
    [123456789012345680, '123456789012345680'],
    [1.5e17, '1.5e+17'],
    [0.1 + 0.2, '0.30000000000000004'],
    [3.630000000000001e-5, '3.630000000000001e-05'],
  ];
  for (const [n, s] of cases) assert.equal(formatNumber(n), s, String(n));
  assert.equal(dumpJq({ a: [-0, 1e1000, 'x\u007f'] }), '{"a":[-0,1.7976931348623157e+308,"x\\u007f"]}');
});

test('paths, assignment and deletion', () => {
  assert.equal(one('[paths]', { a: [1, { b: 2 }] }), '[["a"],["a",0],["a",1],["a",1,"b"]]');
  assert.equal(one('.a[1:] = ["x"]', { a: [1, 2, 3] }), '{"a":[1,"x"]}');
  assert.equal(one('.a |= map(. * 2)', { a: [1, 2] }), '{"a":[2,4]}');
  assert.equal(one('(.. | numbers) += 1', { a: [1, { b: 2 }] }), '{"a":[2,{"b":3}]}');
  assert.equal(one('del(.[] | select(. > 1))', [1, 2, 3, 0]), '[1,0]');
  assert.equal(one('to_entries | from_entries', { a: 1, b: 2 }), '{"a":1,"b":2}');
  assert.equal(one('[leaf_paths]', { a: { b: 1 }, c: [true] }), '[["a","b"],["c",0]]');
  assert.equal(one('pick(.a.b, .c)', { a: { b: 1, x: 2 }, c: 3, d: 4 }), '{"a":{"b":1},"c":3}');
  assert.equal(one('.a //= 5 | .b //= 6', { a: false, b: 1 }), '{"a":5,"b":1}');
  assert.equal(one('[tostream] | fromstream(.[])', { a: [1, { b: 2 }] }), '{"a":[1,{"b":2}]}');
  assert.equal(String(error('path(map(.))', [1])), 'Invalid path expression with result [1]');
});

test('try/catch: errors downstream of a try body are not caught by it', () => {
  assert.deepEqual(out('.[] | try (if . == 2 then error("x") else . end) catch "caught"', [1, 2, 3]), ['1', '"caught"', '3']);
  assert.equal(String(error('(try . catch "no") | error("after")', 1)), 'after');
  assert.equal(one('try error({a: 1}) catch .a'), '1');
  assert.equal(one('try error(null) catch .'), 'null');
  assert.deepEqual(out('[.[] | .a?]', [1, { a: 2 }]), ['[2]']);
  assert.equal(one('[label $f | 1, 2, break $f, 3]'), '[1,2]');
  assert.equal(one('[.[] | (1 / .)?]', [1, 0, 2]), '[1,0.5]');
});

test('generators are lazy: limit, first, isempty, label stop at once', () => {
  // Each value range yields goes through debug: counted, not timed.
  const pulled = (program: string): [string[], number] => {
    let n = 0;
    const outs: string[] = [];
    compile(program, { stderr: () => n++ }).run(null, (v) => outs.push(dumpJq(v)));
    return [outs, n];
  };
  assert.deepEqual(pulled('[limit(3; range(1e9) | debug)]'), [['[0,1,2]'], 3]);
  assert.deepEqual(pulled('first(range(1e9) | debug)'), [['0'], 1]);
  assert.deepEqual(pulled('isempty(range(1e9) | debug)'), [['false'], 1]);
  assert.deepEqual(pulled('[label $out | range(1e9) | debug | if . == 2 then break $out else . end]'), [['[0,1]'], 3]);
});

test('input and inputs read further values lazily', () => {
  const values: Value[] = [2, 3, 4];
  const p = compile('[., input]', { nextInput: () => values.shift() });
  const r: Value[] = [];
  p.run(1, (v) => r.push(v));
  assert.deepEqual(r, [[1, 2]]);
  const p2 = compile('first(inputs)', { nextInput: () => values.shift() });
  const r2: Value[] = [];
  p2.run(null, (v) => r2.push(v));
  assert.deepEqual(r2, [3]);
  assert.deepEqual(values, [4]);
});

test('functions: recursion, closures, $params, redefinition', () => {
  assert.equal(one('def fac: if . <= 1 then 1 else . * (. - 1 | fac) end; [range(1; 6) | fac]'), '[1,2,6,24,120]');
  assert.equal(one('def f(g): [g, g]; f(.a)', { a: 1 }), '[1,1]');
  assert.equal(one('def f($x; $y): $x - $y; f(10; 3)'), '7');
  assert.equal(one('def map(f): "mine"; [1] | map(.)'), '"mine"');
  assert.equal(one('[1, 2] | map(. * 10)'), '[10,20]');
  assert.throws(() => compile('def f: $x; 1 as $x | f'), /\$x is not defined/);
});

test('variables, destructuring and alternatives', () => {
  assert.deepEqual(out('$x + 1', null, { x: 41 }), ['42']);
  assert.equal(one('. as [$a, {b: $c}] | [$a, $c]', [1, { b: 2 }]), '[1,2]');
  assert.deepEqual(out('.[] as [$a] ?// $a | $a', [[1], 2]), ['1', '2']);
  assert.equal(one('reduce .[] as {k: $k, v: $v} ({}; .[$k] = $v)', [{ k: 'a', v: 1 }]), '{"a":1}');
  assert.equal(one('[foreach (1, 2, 3) as $x (0; . + $x; [$x, .])]'), '[[1,1],[2,3],[3,6]]');
  assert.equal(one('{$__loc__}'), '{"__loc__":{"file":"<top-level>","line":1}}');
});

test('strings, formats and regexes', () => {
  assert.equal(one('"a\\(1 + 2)b"'), '"a3b"');
  assert.equal(one('@csv', [1, 'a"b', null, true]), '"1,\\"a\\"\\"b\\",,true"');
  assert.equal(one('@tsv', ['a\tb', 1]), '"a\\\\tb\\t1"');
  assert.equal(one('@sh "echo \\(.)"', "it's"), '"echo \'it\'\\\\\'\'s\'"');
  assert.equal(one('@base64 | @base64d', 'héllo'), '"héllo"');
  assert.equal(one('[match("(?<n>\\\\d+)"; "g") | .captures[0].name]', 'a1b22'), '["n","n"]');
  assert.equal(one('gsub("(?<d>\\\\d)"; "<\\(.d)>")', 'a1b2'), '"a<1>b<2>"');
  assert.equal(one('[scan("\\\\w+")]', 'hi there'), '["hi","there"]');
  assert.equal(one('sub("^\\\\s+"; "")', '  x'), '"x"');
  assert.equal(one('test("A"; "i")', 'abc'), 'true');
  assert.equal(one('[splits(", *")]', 'a, b,c'), '["a","b","c"]');
  assert.equal(one('ascii_downcase, ltrimstr("A"), length', 'ABé'), '"abé" "Bé" 3');
  assert.equal(one('.[2:4], .[-1:]', 'a😀bcd'), '"bc" "d"');
  assert.equal(one('todate', 1425599507), '"2015-03-05T23:51:47Z"');
  assert.equal(one('"2015-03-05T23:51:47Z" | fromdate'), '1425599507');
});

test('arithmetic and comparison semantics and messages', () => {
  assert.equal(one('{a: {b: 1, c: 2}} * {a: {b: 3}}'), '{"a":{"b":3,"c":2}}');
  assert.equal(one('[1, 2, 3, 1] - [1]'), '[2,3]');
  assert.equal(one('"ab" * 3, "a,b" / ","'), '"ababab" ["a","b"]');
  assert.equal(one('[null, false, true, 0, "a", [], {}] | sort == .'), 'true');
  assert.equal(String(error('1 + "a"')), 'number (1) and string ("a") cannot be added');
  assert.equal(String(error('{} | .[0]')), 'Cannot index object with number (0)');
  assert.equal(String(error('.[]', 5)), 'Cannot iterate over number (5)');
  assert.equal(one('[.[] | tostring]', [1, 'a', [1]]), '["1","a","[1]"]');
  assert.equal(one('-7 % 3, 5 % -2'), '-1 1');
});

test('compile errors carry a position', () => {
  try {
    compile('.a | )');
    assert.fail('compiled');
  } catch (e) {
    assert.ok(e instanceof CompileError);
    assert.equal(e.line, 1);
    assert.equal(e.column, 6);
    assert.match(e.describe(), /syntax error: unexpected token '\)' at line 1, column 6\n {2}\.a \| \)\n {7}\^/);
  }
  assert.throws(() => compile('nosuchfn(1)'), /nosuchfn\/1 is not defined/);
  assert.throws(() => compile('$nope'), /\$nope is not defined/);
  assert.throws(() => compile('"\\v"'), CompileError);
});

test('jn extras', () => {
  assert.equal(one('sum(.x), count, avg(.x), median(.x), min(.x), max(.x)', [{ x: 1 }, { x: 5 }, { x: 3 }]), '9 3 3 3 1 5');
  assert.equal(one('count()', [1, 2]), '2');
  assert.equal(one('drop(.a)', { a: 1, b: 2 }), '{"b":2}');
  assert.equal(one('slugify, snakecase, camelcase, kebabcase, pascalcase, screamcase', 'Hello Wörld fooBar'), '"hello-world-foo-bar" "hello_world_foo_bar" "helloWorldFooBar" "hello-world-foo-bar" "HelloWorldFooBar" "HELLO_WORLD_FOO_BAR"');
  assert.equal(one('capitalize, titlecase, squeeze, words', 'hELLO   big world'), '"Hello   big world" "Hello   Big World" "hELLO big world" ["h","ELLO","big","world"]');
  assert.equal(one('lines, chars, truncate(2), lpad(5; "*"), rpad(5; "-")', 'ab\ncd'), '["ab","cd"] ["a","b","\\n","c","d"] "ab" "ab\\ncd" "ab\\ncd"');
  assert.equal(one('lpad(4; "0"), rpad(4; ".")', '7'), '"0007" "7..."');
  assert.equal(one('replace("a"; "o")', 'banana'), '"bonono"');
  assert.equal(one('[.[] | default("d")]', [null, '', 0, 'x']), '["d","d",0,"x"]');
  // reference digests from md5sum, sha1sum and Python's zlib.crc32
  assert.equal(one('hex, (hex | unhex), urlencode, md5, sha1, crc32', 'a b'), '"612062" "a b" "a%20b" "0cc9cd4dd26c5137b675a0d819cb9ab0" "7dbde93504122a707f849f2c12bdd9de71b41929" "806c5cd3"');
  assert.equal(one('sha256', 'abc'), '"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"');
  assert.equal(one('[.[] | blank]', [null, '', ' ', [], 'x', 0]), '[true,true,true,true,false,false]');
  assert.equal(one('[.[] | numeric]', [1, '2.5', 'x']), '[true,true,false]');
  assert.equal(one('incr, decr, clamp(0; 3), roundto(1)', 3.14159), '4.14159 2.14159 3 3.1');
  assert.equal(one('toggle', true), 'false');
  assert.match(one('uuid'), /^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/);
  assert.match(one('uuid7'), /^"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/);
  assert.match(one('ulid'), /^"[0-9A-HJKMNP-TV-Z]{26}"$/);
  assert.match(one('nanoid, shortid'), /^"[\w-]{21}" "\w{10}"$/);
  assert.match(one('today'), /^"\d{4}-\d{2}-\d{2}"$/);
  const r = Number(one('randint(1; 3)'));
  assert.ok(r >= 1 && r <= 3 && Number.isInteger(r));
  const p = compile('rownum');
  const rows: Value[] = [];
  p.run(null, (v) => rows.push(v));
  p.run(null, (v) => rows.push(v));
  assert.deepEqual(rows, [1, 2]);
});
