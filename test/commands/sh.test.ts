// jn sh: a command's output as records, through a real jc (installed by
// .ci/run from Debian) and without it (lines); JN's grep demo
// (demos/jn-grep of botassembly/jn) with its expected outputs; streaming
// commands ended by their reader; failures.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, jnBin, ndjson, run, tempDir, waitFor } from '../helpers.ts';
import { previewPlan } from '../../src/shell/session.ts';

const dir = tempDir('jn-sh-');
const env = { ...process.env, JN_HOME: join(dir, 'home') };
const log = join(dir, 'app.log');
writeFileSync(
  log,
  [
    '2024-12-15 10:00:01 INFO Starting application',
    '2024-12-15 10:00:02 DEBUG Loading configuration',
    '2024-12-15 10:00:03 INFO Database connected',
    '2024-12-15 10:00:05 WARN High memory usage detected',
    '2024-12-15 10:00:10 ERROR Failed to connect to cache',
    '2024-12-15 10:00:11 INFO Retrying connection',
    '2024-12-15 10:00:15 ERROR Cache connection timeout',
    '2024-12-15 10:00:20 INFO Application ready',
  ].join('\n') + '\n',
);
const users = join(dir, 'users.txt');
writeFileSync(users, 'alice:1001:Engineering:alice@example.com\nbob:1002:Marketing:bob@example.com\ncharlie:1003:Engineering:charlie@example.com\ndiana:1004:Sales:diana@example.com\n');

const jnDir = join(dir, 'bin');
mkdirSync(jnDir);
writeFileSync(join(jnDir, 'jn'), `#!/bin/sh\nexec "${process.execPath}" "${jnBin}" "$@"\n`, { mode: 0o755 });
/** A sh pipeline with `jn` on PATH. */
const pipeline = (script: string) => run('sh', ['-c', script], { env: { ...env, PATH: `${jnDir}:${process.env.PATH}` }, cwd: dir, timeoutMs: 30_000 });
const JN = 'jn';

describe('jn sh', () => {
  it("runs JN's grep demo with the original's expected outputs", async () => {
    const sh = `${JN} sh --raw cat app.log`;
    const cases: [string, string][] = [
      [`${sh} | ${JN} head -n 3`, '{"line":1,"text":"2024-12-15 10:00:01 INFO Starting application"}\n{"line":2,"text":"2024-12-15 10:00:02 DEBUG Loading configuration"}\n{"line":3,"text":"2024-12-15 10:00:03 INFO Database connected"}\n'],
      [`${sh} | ${JN} filter 'select(.text | contains("ERROR"))'`, '{"line":5,"text":"2024-12-15 10:00:10 ERROR Failed to connect to cache"}\n{"line":7,"text":"2024-12-15 10:00:15 ERROR Cache connection timeout"}\n'],
      [`${sh} | ${JN} filter -r 'select(.text | contains("ERROR")) | .line'`, '5\n7\n'],
      [`${JN} sh --raw cat users.txt | ${JN} filter -c '{line, user: (.text | split(":") | first), dept: (.text | split(":") | .[2])}'`, '{"line":1,"user":"alice","dept":"Engineering"}\n{"line":2,"user":"bob","dept":"Marketing"}\n{"line":3,"user":"charlie","dept":"Engineering"}\n{"line":4,"user":"diana","dept":"Sales"}\n'],
      [`${sh} | ${JN} filter 'select(.text | contains("ERROR"))' | ${JN} filter -s 'length'`, '2\n'],
    ];
    for (const [script, expected] of cases) {
      const r = await pipeline(script);
      assert.equal(r.stderr, '', script);
      assert.equal(r.stdout, expected, script);
    }
  });

  it('through jc: ls -l gives a record per file, env a record per variable', async () => {
    const files = join(dir, 'files');
    mkdirSync(files);
    writeFileSync(join(files, 'a.txt'), 'x'.repeat(1234));
    writeFileSync(join(files, 'b.csv'), 'y'.repeat(56));
    const ls = await jn(['sh', 'ls', '-l', files], { env });
    assert.equal(ls.code, 0, ls.stderr);
    assert.deepEqual(
      ndjson(ls.stdout).map((r) => [(r as { filename: string }).filename, (r as { size: number }).size]),
      [
        ['a.txt', 1234],
        ['b.csv', 56],
      ],
    );
    const e = await jn(['sh', 'env'], { env: { ...env, JN_SH_TEST: 'a value=with equals' } });
    assert.equal(e.code, 0, e.stderr);
    assert.deepEqual(
      ndjson(e.stdout).filter((r) => (r as { name: string }).name === 'JN_SH_TEST'),
      [{ name: 'JN_SH_TEST', value: 'a value=with equals' }],
    );
  });

  it('a long-running command jc streams (vmstat) gives records as it writes them; jn head ends it', async () => {
    const r = await pipeline(`${JN} sh vmstat 1 30 | ${JN} head -n 2`);
    assert.equal(r.code, 0, r.stderr);
    const rows = ndjson(r.stdout) as Record<string, unknown>[];
    assert.equal(rows.length, 2);
    assert.ok(rows.every((x) => typeof x.free_mem === 'number'));
  });

  it('without jc: lines, and a hint for a command jc would know; --raw forces lines', async () => {
    const bin = join(dir, 'nojc');
    mkdirSync(bin);
    symlinkSync('/bin/ls', join(bin, 'ls'));
    const ls = await jn(['sh', 'ls', dir], { env: { ...env, PATH: bin } });
    assert.equal(ls.code, 0, ls.stderr);
    assert.equal(ls.stderr, 'jn: sh: jc is not installed: the output of ls is read as lines (install it: apt-get install jc, or pip install jc; --raw says you want lines)\n');
    assert.ok(ndjson(ls.stdout).some((x) => (x as { text: string }).text === 'app.log'));
    const raw = await jn(['sh', '--raw', 'ls', dir], { env });
    assert.equal(raw.stderr, '');
    assert.deepEqual(ndjson(raw.stdout)[0], { line: 1, text: 'app.log' });
  });

  it('a command that writes nothing more (tail -f) ends once its reader has gone, leaving no process', async () => {
    const marker = join(dir, `follow-${process.pid}.log`);
    writeFileSync(marker, 'one\ntwo\nthree\n');
    const r = await pipeline(`${JN} sh tail -f "${marker}" | ${JN} head -n 2`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"line":1,"text":"one"}\n{"line":2,"text":"two"}\n');
    const left = () => run('pgrep', ['-f', `tail -f ${marker}`]).then((p) => p.stdout.trim());
    await waitFor(async () => (await left()) === '', { what: 'tail -f to be ended', timeoutMs: 10_000 });
  });

  it('is a stage: its stdin is the command’s', async () => {
    const r = await pipeline(`${JN} cat app.log | ${JN} sh grep -c ERROR`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"line":1,"text":"2"}\n');
  });

  it('failures: a failing command is status 1 with its message, a missing one 2; options go before the command', async () => {
    const missing = await jn(['sh', 'ls', join(dir, 'nope')], { env });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^jn: sh: ls \S+nope: ls: cannot access '\S+nope': No such file or directory\n$/);
    const none = await jn(['sh', 'no-such-command-jn'], { env });
    assert.equal(none.code, 2);
    assert.equal(none.stderr, 'jn: sh: no-such-command-jn: no-such-command-jn: command not found\n');
    const opt = await jn(['sh', '--nope', 'ls'], { env });
    assert.equal(opt.code, 2);
    assert.match(opt.stderr, /unknown option '--nope'/);
    const help = await jn(['sh', '--help'], { env });
    assert.match(help.stdout, /^Usage: jn sh \[--raw\] COMMAND/);
    // the command's own options are its own
    const own = await pipeline(`${JN} sh --raw printf '%s\\n' --help`);
    assert.equal(own.stdout, '{"line":1,"text":"--help"}\n');
  });

  it('in jn shell, a sh stage being typed is never run: only once Enter adds it', () => {
    const plan = previewPlan({ source: 'x.csv', stages: [] }, 'sh rm -rf /tmp/x', null, -1);
    assert.equal(plan.draft, false);
    assert.deepEqual(plan.argvs, []);
    assert.equal(previewPlan({ source: 'x.csv', stages: [] }, 'head 3', null, -1).draft, true);
  });
});
