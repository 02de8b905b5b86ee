// Differential test against the real jq (`jq -c`): ~200 seeded records and
// a list of expressions; each expression runs once through jq (all records
// on stdin) and through jn's engine in-process, and the outputs must be
// byte-identical. The installed jq is 1.6; expressions where jq 1.6 and 1.7
// differ are left out (listed in JQ16_DIFFERS below, not run).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { compile, JqError } from '../../src/filter/index.js';
import { dumpJq } from '../../src/filter/print.js';
import type { Value } from '../../src/filter/values.js';
import { rng } from '../helpers.js';

const rand = rng(20240917);
const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)];
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike'];
const records: Value[] = [];
for (let i = 1; i <= 200; i++) {
  const tags = Array.from({ length: Math.floor(rand() * 5) }, () => pick(WORDS));
  const r: Record<string, Value> = {
    id: i,
    name: `${pick(WORDS)}_${pick(WORDS)}${rand() < 0.2 ? ', ' + pick(WORDS) : ''}`,
    qty: Math.floor(rand() * 1000),
    price: Math.round(rand() * 100000) / 100,
    ratio: (rand() * 2 - 1) * (rand() < 0.1 ? 1e-6 : 1),
    active: rand() < 0.5,
    tags,
    nested: { a: Math.floor(rand() * 10), b: rand() < 0.3 ? null : pick(WORDS), c: [rand() < 0.5, Math.floor(rand() * 100)] },
  };
  if (rand() < 0.3) r.missing = null;
  if (rand() < 0.2) r.note = pick(['é café', 'ünïcode', 'tab\there', 'quote"s', '']);
  records.push(r);
}
const input = records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const EXPRESSIONS = [
  '.',
  '.id, .name',
  '.nested.a, .nested["b"], ."nested".c[1]',
  '.tags[0], .tags[-1], .tags[1:3], .tags[:-1]',
  '.tags | length, (.name | length), (.nested | length)',
  '[.tags[] | ascii_upcase]',
  'keys, keys_unsorted',
  'to_entries | map(.key)',
  'with_entries(.value |= tostring)',
  '{id, name, total: (.qty * .price)}',
  'select(.qty > 500) | {id, name, total: (.qty * .price)}',
  '.qty + .price, .qty - .price, .qty * 2.5, .qty / 7, .qty % 7, -.qty',
  '.ratio, .ratio * 1e20, .ratio / 3, (.price | floor), (.qty | sqrt)',
  '[.qty, .price] | max, min, add',
  '.qty > .price, .qty == .id, .name < "m", .tags >= ["b"], .nested != null',
  '.active and (.qty > 10), .active or .missing, (.active | not)',
  '.missing // "default", (.tags[] // "none"), (.note // empty)',
  'if .active then "yes" elif .qty > 500 then "big" else "no" end',
  '[paths], [leaf_paths]',
  '[paths(type == "number")]',
  '[.. | numbers]',
  'path(..)',
  'del(.nested), del(.tags[0]), del(.nested.c[], .id)',
  '.nested.a = 1 | .nested.z = [1]',
  '.qty |= . + 1',
  '.tags += ["z"] | .price -= 1 | .qty *= 2 | .id /= 2 | .nested.a %= 3',
  '.missing //= 5 | .note //= "n"',
  '.nested |= with_entries(.key |= ascii_upcase)',
  'to_entries | sort_by(.key) | from_entries',
  '.tags | sort, unique, (group_by(length) | map(length)), sort_by(length), min_by(length), max_by(length)',
  '.tags | join("-")',
  '.name | split("_"), split(", ")',
  '.name | test("a"), test("^b"), test("ALPHA"; "i")',
  '.name | ascii_downcase | ltrimstr("a") | rtrimstr("o")',
  '.name | sub("a"; "A"), gsub("[aeiou]"; ""), gsub("(?<x>[a-z])_"; "\\(.x)-")',
  '.name | [match("[aeiou]"; "g").offset], [scan("[a-z]+")]',
  '.name | capture("(?<first>[a-z]+)_(?<second>[a-z]+)")',
  '.name | explode | implode',
  '"\\(.id)-\\(.name): \\(.tags)"',
  '@base64 "\\(.name)", (.name | @base64 | @base64d)',
  '.tags | @csv, @tsv, @sh, @json, @text, @html',
  '[.id, .name, .price, .active, null] | @csv, @tsv',
  '.nested | tojson, (tojson | fromjson), tostring',
  'reduce .tags[] as $t (0; . + ($t | length))',
  '[foreach .tags[] as $t (0; . + 1; [$t, .])]',
  '[limit(2; .tags[])], first(.tags[]), [.tags | first, last]',
  '[range(0; .qty; 100)], [range(5)], [range(10; 0; -3)]',
  '[.tags[] | select(startswith("a") or endswith("o"))]',
  'any(.tags[]; . == "alpha"), all(.tags[]; length > 4), (.tags | any, all)',
  '.id as $i | .tags | map({($i | tostring): .})',
  '. as {id: $id, nested: {a: $a, c: [$b]}} | [$id, $a, $b]',
  'getpath(["nested", "a"]), setpath(["nested", "b"]; 1), delpaths([["tags"], ["id"]])',
  '[tostream], fromstream(tostream)',
  '[.[] | type]',
  'to_entries | map(select(.value | type == "number")) | from_entries',
  '.nested * {"a": {"deep": 1}}, {a: 1} + .nested, .tags - ["alpha"]',
  '(.tags | length) as $n | [range($n)] | map(. * $n)',
  'map_values(type)',
  '[.tags[] | {t: .}] | group_by(.t) | map({(.[0].t): length}) | add',
  'walk(if type == "number" then . + 1 else . end)',
  '[.. | strings] | join(",")',
  '.tags | indices("alpha"), index("bravo"), (map(length) | if length > 0 then add / length else null end)',
  '[splits("_")], (.name | ascii_upcase | ascii_downcase)',
  'try error("x\\(.id)") catch ., (.tags[10]?), ([.[]?])',
  '[.tags[] | try (if . == "alpha" then error("no") else . end) catch "caught"]',
  '.id | tostring, tojson, (tostring | tonumber), @text',
  '.price | floor, ceil, round, fabs, (. * 100 | trunc), sqrt, (. * 1000 | log2 | floor)',
  'label $out | .tags[] | if . == "echo" then break $out else . end',
  '[recurse(if type == "object" then .nested? // empty else empty end)] | length',
  'def f(x): x * 2; def g: . + 1; .qty | f(g), (def h($a; $b): $a - $b; h(.; 1))',
  '[.tags | combinations(2)] | length',
  '.tags | transpose? // "n/a", (map([.]) | transpose)',
  'input_line_number? // 0 | . * 0',
  '[.nested.c[] | booleans, numbers, strings, nulls, iterables, scalars]',
  '.tags | contains(["alpha"]), inside(["alpha", "bravo", "x"])',
  '{a: .qty} | has("a"), has("b"), (.a | in({"1": 2}))?',
  'splits(", ")? // null',
  '$__loc__? // 1 | 1',
  'env | type, ($ENV | type)',
  '[.tags[] | explode | implode] | add',
  '.tags | to_entries | map(.key * 2)',
  '.nested | with_entries(select(.value != null)) | keys',
  'now | type',
  '[.qty, .price, .ratio] | map(tostring)',
  '.ratio | . * 1000000 | floor',
  '[.id, (.ratio * 1e-3)] | tostring',
];

// Expressions deliberately not compared: jq 1.6 and jq 1.7 give different
// results, and jn follows 1.7.
export const JQ16_DIFFERS = [
  'limit(0; ...)  — jq 1.6 emits one value',
  'ltrimstr/rtrimstr on non-strings  — 1.7.1+ errors, 1.6 passes through',
  'implode on invalid code points, @base32d, abs, toarray, pick, trim, splits/1 with null flags — absent or different in 1.6',
  'if without else, $__loc__, {$__loc__}  — 1.7 syntax',
  'error messages: 1.6 prints `Cannot index number with "a"`, 1.7+/1.8 `Cannot index number with string ("a")`',
  'indices/index on non-ASCII strings  — 1.6 returns byte offsets',
  'tostring of large integers from input (1.7 keeps the literal)',
  'errors raised after a `?`/try body produced a value: 1.6 catches them (`1 / 0?` is empty), 1.7 does not',
  'sin, log10, exp10 and other libm functions: V8 Math may differ from glibc by one ulp',
];

function jnOutput(expr: string): string {
  const lines: string[] = [];
  const prog = compile(expr, { stderr: () => {} });
  for (const r of records) {
    try {
      prog.run(r, (v) => lines.push(dumpJq(v)));
    } catch (e) {
      if (!(e instanceof JqError)) throw e;
      lines.push(`<error>`);
    }
  }
  return lines.join('\n');
}

function jqOutput(expr: string): string | null {
  const r = spawnSync('jq', ['-c', expr], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) return null;
  // jq prints the outputs, then one error line on stderr per failing record
  const out = r.stdout.replace(/\n$/, '');
  return r.stderr.trim() ? `${out}\n<stderr>${r.stderr.trim().split('\n').length}` : out;
}

test('differential: jn filter vs jq -c on seeded records', (t) => {
  const probe = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    t.diagnostic('jq is not installed; nothing to compare against');
    console.log('differential: SKIPPED — jq not installed');
    return;
  }
  assert.ok(EXPRESSIONS.length >= 60);
  const mismatches: string[] = [];
  let compared = 0;
  for (const expr of EXPRESSIONS) {
    const want = jqOutput(expr);
    if (want === null) continue;
    let got = jnOutput(expr);
    const errs = got.split('\n').filter((l) => l === '<error>').length;
    got = got
      .split('\n')
      .filter((l) => l !== '<error>')
      .join('\n');
    if (errs) got += `\n<stderr>${errs}`;
    compared++;
    if (got !== want) {
      const g = got.split('\n');
      const w = want.split('\n');
      const k = g.findIndex((l, j) => l !== w[j]);
      mismatches.push(`${expr}\n   line ${k}: jn ${g[k]?.slice(0, 200)}\n           jq ${w[k]?.slice(0, 200)}`);
    }
  }
  assert.equal(compared, EXPRESSIONS.length);
  assert.deepEqual(mismatches, []);
});
