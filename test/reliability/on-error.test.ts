// --on-error=fail|skip|report for record-level errors (src/kit/onerror.ts):
// through jn cat's plugins, with the reports on stderr or in --errors FILE.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, ndjson, splitMark, tempDir } from '../helpers.ts';

const dir = tempDir('jn-on-error-');
writeFileSync(join(dir, 'ragged.csv'), 'a,b\n1,2\n3\n4,5\n6,7,8\n9,10\n');
const GOOD = [{ a: 1, b: 2 }, { a: 4, b: 5 }, { a: 9, b: 10 }];
const HINT = 'add ?allow-ragged=true to read ragged rows';
const reports = [
  { stage: 'csv read', source: 'ragged.csv', line: 3, error: `expected 2 fields (from the header), got 1; ${HINT}` },
  { stage: 'csv read', source: 'ragged.csv', line: 5, error: `expected 2 fields (from the header), got 3; ${HINT}` },
];

describe('--on-error in the csv reader', () => {
  it('fail (the default): stops at the first bad row, status 3', async () => {
    const r = await jn(['cat', 'ragged.csv'], { cwd: dir });
    assert.equal(r.code, 3);
    assert.deepEqual(ndjson(splitMark(r.stdout).records), [{ a: 1, b: 2 }]);
    assert.equal(r.stderr, `jn: csv read: ragged.csv: line 3: expected 2 fields (from the header), got 1; ${HINT}\n`);
  });

  it('skip: the good rows, status 0, and how many were left out', async () => {
    const r = await jn(['cat', '--on-error=skip', 'ragged.csv'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.deepEqual(ndjson(r.stdout), GOOD);
    assert.equal(r.stderr, 'jn: csv read: ragged.csv: skipped 2 bad records (--on-error=skip)\n');
  });

  it('report: each bad row as NDJSON on stderr, then the count', async () => {
    const r = await jn(['cat', '--on-error', 'report', 'ragged.csv'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.deepEqual(ndjson(r.stdout), GOOD);
    const lines = r.stderr.trim().split('\n');
    assert.deepEqual(lines.slice(0, 2).map((l) => JSON.parse(l)), reports);
    assert.equal(lines[2], 'jn: csv read: ragged.csv: skipped 2 bad records (--on-error=report)');
  });

  it('report --errors FILE: the reports in the file', async () => {
    const file = join(dir, 'errors.ndjson');
    const r = await jn(['cat', '--on-error=report', '--errors', file, 'ragged.csv'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.deepEqual(ndjson(readFileSync(file, 'utf8')), reports);
    assert.equal(r.stderr, 'jn: csv read: ragged.csv: skipped 2 bad records (--on-error=report)\n');
  });

  it('a bad mode, or --errors without report, is a usage error', async () => {
    const r = await jn(['cat', '--on-error=bogus', 'ragged.csv'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'jn: cat: --on-error: expected fail, skip or report, got "bogus"\n');
    const e = await jn(['cat', '--errors', 'x', 'ragged.csv'], { cwd: dir });
    assert.equal(e.code, 2);
    assert.equal(e.stderr, 'jn: cat: --errors needs --on-error=report\n');
  });
});

describe('--on-error in jn filter', () => {
  const input = '{"a":1}\n{"a":\n  nope}\n{"a":"x"}\n{"a":3}\n';

  it('fail (the default): invalid JSON ends the run with jq\'s status 2', async () => {
    const r = await jn(['filter', '.a + 1'], { input });
    assert.equal(r.code, 2);
    assert.equal(splitMark(r.stdout).records, '2\n');
  });

  it('skip: the invalid value and the runtime error are left out and counted, status 0', async () => {
    const r = await jn(['filter', '--on-error=skip', '.a + 1'], { input });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '2\n4\n');
    assert.equal(r.stderr, 'jn: filter: skipped 2 bad records (--on-error=skip)\n');
  });

  it('report --errors FILE: where and why, as NDJSON', async () => {
    const file = join(dir, 'filter-errors.ndjson');
    const r = await jn(['filter', '--on-error', 'report', '--errors', file, '.a + 1'], { input });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '2\n4\n');
    const [json, runtime] = ndjson(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    assert.deepEqual({ ...json, error: undefined }, { stage: 'filter', source: 'stdin', line: 3, column: 7, error: undefined });
    assert.match(json.error as string, /^invalid JSON: /);
    assert.deepEqual(runtime, { stage: 'filter', source: 'stdin', record: 2, error: 'string ("x") and number (1) cannot be added' });
    assert.equal(r.stderr, 'jn: filter: skipped 2 bad records (--on-error=report)\n');
  });
});
