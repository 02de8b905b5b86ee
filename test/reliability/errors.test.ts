// Errors that must name the right cause, once, in jn's one-line form, with
// the documented status (docs/exit-codes.md): the hardening corpus, item 4.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { jn, jnBin, run, splitMark, tempDir } from '../helpers.ts';

const dir = tempDir('jn-errors-');
const rows = ['id,name', ...Array.from({ length: 20000 }, (_, i) => `${i},name${i}`)].join('\n') + '\n';
writeFileSync(join(dir, 'data.csv'), rows);
const gz = gzipSync(rows);
writeFileSync(join(dir, 'cut.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
writeFileSync(join(dir, '-lead.csv'), 'a\n1\n');

/** Run a shell pipeline in dir, stdout to /dev/full; its status is the
 * last line of stderr. */
const toFull = (pipeline: string) => run('bash', ['-c', `${pipeline} > /dev/full; echo "status $?" >&2`], { cwd: dir });
const J = `node ${jnBin}`;

describe('the most upstream failure is the only one reported', () => {
  it('a truncated .gz: the gz error, not the csv reader\'s', async () => {
    const r = await jn(['cat', 'cut.csv.gz'], { cwd: dir });
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'jn: gz read: cut.csv.gz: truncated gzip data (unexpected end of file)\n');
    assert.equal((splitMark(r.stdout).mark as { stage: string }).stage, 'gz read');
  });
});

describe('stdout that cannot be written (a full disk: /dev/full) is an I/O error, one line, status 4', () => {
  const cases: [string, string, RegExp][] = [
    ['jn head', `${J} cat data.csv | ${J} head -n 5`, /^jn: head: stdout: no space left on device\n$/],
    ['jn tail', `${J} cat data.csv | ${J} tail -n 5`, /^jn: tail: stdout: no space left on device\n$/],
    ['jn filter', `${J} cat data.csv | ${J} filter .id`, /^jn: filter: stdout: no space left on device\n$/],
    ['jn cat (its plugin writes)', `${J} cat data.csv`, /^jn: csv read: data\.csv: cannot write output: no space left on device\n$/],
    ['jn put -~csv', `${J} cat data.csv | ${J} put -~csv`, /^jn: csv write: stdout: cannot write output: no space left on device\n$/],
  ];
  for (const [what, pipeline, message] of cases) {
    it(what, async () => {
      const r = await toFull(pipeline);
      const [status, ...rest] = r.stderr.split('\n').filter(Boolean).reverse();
      assert.equal(status, 'status 4');
      assert.match(rest.reverse().join('\n') + '\n', message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'a stack trace');
    });
  }
});

describe('the command line', () => {
  it('usage errors say jn:, not commander\'s error:', async () => {
    const r = await jn(['cat', '--bogus-option', 'x.csv'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^jn: /);
    const h = await jn(['head', '-n', 'x']);
    assert.equal(h.code, 2);
    assert.match(h.stderr, /^jn: option '-n, --lines <n>' argument 'x' is invalid/);
    const u = await jn(['nosuchcommand']);
    assert.equal(u.code, 2);
    assert.match(u.stderr, /^jn: unknown command 'nosuchcommand'/);
  });

  it('-- ends the options: jn cat -- -lead.csv reads the file', async () => {
    const r = await jn(['cat', '--', '-lead.csv'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"a":1}\n');
    const s = await jn(['cat', '-lead.csv'], { cwd: dir });
    assert.equal(s.code, 2);
    assert.equal(s.stderr, 'jn: cat: unknown option -lead.csv (a file whose name starts with - is ./-lead.csv)\n');
  });

  it('-- keeps stdin stdin: jn cat -- "-~csv" reads stdin as CSV, as JN users write it', async () => {
    const r = await jn(['cat', '--', '-~csv'], { cwd: dir, input: 'a\n1\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"a":1}\n');
  });
});
