// `jn filter` through the real built binary (dist/jn.js): options, exit
// statuses, error messages and early exit.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { jn, jnBin, splitMark } from '../helpers.js';

test('runs EXPR on each NDJSON record; blank lines skipped; multi-line JSON accepted', async () => {
  const r = await jn(['filter', '.a'], { input: '{"a":1}\n\n{"a":[2, 3]}\n{"a":\n  {"b": 4}}\n5 6\n' .replace('5 6\n', '{"a":5} {"a":6}\n') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '1\n[2,3]\n{"b":4}\n5\n6\n');
  assert.equal(r.stderr, '');
});

test('options may come before or after EXPR', async () => {
  const a = await jn(['filter', '-r', '.name'], { input: '{"name":"x"}\n' });
  const b = await jn(['filter', '.name', '-r'], { input: '{"name":"x"}\n' });
  assert.equal(a.stdout, 'x\n');
  assert.equal(b.stdout, 'x\n');
});

test('-s slurps, -n with inputs, --arg and --argjson', async () => {
  const s = await jn(['filter', '-s', 'map(.a) | add'], { input: '{"a":1}\n{"a":2}\n' });
  assert.equal(s.stdout, '3\n');
  const n = await jn(['filter', '-n', '[inputs | .a] | length'], { input: '{"a":1}\n{"a":2}\n{"a":3}\n' });
  assert.equal(n.stdout, '3\n');
  const n1 = await jn(['filter', '-n', 'input.a'], { input: '{"a":1}\n{"a":2}\n' });
  assert.equal(n1.stdout, '1\n');
  const args = await jn(['filter', '-n', '--arg', 'x', '5', '--argjson', 'y', '{"z":[1]}', '[$x, $y, $ARGS.named.x]'], {});
  assert.equal(args.stdout, '["5",{"z":[1]},"5"]\n');
  const bad = await jn(['filter', '-n', '--argjson', 'y', '{nope', '.'], {});
  assert.equal(bad.code, 2);
});

test('output formats: -r -j -a -S --pretty --tab --indent --seq', async () => {
  const input = '{"b":"é","a":[1,{"c":null}]}\n';
  assert.equal((await jn(['filter', '-c', '.'], { input })).stdout, '{"b":"é","a":[1,{"c":null}]}\n');
  assert.equal((await jn(['filter', '-S', '.'], { input })).stdout, '{"a":[1,{"c":null}],"b":"é"}\n');
  assert.equal((await jn(['filter', '-a', '.b'], { input })).stdout, '"\\u00e9"\n');
  assert.equal((await jn(['filter', '--pretty', '.'], { input })).stdout, '{\n  "b": "é",\n  "a": [\n    1,\n    {\n      "c": null\n    }\n  ]\n}\n');
  assert.equal((await jn(['filter', '--tab', '.a'], { input })).stdout, '[\n\t1,\n\t{\n\t\t"c": null\n\t}\n]\n');
  assert.equal((await jn(['filter', '--indent', '1', '{x: 1}'], { input })).stdout, '{\n "x": 1\n}\n');
  assert.equal((await jn(['filter', '-j', '.b, .b'], { input })).stdout, 'éé');
  assert.equal((await jn(['filter', '--seq', '.a[0]'], { input })).stdout, '\x1e1\n');
  assert.equal((await jn(['filter', '-R', '.'], { input: 'a b\nc\n' })).stdout, '"a b"\n"c"\n');
  assert.equal((await jn(['filter', '-Rs', '.'], { input: 'a\nb\n' })).stdout, '"a\\nb\\n"\n');
});

test('number formatting matches jq', async () => {
  const r = await jn(['filter', '-c', '.'], { input: '[1.0, -0, 1e1000, 1e-7, 100000000000000000000, 0.1, 3.0e2]\n' });
  // 100000000000000000000 is a large integer literal passed through: jq 1.7
  // keeps its text (jq 1.6 printed 1e+20).
  assert.equal(r.stdout, '[1,-0,1.7976931348623157e+308,1e-07,100000000000000000000,0.1,300]\n');
});

test('large integer literals passed through keep their text; moved or computed ones are doubles', async () => {
  const input = '{"a":100000000000000000001,"b":9007199254740993,"c":[-12345678901234567890123],"n":"x"}\n13911860366432393\n';
  const r = await jn(['filter', '-c', '.'], { input });
  assert.equal(r.stdout, input);
  const picked = await jn(['filter', '-c', '{a, c}, (select(.n == "x") | .b)'], { input: input.split('\n')[0] + '\n' });
  assert.equal(picked.stdout, '{"a":100000000000000000001,"c":[-12345678901234567890123]}\n9007199254740992\n');
  const computed = await jn(['filter', '-c', '. - 10, -., tostring'], { input: '13911860366432393\n' });
  assert.equal(computed.stdout, '13911860366432382\n-13911860366432392\n"13911860366432393"\n');
  const slurped = await jn(['filter', '-c', '-s', '.'], { input: '[100000000000000000001]\n{"x":9007199254740993}\n' });
  assert.equal(slurped.stdout, '[[100000000000000000001],{"x":9007199254740993}]\n');
  const pretty = await jn(['filter', '--pretty', '.'], { input: '{"a":100000000000000000001}\n' });
  assert.equal(pretty.stdout, '{\n  "a": 100000000000000000001\n}\n');
});

test('-e exit status: 1 when the last output is false/null, 4 when none', async () => {
  assert.equal((await jn(['filter', '-e', '.a'], { input: '{"a":1}\n' })).code, 0);
  assert.equal((await jn(['filter', '-e', '.a'], { input: '{"a":1}\n{"a":false}\n' })).code, 1);
  assert.equal((await jn(['filter', '-e', '.a'], { input: '{"a":null}\n' })).code, 1);
  assert.equal((await jn(['filter', '-e', 'empty'], { input: '{"a":1}\n' })).code, 4);
});

test('compile error: message with a caret, exit 3', async () => {
  const r = await jn(['filter', '.a | )'], { input: '{}\n' });
  assert.equal(r.code, 3);
  assert.equal(r.stderr, "jn: filter: syntax error: unexpected token ')' at line 1, column 6\n  .a | )\n       ^\n");
  assert.equal(splitMark(r.stdout).records, ''); // only the failure mark (src/kit/mark.ts)
  const u = await jn(['filter', 'nosuch(1)'], { input: '{}\n' });
  assert.equal(u.code, 3);
  assert.match(u.stderr, /nosuch\/1 is not defined at line 1, column 1/);
});

test('runtime error: reported per record, later records still run, exit 5', async () => {
  const r = await jn(['filter', '.a + 1'], { input: '{"a":1}\n{"a":"x"}\n{"a":3}\n' });
  assert.equal(r.code, 5);
  assert.equal(splitMark(r.stdout).records, '2\n4\n');
  assert.equal(r.stderr, 'jn: filter: string ("x") and number (1) cannot be added (record 2)\n');
  const e = await jn(['filter', 'error({a: 1})'], { input: '1\n' });
  assert.equal(e.stderr, 'jn: filter: {"a":1} (not a string) (record 1)\n');
});

test('invalid JSON input: exit 2 with line and column, after earlier outputs', async () => {
  const r = await jn(['filter', '.'], { input: '{"a":1}\n{"a":\n  nope}\n' });
  assert.equal(r.code, 2);
  assert.equal(splitMark(r.stdout).records, '{"a":1}\n');
  assert.match(r.stderr, /^jn: filter: stdin: line 3, column \d+: invalid JSON: /);
});

test('usage: --help exits 0; missing EXPR and unknown options exit 2', async () => {
  const h = await jn(['filter', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /Usage: jn filter \[options\] EXPR/);
  assert.equal((await jn(['filter'])).code, 2);
  assert.equal((await jn(['filter', '--bogus', '.'])).code, 2);
});

test('limit(3; range(1e9)) returns at once', async () => {
  // range is lazy: it yields 3 values (3 debug messages), not 1e9; a hang
  // would be killed at the deadline (no output).
  const r = await jn(['filter', '-n', '-c', '[limit(3; range(1e9) | debug)]'], { timeoutMs: 30_000 });
  assert.equal(r.stdout, '[0,1,2]\n');
  assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('["DEBUG:"')).length, 3);
});

test('yes | jn filter .a | head -n 2 ends quickly with empty stderr', async () => {
  // Killed at the deadline if jn does not end when head goes away.
  const result = await new Promise<{ out: string; err: string; code: number | null }>((resolve) => {
    const sh = spawn('sh', ['-c', `yes '{"a":1}' | "${process.execPath}" "${jnBin}" filter .a | head -n 2`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    sh.stdout.on('data', (b) => (out += b));
    sh.stderr.on('data', (b) => (err += b));
    const timer = setTimeout(() => sh.kill('SIGKILL'), 30_000);
    sh.on('close', (code) => {
      clearTimeout(timer);
      resolve({ out, err, code });
    });
  });
  assert.equal(result.out, '1\n1\n');
  assert.equal(result.err, '');
  assert.equal(result.code, 0, 'killed at the deadline');
});
