// JN's ZQ functions (docs/filter.md, "ZQ functions"): every example of the
// section runs here, the section lists exactly the ZQ builtins, none shadows
// a jq builtin; then each function's edges, errors and distributions. The
// clock is fixed (Date.now) where a value depends on it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { builtinNames } from '../../src/filter/builtin-names.js';
import { ZQ } from '../../src/filter/builtins/zq/index.js';
import { compile, JqError } from '../../src/filter/index.js';
import { dumpJq } from '../../src/filter/print.js';
import type { Value } from '../../src/filter/values.js';

function out(program: string, input: Value = null): string[] {
  const r: string[] = [];
  compile(program).run(input, (v) => r.push(dumpJq(v)));
  return r;
}
const one = (program: string, input: Value = null) => out(program, input).join(' ');
function error(program: string, input: Value = null): Value {
  let value: Value = null;
  assert.throws(
    () => compile(program).run(input, () => {}),
    (e) => e instanceof JqError && ((value = e.value), true),
  );
  return value;
}

/** Runs f with Date.now fixed at the UTC date iso. */
function at<T>(iso: string, f: () => T): T {
  const real = Date.now;
  const ms = Date.parse(iso);
  Date.now = () => ms;
  try {
    return f();
  } finally {
    Date.now = real;
  }
}

interface Row {
  key: string;
  example: string;
  result: string;
  chance: boolean;
}

/** The rows of the table of the "## ZQ functions" section. */
function docRows(): Row[] {
  const doc = readFileSync(new URL('../../docs/filter.md', import.meta.url), 'utf8');
  const start = doc.indexOf('\n## ZQ functions\n');
  assert.ok(start >= 0, 'docs/filter.md has a ZQ functions section');
  const end = doc.indexOf('\n## ', start + 1);
  const code = (cell: string) => /`(.*)`/.exec(cell)?.[1] ?? assert.fail(`no code in ${cell}`);
  return doc
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((line) => {
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|'));
      const m = /^(\w+)(?:\((.*)\))?$/.exec(code(cells[0])) ?? assert.fail(`bad function cell ${cells[0]}`);
      const arity = m[2] === undefined ? 0 : m[2].split(';').length;
      return { key: `${m[1]}/${arity}`, example: code(cells[2]), result: code(cells[3]), chance: cells[3].startsWith('*e.g.*') };
    });
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** What an example marked e.g. must give, with the clock fixed at d. */
const CHECKS: Record<string, (v: Value, d: Date) => void> = {
  'year/0': (v, d) => assert.equal(v, d.getUTCFullYear()),
  'month/0': (v, d) => assert.equal(v, d.getUTCMonth() + 1),
  'day/0': (v, d) => assert.equal(v, d.getUTCDate()),
  'hour/0': (v, d) => assert.equal(v, d.getUTCHours()),
  'minute/0': (v, d) => assert.equal(v, d.getUTCMinutes()),
  'second/0': (v, d) => assert.equal(v, d.getUTCSeconds()),
  'time/0': (v, d) => assert.equal(v, `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`),
  'week/0': (v) => assert.equal(v, 49), // 2026-12-03, a Thursday
  'weekday/0': (v, d) => assert.equal(v, DAYS[d.getUTCDay()]),
  'weekday_num/0': (v, d) => assert.equal(v, d.getUTCDay()),
  'delta/0': (v) => assert.equal(v, 60),
  'sid/0': (v) => assert.match(String(v), /^[0-9A-Za-z]{6}$/),
  'xid/0': (v, d) => {
    assert.match(String(v), /^[0-9a-v]{20}$/);
    assert.equal(one('xid_time', v), String(d.getTime() / 1000));
  },
  'randbool/0': (v) => assert.equal(typeof v, 'boolean'),
};

test('every example of the ZQ functions section gives its result', () => {
  const rows = docRows();
  assert.ok(rows.length >= 30, `${rows.length} rows`);
  const when = new Date('2026-12-03T18:30:45Z');
  for (const row of rows) {
    const got = at(when.toISOString(), () => out(row.example));
    if (row.chance) {
      const check = CHECKS[row.key] ?? assert.fail(`${row.key}: an e.g. result needs a check`);
      assert.equal(got.length, 1, row.example);
      check(JSON.parse(got[0]), when);
      // the documented e.g. value is a possible one
      check(JSON.parse(row.result), row.key === 'xid/0' ? new Date(Number(one('xid_time', JSON.parse(row.result))) * 1000) : when);
    } else assert.equal(got.join(' '), row.result, `${row.key}: ${row.example}`);
  }
});

test('the section lists each ZQ builtin once, and its example calls it', () => {
  const rows = docRows();
  assert.deepEqual(rows.map((r) => r.key).sort(), [...ZQ.keys()].sort());
  for (const r of rows) assert.match(r.example, new RegExp(`\\b${r.key.split('/')[0]}\\b`), r.key);
});

// jq 1.7.1's builtins (jq -n '[builtins]'), by name/arity.
const JQ = `IN/1 IN/2 INDEX/1 INDEX/2 JOIN/2 JOIN/3 JOIN/4 abs/0 acos/0 acosh/0 add/0 add/1 all/0 all/1 all/2 any/0 any/1 any/2 arrays/0
ascii/0 ascii_downcase/0 ascii_upcase/0 asin/0 asinh/0 atan/0 atan2/2 atanh/0 booleans/0 bsearch/1 builtins/0 capture/1 capture/2
cbrt/0 ceil/0 combinations/0 combinations/1 contains/1 copysign/2 cos/0 cosh/0 date/0 dateadd/2 datesub/2 debug/0 debug/1 del/1
delpaths/1 drem/2 empty/0 endswith/1 env/0 erf/0 erfc/0 error/0 error/1 exp/0 exp10/0 exp2/0 explode/0 expm1/0 fabs/0 fdim/2
finites/0 first/0 first/1 flatten/0 flatten/1 floor/0 fma/3 fmax/2 fmin/2 fmod/2 format/1 frexp/0 from_entries/0 fromdate/0
fromdateiso8601/0 fromjson/0 fromstream/1 gamma/0 get_jq_origin/0 get_prog_origin/0 get_search_list/0 getpath/1 gmtime/0
group_by/1 gsub/2 gsub/3 halt/0 halt_error/0 halt_error/1 has/1 have_decnum/0 have_literal_numbers/0 hypot/2 implode/0 in/1
index/1 indices/1 infinite/0 input/0 input_filename/0 input_line_number/0 inputs/0 inside/1 isempty/1 isinfinite/0 isnan/0
isnormal/0 isvalid/1 iterables/0 j0/0 j1/0 jn/2 join/1 keys/0 keys_unsorted/0 last/0 last/1 ldexp/2 leaf_paths/0 length/0
lgamma/0 lgamma_r/0 limit/2 localtime/0 log/0 log10/0 log1p/0 log2/0 logb/0 ltrimstr/1 ltrim/0 map/1 map_values/1 match/1
match/2 max/0 max_by/1 min/0 min_by/1 mktime/0 modf/0 modulemeta/0 nan/0 nearbyint/0 nextafter/2 nexttoward/2 normals/0 not/0
now/0 nth/1 nth/2 nulls/0 numbers/0 objects/0 path/1 paths/0 paths/1 pick/1 pow/2 pow10/0 range/1 range/2 range/3 recurse/0
recurse/1 recurse/2 reduce/0 remainder/2 repeat/1 reverse/0 rindex/1 rint/0 round/0 rtrimstr/1 rtrim/0 scalars/0 scalb/2
scalbln/2 scan/1 scan/2 select/1 setpath/2 significand/0 sin/0 sinh/0 sort/0 sort_by/1 split/1 split/2 splits/1 splits/2
sqrt/0 startswith/1 stderr/0 strflocaltime/1 strftime/1 strings/0 strptime/1 sub/2 sub/3 tan/0 tanh/0 test/1 test/2 tgamma/0
to_entries/0 toarray/0 todate/0 todateiso8601/0 tojson/0 tonumber/0 tostream/0 tostring/0 transpose/0 trim/0 trunc/0
truncate_stream/1 type/0 unique/0 unique_by/1 until/2 utf8bytelength/0 values/0 walk/1 while/2 with_entries/1 y0/0 y1/0 yn/2`.split(/\s+/);

test('no ZQ builtin has the name/arity of a jq builtin, and the editor completes them', () => {
  for (const key of ZQ.keys()) assert.ok(!JQ.includes(key), key);
  const names = builtinNames();
  for (const key of ZQ.keys()) assert.ok(names.includes(key.split('/')[0]), key);
});

test("the parts of the date: of the input's time, else of now, in UTC", () => {
  const parts = '[year, month, day, hour, minute, second, time, week, weekday, weekday_num]';
  assert.equal(at('2020-12-31T23:59:58Z', () => one(parts, { year: 1999 })), '[2020,12,31,23,59,58,"23:59:58",53,"Thursday",4]');
  assert.equal(at('2020-12-31T23:59:58Z', () => one(parts, null)), '[2020,12,31,23,59,58,"23:59:58",53,"Thursday",4]');
  // epoch seconds and ISO dates (with a zone) are read, whatever the clock
  assert.equal(at('2030-06-01T00:00:00Z', () => one(parts, 1609632000)), '[2021,1,3,0,0,0,"00:00:00",53,"Sunday",0]');
  assert.equal(at('2030-06-01T00:00:00Z', () => one(parts, '2021-01-03T02:00:00+02:00')), '[2021,1,3,0,0,0,"00:00:00",53,"Sunday",0]');
  // a string that is not a date is not a time: now
  assert.equal(at('2021-01-03T00:00:00Z', () => one('year', 'soon')), '2021');
  assert.equal(at('2021-01-04T07:08:09Z', () => one(parts)), '[2021,1,4,7,8,9,"07:08:09",1,"Monday",1]');
  assert.equal(at('2024-12-30T12:00:00Z', () => one('week')), '1');
  assert.equal(at('2026-06-15T12:00:00Z', () => one('week')), '25');
  // each call reads the clock
  const real = Date.now;
  let t = Date.parse('2021-01-01T00:00:00Z');
  Date.now = () => (t += 1000);
  try {
    assert.equal(one('[second, second]'), '[1,2]');
  } finally {
    Date.now = real;
  }
});

test('ago and delta read epoch seconds and ISO 8601 dates, with zones', () => {
  const now = '2024-01-01T00:00:00Z';
  const delta = (x: Value) => at(now, () => one('delta', x));
  assert.equal(delta(1704067200 - 42), '42');
  assert.equal(delta(1704067200 - 1.5), '1.5');
  assert.equal(delta('2024-01-01'), '0');
  assert.equal(delta('2024-01-01T00:00:00+02:00'), '7200');
  assert.equal(delta('2024-01-01T00:00:00-0130'), '-5400');
  assert.equal(delta('2023-12-31T23:00Z'), '3600');
  assert.equal(delta('2023-12-31 23:59:30.999'), '30');
  assert.equal(delta('2024-01-01T01:00:00Z'), '-3600');
  assert.equal(delta('2023-02-28'), String(307 * 86400));
  for (const bad of ['2023-02-29', '2024-01-01T24:00:00', '2024-1-01', '2024-01-01T10', 'yesterday', '2024-01-01Z+01:00']) {
    assert.match(String(at(now, () => error('delta', bad))), /^delta: string \(".*"\) is not an ISO 8601 date/, bad);
  }
  assert.equal(error('ago', [1]), 'ago input must be epoch seconds or an ISO 8601 date, got array ([1])');
  assert.equal(error('infinite | ago'), 'ago: number (1.7976931348623157e+308) is not a time');
  assert.equal(error('nan | delta'), 'delta: number (null) is not a time');
  assert.equal(error('delta', null), 'delta input must be epoch seconds or an ISO 8601 date, got null (null)');
});

test("ago's text in each unit, past and future", () => {
  const base = 1704067200;
  const cases: [number, string][] = [
    [0, '0 seconds ago'],
    [1, '1 second ago'],
    [59.9, '59 seconds ago'],
    [60, '1 minute ago'],
    [3599, '59 minutes ago'],
    [3600, '1 hour ago'],
    [7260, '2 hours, 1 minute ago'],
    [86400, '1 day ago'],
    [86400 * 2 + 3600, '2 days, 1 hour ago'],
    [86400 * 30, '1 month ago'],
    [86400 * 61, '2 months, 1 day ago'],
    [86400 * 364, '12 months, 4 days ago'],
    [86400 * 365, '1 year ago'],
    [86400 * (365 * 2 + 65), '2 years, 2 months ago'],
    [-1, '1 second from now'],
    [-(86400 + 7200), '1 day, 2 hours from now'],
  ];
  for (const [ago, text] of cases) assert.equal(at('2024-01-01T00:00:00Z', () => one('ago', base - ago)), JSON.stringify(text), String(ago));
});

test('int, float and bool convert as ZQ does', () => {
  assert.equal(one('[.[] | int]', [3.9, -3.9, -0.5, '42', '-7.8', '1e3', '.5', true, false, null, 'x', ' 1', '', [1], { a: 1 }, 1e300]), '[3,-3,0,42,-7,1000,0,1,0,null,null,null,null,null,null,null]');
  assert.equal(one('[.[] | float]', [2.5, '2.5', '-1e-3', true, false, null, 'nan', '1,5', [], {}]), '[2.5,2.5,-0.001,1,0,null,null,null,null,null]');
  assert.equal(one('[.[] | bool]', [false, null, 0, '', [], {}, true, 1, -0.1, ' ', 'false', '0', [0], { a: null }]), '[false,false,false,false,false,false,true,true,true,true,true,true,true,true]');
});

test('the type tests', () => {
  const values: Value[] = [1, 'a', [], {}, true, false, null];
  const got = one('[.[] | [isnumber, isstring, isarray, isobject, isboolean, isbool, isnull] | map(if . then 1 else 0 end) | join("")]', values);
  assert.equal(got, '["1000000","0100000","0010000","0001000","0000110","0000110","0000001"]');
});

test('double, half, chomp and substr, and their errors', () => {
  assert.equal(one('[.[] | double, half]', [3, -0.5]), '[6,1.5,-1,-0.25]');
  assert.equal(error('double', 'x'), 'string ("x") number required');
  assert.equal(error('half', null), 'null (null) number required');
  assert.equal(one('[.[] | chomp]', ['a\n', 'a\r\n', 'a\r', 'a\n\n', 'a', '', '\n']), '["a","a","a","a\\n","a","",""]');
  assert.equal(error('chomp', 1), 'chomp input must be a string, got number (1)');
  const s = 'héllo😀x';
  assert.equal(one('[substr(0; 2), substr(4; 2), substr(5), substr(-2), substr(-99; 2), substr(99), substr(1; 0), substr(2; 99)]', s), '["hé","o😀","😀x","😀x","hé","","","llo😀x"]');
  assert.equal(error('substr(1)', 5), 'substr input must be a string, got number (5)');
  assert.equal(error('substr(1.5)', 'abc'), 'substr start must be an integer, got number (1.5)');
  assert.equal(error('substr(0; -1)', 'abc'), 'substr length must be a non-negative integer, got number (-1)');
  assert.equal(error('substr("a"; 1)', 'abc'), 'substr start must be an integer, got string ("a")');
  // the errors are jq errors: try and ? catch them
  assert.equal(one('[.[] | chomp?]', ['a\n', 1, 'b']), '["a","b"]');
  assert.equal(one('try substr(0; -1) catch "caught"', 'x'), '"caught"');
});

test('hash(n) is a prefix of the MD5, crc32 the CRC-32 in hex', () => {
  // md5sum and cksum -a crc32b / Python zlib.crc32 reference values
  assert.equal(one('[hash(0), hash(8), hash(32), hash(99)]', 'hello'), '["","5d41402a","5d41402abc4b2a76b9719d911017c592","5d41402abc4b2a76b9719d911017c592"]');
  assert.equal(one('hash(6)', { a: 1 }), one('tojson | md5 | .[:6]', { a: 1 }));
  assert.equal(error('hash(-1)', 'x'), 'hash length must be a non-negative integer, got number (-1)');
  assert.equal(error('hash(1.5)', 'x'), 'hash length must be a non-negative integer, got number (1.5)');
  assert.equal(one('[.[] | crc32]', ['', 'hello', '123456789', 'The quick brown fox jumps over the lazy dog', 'é']), '["00000000","3610a686","cbf43926","414fa339","0e048d3e"]');
  assert.equal(one('crc32', 1), one('"1" | crc32'));
});

test('sid: 6 base62 characters, every one of them used', () => {
  const ids = JSON.parse(one('[range(3000) | sid]')) as string[];
  for (const id of ids) assert.match(id, /^[0-9A-Za-z]{6}$/);
  assert.ok(new Set(ids).size > 2990, 'nearly all distinct');
  assert.equal(new Set(ids.join('')).size, 62);
});

test('randbool: true about half the time', () => {
  const n = Number(one('[range(4000) | randbool | select(.)] | length'));
  // 4000 draws: mean 2000, sd 32; the bounds are 6 sd away
  assert.ok(n > 1800 && n < 2200, String(n));
  assert.equal(one('[range(50) | randbool | type] | unique'), '["boolean"]');
});

test('xid: 20 characters, distinct, sorted by time, xid_time gives it back', () => {
  const before = Math.floor(Date.now() / 1000);
  const ids = JSON.parse(one('[range(2000) | xid]')) as string[];
  const after = Math.floor(Date.now() / 1000);
  assert.equal(new Set(ids).size, ids.length);
  const times = ids.map((id) => Number(one('xid_time', id)));
  for (const [k, id] of ids.entries()) {
    assert.match(id, /^[0-9a-v]{19}[0g]$/);
    assert.ok(times[k] >= before && times[k] <= after, `${id}: ${times[k]}`);
  }
  const sorted = [...ids].sort();
  for (let k = 1; k < sorted.length; k++) assert.ok(Number(one('xid_time', sorted[k - 1])) <= Number(one('xid_time', sorted[k])));
  // a fixed clock: the time part is the clock's
  assert.equal(at('2030-01-01T00:00:00Z', () => one('xid | xid_time')), String(Date.parse('2030-01-01T00:00:00Z') / 1000));
});

test("xid_time reads rs/xid's layout and ZQ's, and rejects what is not an xid", () => {
  // rs/xid's test vector: time 1300816219
  assert.equal(one('xid_time', '9m4e2mr0ui3e8a215n4g'), '1300816219');
  // ZQ's layout: the 96 bits after 4 zero bits
  const zq = (secs: number, rest: bigint) => {
    let bits = (BigInt(secs) << 64n) | rest;
    let s = '';
    for (let k = 0; k < 20; k++, bits >>= 5n) s = '0123456789abcdefghijklmnopqrstuv'[Number(bits & 31n)] + s;
    return s;
  };
  for (const secs of [1734282600, 1, 2 ** 31 + 5]) assert.equal(one('xid_time', zq(secs, 0xabcdef0123456789n)), String(secs));
  assert.equal(error('xid_time', 5), 'xid_time input must be a string, got number (5)');
  for (const bad of ['9m4e2mr0ui3e8a215n4', '9m4e2mr0ui3e8a215n4gg', '9M4E2MR0UI3E8A215N4G', '9m4e2mr0ui3e8a215n4w']) {
    assert.match(String(error('xid_time', bad)), /^xid_time: string \(".*"\) is not an xid/, bad);
  }
});
