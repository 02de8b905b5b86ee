// `jn filter` through the built binary: -f / --from-file (programs past the
// kernel's argument limit, # comments), input files read in turn as jq
// reads them, and the one-line errors for programs nested too deep and for
// running out of memory (JN_FILTER_HEAP_MB).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { jn, splitMark, tempDir } from '../helpers.js';

const dir = tempDir('jn-filter-files-');
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test('-f reads a program over 200 KiB (too long for one argument) from a file', async () => {
  const terms = 60_000;
  const text = Array.from({ length: terms }, () => '1').join(' + ') + '\n';
  assert.ok(text.length > 200 * 1024);
  const program = file('big.jq', text);
  const r = await jn(['filter', '-n', '-f', program], { timeoutMs: 60_000 });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, `${terms}\n`);
  assert.equal(r.code, 0);
});

test('-f: comments, --from-file, and the first argument is the program file wherever -f is', async () => {
  const program = file('c.jq', '#!/usr/bin/env jq\n# a comment line\n.a # the field\n| . + 1 # one more\n');
  const input = file('in.json', '{"a":1}\n{"a":2}\n');
  assert.equal((await jn(['filter', '-f', program, input])).stdout, '2\n3\n');
  assert.equal((await jn(['filter', '--from-file', program], { input: '{"a":5}\n' })).stdout, '6\n');
  assert.equal((await jn(['filter', program, '-f', input])).stdout, '2\n3\n');
  const missing = await jn(['filter', '-f', join(dir, 'nope.jq')]);
  assert.equal(missing.stderr, `jn: filter: ${join(dir, 'nope.jq')}: no such file or directory\n`);
  assert.equal(missing.code, 2);
  const bad = await jn(['filter', '-f', file('bad.jq', '# fine\n.a | )\n')], { input: '{}\n' });
  assert.equal(bad.stderr, "jn: filter: syntax error: unexpected token ')' at line 2, column 6\n  .a | )\n       ^\n");
  assert.equal(bad.code, 3);
});

test('input files are read in turn; - is stdin; input_filename names the file', async () => {
  const a = file('a.json', '{"n":1}\n{"n":2}\n');
  const b = file('b.json', '{"n":3}'); // no final newline
  const r = await jn(['filter', '-c', '[.n, input_filename]', a, '-', b], { input: '{"n":9}\n' });
  assert.equal(r.stdout, `[1,"${a}"]\n[2,"${a}"]\n[9,null]\n[3,"${b}"]\n`);
  assert.equal(r.code, 0);
  assert.equal((await jn(['filter', '-s', 'map(.n)', a, b])).stdout, '[1,2,3]\n');
  assert.equal((await jn(['filter', '-n', '[inputs.n]', a, b])).stdout, '[1,2,3]\n');
  assert.equal((await jn(['filter', '-Rs', '.', a, b])).stdout, '"{\\"n\\":1}\\n{\\"n\\":2}\\n{\\"n\\":3}"\n');
  assert.equal((await jn(['filter', '-R', '.', b, a])).stdout, '"{\\"n\\":3}"\n"{\\"n\\":1}"\n"{\\"n\\":2}"\n');
});

test('a missing input file is reported and skipped (status 2); invalid JSON names its file', async () => {
  const a = file('a2.json', '{"n":1}\n');
  const nope = join(dir, 'missing.json');
  const r = await jn(['filter', '.n', a, nope, a]);
  assert.equal(splitMark(r.stdout).records, '1\n1\n'); // and the failure mark (src/kit/mark.ts)
  assert.equal(r.stderr, `jn: filter: ${nope}: no such file or directory\n`);
  assert.equal(r.code, 2);
  const isDir = await jn(['filter', '.', dir]);
  assert.equal(isDir.stderr, `jn: filter: ${dir}: is a directory\n`);
  assert.equal(isDir.code, 2);
  const bad = file('bad.json', '{"n":1}\n{"n":\n');
  const r2 = await jn(['filter', '.n', a, bad]);
  assert.equal(splitMark(r2.stdout).records, '1\n1\n');
  assert.equal(r2.stderr, `jn: filter: ${bad}: line 2, column 6: invalid JSON: Unfinished JSON term\n`);
  assert.equal(r2.code, 2);
});

test('a program nested 10,000 deep ends in one line, compile status 3', async () => {
  const deep = file('deep.jq', '['.repeat(10_000) + '1' + ']'.repeat(10_000));
  const r = await jn(['filter', '-n', '-f', deep]);
  assert.match(r.stderr, /^jn: filter: program too deeply nested at line 1, column \d+\n$/);
  assert.equal(splitMark(r.stdout).records, '');
  assert.equal(r.code, 3);
});

test('out of memory ends in one line with status 5, at JN_FILTER_HEAP_MB', async () => {
  const env = { ...process.env, JN_FILTER_HEAP_MB: '64' };
  for (const program of ['[range(1e9)]', '[range(1e9) | tostring] | add']) {
    const r = await jn(['filter', '-n', program], { env, timeoutMs: 60_000 });
    assert.equal(r.stderr, 'jn: filter: out of memory (heap limit 64 MB; raise it with JN_FILTER_HEAP_MB=128)\n', program);
    assert.equal(r.code, 5);
  }
  // try does not catch it; the results of the records before it are written
  const r = await jn(['filter', 'if . == 1 then . else try [range(1e9)] catch "caught" end'], { env, input: '1\n2\n3\n', timeoutMs: 60_000 });
  assert.equal(splitMark(r.stdout).records, '1\n');
  assert.equal(r.stderr, 'jn: filter: out of memory (heap limit 64 MB; raise it with JN_FILTER_HEAP_MB=128)\n');
  assert.equal(r.code, 5);
  const ok = await jn(['filter', '-n', '[range(1e5)] | length'], { env });
  assert.equal(ok.stdout, '100000\n');
  // the limit is at most 40% of V8's: past that, the message says how to raise V8's
  const capped = await jn(['filter', '-n', '[range(1e9)]'], { env: { ...process.env, JN_FILTER_HEAP_MB: '100000', NODE_OPTIONS: '--max-old-space-size=128' }, timeoutMs: 60_000 });
  const m = /^jn: filter: out of memory \(heap limit (\d+) MB, 40% of node's (\d+) MB; raise it with NODE_OPTIONS=--max-old-space-size=(\d+)\)\n$/.exec(capped.stderr);
  assert.ok(m, capped.stderr);
  assert.equal(Number(m[1]), Math.floor(Number(m[2]) * 0.4));
  assert.equal(Number(m[3]), Number(m[2]) * 2);
  assert.equal(capped.code, 5);
  const bad = await jn(['filter', '-n', '1'], { env: { ...process.env, JN_FILTER_HEAP_MB: 'lots' } });
  assert.equal(bad.stderr, "jn: filter: JN_FILTER_HEAP_MB must be a number of MB, not 'lots'\n");
  assert.equal(bad.code, 2);
});

test('out of memory in the worker thread of the two-thread path: the same line and status', async () => {
  const big = file('zeros.json', '0\n'.repeat(1_500_000) + '1\n');
  const env = { ...process.env, JN_FILTER_HEAP_MB: '64', JN_FILTER_THREADS: '2', JN_FILTER_PARALLEL_AFTER: '0', JN_FILTER_DEBUG: '1' };
  const r = await jn(['filter', 'if . == 1 then [range(1e9)] else empty end', big], { env, timeoutMs: 60_000 });
  const lines = r.stderr.split('\n');
  assert.match(lines[0], /^jn: filter: worker thread: started, ran [1-9]\d* chunks$/);
  assert.equal(lines.slice(1).join('\n'), 'jn: filter: out of memory (heap limit 64 MB; raise it with JN_FILTER_HEAP_MB=128)\n');
  assert.equal(r.code, 5);
});
