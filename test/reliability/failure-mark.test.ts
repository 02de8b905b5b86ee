// The failure mark (src/kit/mark.ts): a failure anywhere upstream travels
// down a pipeline of jn processes, so that `jn put` leaves its destination
// untouched and the last command exits non-zero, with or without pipefail,
// in bash and in dash. Real shells, real processes, real pipes.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jnBin, run, tempDir } from '../helpers.ts';
import { toScript } from '../../src/shell/export.ts';

const dir = tempDir('jn-mark-');
const jn = `node ${jnBin}`;
const GOOD = 'id,name\n1,kept\n2,kept\n';
const MARK = '\x18';

before(() => {
  const rows = ['id,name'];
  for (let i = 1; i <= 5000; i++) rows.push(`${i},row${i}`);
  rows.push('5001,"never closed');
  writeFileSync(join(dir, 'bad.csv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'good.csv'), GOOD);
});

/** Run a pipeline in sh (bash or dash), in dir, with or without pipefail. */
function sh(shell: 'bash' | 'dash', pipeline: string, pipefail = false) {
  const script = (pipefail ? 'set -o pipefail\n' : '') + pipeline + '\n';
  return run(shell, ['-c', script], { cwd: dir });
}

function freshDest(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, GOOD);
  return path;
}

function leftovers(): string[] {
  return readdirSync(dir).filter((f) => f.includes('.jn-') || f.endsWith('.tmp'));
}

describe('the failure mark', () => {
  const cases: [string, 'bash' | 'dash', boolean][] = [
    ['bash without pipefail', 'bash', false],
    ['bash with pipefail', 'bash', true],
    ['dash (no pipefail)', 'dash', false],
  ];
  for (const [what, shell, pipefail] of cases) {
    it(`jn cat bad.csv | jn put out.csv leaves a good out.csv untouched: ${what}`, async () => {
      const dest = freshDest(`out-${shell}-${pipefail}.csv`);
      const before = statSync(dest);
      const r = await sh(shell, `${jn} cat bad.csv | ${jn} put ${dest}`, pipefail);
      assert.equal(r.code, 3);
      assert.equal(readFileSync(dest, 'utf8'), GOOD);
      assert.equal(statSync(dest).ino, before.ino);
      assert.deepEqual(leftovers(), []);
      // said once, by the stage that failed
      assert.deepEqual(r.stderr.trim().split('\n'), ['jn: csv read: bad.csv: line 5002, column 6: unterminated quoted field']);
    });

    it(`the mark crosses filter, head and tail to put: ${what}`, async () => {
      const dest = freshDest(`chain-${shell}-${pipefail}.jsonl`);
      const r = await sh(shell, `${jn} cat bad.csv | ${jn} filter 'select(.id > 0)' | ${jn} head -n 100000 | ${jn} tail -n 100000 | ${jn} put ${dest}`, pipefail);
      assert.equal(r.code, 3);
      assert.equal(readFileSync(dest, 'utf8'), GOOD);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    });
  }

  it('the mark crosses a text format written to stdout and read back (put -~tsv | cat -~tsv)', async () => {
    const dest = freshDest('via-tsv.jsonl');
    const r = await sh('dash', `${jn} cat bad.csv | ${jn} put -~tsv | ${jn} cat -~tsv | ${jn} put ${dest}`);
    assert.equal(r.code, 3);
    assert.equal(readFileSync(dest, 'utf8'), GOOD);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });

  it('a missing source fails the last command too (dash)', async () => {
    const dest = freshDest('missing.jsonl');
    const r = await sh('dash', `${jn} cat nope.csv | ${jn} filter . | ${jn} put ${dest}`);
    assert.equal(r.code, 4);
    assert.equal(r.stderr.trim(), 'jn: cat: nope.csv: no such file or directory');
    assert.equal(readFileSync(dest, 'utf8'), GOOD);
  });

  it('a runtime error in a middle stage reaches the end with its own status', async () => {
    const dest = freshDest('runtime.jsonl');
    const r = await sh('dash', `${jn} cat good.csv | ${jn} filter 'if .id == 2 then error("boom") else . end' | ${jn} head -n 5 | ${jn} put ${dest}`);
    assert.equal(r.code, 5);
    assert.equal(readFileSync(dest, 'utf8'), GOOD);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('a consumer that is not jn sees the good records, then one invalid line at the very end', async () => {
    const r = await sh('bash', `${jn} cat bad.csv | cat`);
    const lines = r.stdout.split('\n');
    assert.equal(lines.pop(), ''); // ends with a newline
    const last = lines.pop()!;
    assert.equal(lines.length, 5000);
    lines.forEach((l, i) => assert.deepEqual(JSON.parse(l), { id: i + 1, name: `row${i + 1}` }));
    assert.equal(last.startsWith(MARK), true);
    assert.deepEqual(JSON.parse(last.slice(1)), {
      'jn-failure': { stage: 'csv read', source: 'bad.csv', reason: 'line 5002, column 6: unterminated quoted field', status: 3 },
    });
  });

  it('head that has what it needs before the mark ends normally', async () => {
    const dest = freshDest('head.jsonl');
    const r = await sh('dash', `${jn} cat bad.csv | ${jn} head -n 3 | ${jn} put ${dest}`);
    assert.equal(r.code, 0);
    assert.equal(readFileSync(dest, 'utf8'), '{"id":1,"name":"row1"}\n{"id":2,"name":"row2"}\n{"id":3,"name":"row3"}\n');
  });

  it('an early exit downstream is not a failure: no mark, status 0 everywhere', async () => {
    const r = await sh('bash', `${jn} cat bad.csv | ${jn} head -n 1; echo "status \${PIPESTATUS[*]}"`, true);
    assert.equal(r.stdout, '{"id":1,"name":"row1"}\n' + r.stdout.slice(r.stdout.indexOf('\n') + 1));
    assert.ok(!r.stdout.includes(MARK));
    assert.match(r.stdout, /^status (0|3) 0$/m); // cat may reach the bad row before head leaves
  });

  it('a mark written by a third-party program stops jn put quietly with its status', async () => {
    const dest = freshDest('third.csv');
    const mark = `${MARK}{"jn-failure":{"stage":"my-tool","reason":"disk on fire","status":4}}`;
    const r = await run('node', [jnBin, 'put', dest], { input: `{"id":9,"name":"x"}\n${mark}\n` });
    assert.equal(r.code, 4);
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(dest, 'utf8'), GOOD);
  });

  it('a record cut short before the mark is dropped with it', async () => {
    const r = await run('node', [jnBin, 'filter', '-c', '.'], { input: `{"a":1}\n{"a":2, "b":${MARK}{"jn-failure":{"stage":"x","reason":"killed","status":3}}\n` });
    assert.equal(r.code, 3);
    assert.equal(r.stdout.split('\n')[0], '{"a":1}');
    assert.equal(r.stdout.split('\n')[1].startsWith(MARK), true);
  });

  it('a mark after a multi-line value cut short stops jn filter with the mark\'s status', async () => {
    const r = await run('node', [jnBin, 'filter', '-c', '.'], { input: `{"a":1}\n{\n  "b":\n${MARK}{"jn-failure":{"stage":"x","reason":"killed","status":4}}\n` });
    assert.equal(r.code, 4);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.split('\n')[0], '{"a":1}');
    assert.equal(r.stdout.split('\n')[1].startsWith(MARK), true);
  });

  it('an exported script fails under dash when a stage fails', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'jn'), `#!/bin/sh\nexec node ${jnBin} "$@"\n`);
    chmodSync(join(bin, 'jn'), 0o755);
    const script = join(dir, 'p.sh');
    const state = { source: join(dir, 'bad.csv'), stages: [{ id: 1, text: "filter '.id'", enabled: true }] };
    writeFileSync(script, toScript(state as never, { version: 'test', createdAt: new Date(0) }));
    const r = await run('dash', ['-c', `sh ${script} > /dev/null; echo "exit $?"`], { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    assert.equal(r.stdout, 'exit 3\n');
    assert.deepEqual(r.stderr.trim().split('\n'), ['jn: csv read: ' + join(dir, 'bad.csv') + ': line 5002, column 6: unterminated quoted field']);
  });
});
