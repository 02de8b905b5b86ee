// The same bad input sent to every command: an invalid JSON line, a missing
// file, an unknown format. Every command that parses NDJSON answers with the
// same status (3; jn filter keeps jq's 2) and a message of the same shape,
// one line naming the stage, the source and the line (docs/exit-codes.md).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, root, tempDir } from '../helpers.ts';

const dir = tempDir();
const customers = join(root, 'examples', 'customers.csv');
const BAD = '{"id":1}\n{"id":2}\n{"id" 3}\n{"id":4}\n';

/** `jn: <stage>: <source>: line 3[, column C]: invalid JSON: <what>` */
const INVALID_LINE_3 = /^jn: [a-z]+( (read|write))?: (stdin|\S+): line 3(, column \d+)?: invalid JSON: [^\n]+\n$/;

const parsers: [string, string[], number][] = [
  ['analyze', ['analyze'], 3],
  ['inspect (sample)', ['inspect'], 3],
  ['join (left side)', ['join', customers, '--on', 'id'], 3],
  ['merge with annotations', ['merge', '-', '--annotate=source'], 3],
  ['cat -', ['cat', '-'], 3],
  ['put', ['put', 'OUT'], 3],
  ['table', ['table'], 3],
  ['filter (jq status)', ['filter', '.'], 2],
];

describe('an invalid JSON line, in every command that parses NDJSON', () => {
  for (const [name, args, status] of parsers) {
    it(`${name}: status ${status}, one line naming the line`, async () => {
      const out = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
      const r = await jn(args.map((a) => (a === 'OUT' ? out : a)), { input: BAD });
      assert.equal(r.code, status, r.stderr);
      assert.match(r.stderr, INVALID_LINE_3);
    });
  }

  for (const cmd of ['head', 'tail']) {
    it(`${cmd} passes lines through unparsed (documented): status 0, the line unchanged`, async () => {
      const r = await jn([cmd, '-n', '4'], { input: BAD });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, BAD);
    });
  }
});

describe('a missing file and an unknown format, in every command that takes an address', () => {
  const commands: [string, (addr: string) => string[]][] = [
    ['cat', (a) => ['cat', a]],
    ['join', (a) => ['join', a, '--on', 'id']],
    ['merge', (a) => ['merge', a]],
    ['put', (a) => ['put', a]],
  ];
  for (const [name, args] of commands) {
    it(`${name}: a missing file is status 4, one line`, async () => {
      const missing = name === 'put' ? join(dir, 'no', 'such', 'dir', 'x.csv') : join(dir, 'nope.csv');
      const r = await jn(args(missing), { input: '' });
      assert.equal(r.code, 4, r.stderr);
      assert.equal(r.stderr, `jn: ${name}: ${missing}: no such file or directory\n`);
    });
    it(`${name}: an unknown format is status 2, one line with the fix`, async () => {
      const file = join(dir, 'data.xyz');
      writeFileSync(file, 'x\n');
      const r = await jn(args(file), { input: '' });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^jn: [a-z]+: \S+data\.xyz: unknown format: no plugin (reads|writes) "\S+data\.xyz" \(name one with ~FORMAT, e\.g\. \S+~csv; see jn plugin list\)\n$/);
    });
  }
  it('inspect ADDR: an unknown format is status 2 (it reads no data, so a missing file is not checked)', async () => {
    const r = await jn(['inspect', join(dir, 'data.xyz')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^jn: inspect: \S+: unknown format: [^\n]+\n$/);
  });
});
