import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, ndjson, splitMark, tempDir } from '../helpers.ts';

const dir = tempDir();
const env = { ...process.env, JN_HOME: join(dir, 'home') };
const opts = { cwd: dir, env };
writeFileSync(join(dir, 'right.jsonl'), ['{"id":1,"name":"one","amount":10}', '{"id":1,"name":"uno","amount":5}', '{"id":2,"name":"two","amount":7}', '{"id":null,"name":"nil"}', '{"name":"nokey"}'].join('\n') + '\n');
writeFileSync(join(dir, 'comp.csv'), 'a,b,v\n1,x,first\n1,y,second\n');
const left = ['{"id":1,"name":"L1"}', '{"id":2,"x":true}', '{"id":3}', '{"id":null}', '{"id":"1"}'].join('\n') + '\n';
const lines = (s: string) => s.trim().split('\n');

describe('jn join', () => {
  it('left join, flat: one row per match, left wins a clash, right key not repeated, unmatched passes unchanged', async () => {
    const r = await jn(['join', 'right.jsonl', '--on', 'id'], { ...opts, input: left });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), [
      '{"id":1,"name":"L1","amount":10}',
      '{"id":1,"name":"L1","amount":5}',
      '{"id":2,"x":true,"name":"two","amount":7}',
      '{"id":3}',
      '{"id":null}',
      '{"id":"1"}',
    ]);
  });

  it('--inner drops unmatched rows; --indicator marks matches', async () => {
    const inner = await jn(['join', 'right.jsonl', '--on', 'id', '--inner'], { ...opts, input: left });
    assert.equal(lines(inner.stdout).length, 3);
    const ind = await jn(['join', 'right.jsonl', '--on', 'id', '--indicator', 'found'], { ...opts, input: left });
    assert.deepEqual(
      ndjson(ind.stdout).map((r) => (r as { found: boolean }).found),
      [true, true, true, false, false, false],
    );
  });

  it('--prefix names the right fields', async () => {
    const r = await jn(['join', 'right.jsonl', '--on', 'id', '--prefix', 'r_'], { ...opts, input: '{"id":2,"name":"L"}\n' });
    assert.equal(r.stdout, '{"id":2,"name":"L","r_name":"two","r_amount":7}\n');
  });

  it('--target embeds all matches; unmatched get []', async () => {
    const r = await jn(['join', 'right.jsonl', '--on', 'id', '--target', 'm'], { ...opts, input: '{"id":1}\n{"id":9}\n' });
    assert.deepEqual(lines(r.stdout), ['{"id":1,"m":[{"id":1,"name":"one","amount":10},{"id":1,"name":"uno","amount":5}]}', '{"id":9,"m":[]}']);
  });

  it('--agg computes aggregates over the matches with the filter language', async () => {
    const r = await jn(['join', 'right.jsonl', '--on', 'id', '--agg', 'n: count(), total: sum(.amount), names: map(.name)'], { ...opts, input: '{"id":1}\n{"id":9}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), ['{"id":1,"n":2,"total":15,"names":["one","uno"]}', '{"id":9,"n":0,"total":0,"names":[]}']);
    const bad = await jn(['join', 'right.jsonl', '--on', 'id', '--agg', 'n: count('], { ...opts, input: '' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^jn: join: --agg "n: count\(": /);
  });

  it('composite keys and different key names', async () => {
    const r = await jn(['join', 'comp.csv', '--left-key', 'k1,k2', '--right-key', 'a,b'], { ...opts, input: '{"k1":1,"k2":"y"}\n{"k1":1,"k2":"z"}\n' });
    assert.deepEqual(lines(r.stdout), ['{"k1":1,"k2":"y","v":"second"}', '{"k1":1,"k2":"z"}']);
    const same = await jn(['join', 'comp.csv', '--on', 'a,b'], { ...opts, input: '{"a":1,"b":"x"}\n' });
    assert.equal(same.stdout, '{"a":1,"b":"x","v":"first"}\n');
  });

  it('usage errors and a failing right side', async () => {
    const none = await jn(['join', 'right.jsonl'], { ...opts, input: '' });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^jn: join: say what to join on/);
    const missing = await jn(['join', 'nope.csv', '--on', 'id'], { ...opts, input: '' });
    assert.equal(missing.code, 4);
    assert.equal(missing.stderr, 'jn: join: nope.csv: no such file or directory\n');
    writeFileSync(join(dir, 'bad.csv'), 'id\n"1\n');
    const bad = await jn(['join', 'bad.csv', '--on', 'id'], { ...opts, input: '' });
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /^jn: csv read: bad\.csv: line 2, column 1: unterminated quoted field\n$/);
  });

  it('warns when the right side passes join.warn_rows', async () => {
    writeFileSync(join(dir, '.jnrc'), '[join]\nwarn_rows = 3\n');
    try {
      const r = await jn(['join', 'right.jsonl', '--on', 'id'], { ...opts, input: '{"id":2}\n' });
      assert.equal(r.code, 0);
      assert.match(r.stderr, /^jn: join: warning: the right side \(right\.jsonl\) has more than 3 records and is held in memory/);
      assert.equal(r.stdout, '{"id":2,"name":"two","amount":7}\n');
    } finally {
      writeFileSync(join(dir, '.jnrc'), '');
    }
  });
});

describe('jn merge', () => {
  writeFileSync(join(dir, 'm1.csv'), 'a\n1\n2\n');
  writeFileSync(join(dir, 'm2.jsonl'), '{"a":3,"_source":"fake"}\n');
  it('tags every record with _source first, by default, as JN does', async () => {
    const r = await jn(['merge', 'm1.csv', 'm2.jsonl'], opts);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"_source":"m1.csv","a":1}\n{"_source":"m1.csv","a":2}\n{"_source":"m2.jsonl","a":3}\n');
  });
  it('--no-source concatenates the records as they are', async () => {
    const r = await jn(['merge', '--no-source', 'm1.csv', 'm2.jsonl'], opts);
    assert.equal(r.stdout, '{"a":1}\n{"a":2}\n{"a":3,"_source":"fake"}\n');
  });
  it('labels add _label after _source (and alone with --no-source)', async () => {
    const r = await jn(['merge', 'm1.csv:label=first', 'm2.jsonl'], opts);
    assert.deepEqual(lines(r.stdout), ['{"_source":"m1.csv","_label":"first","a":1}', '{"_source":"m1.csv","_label":"first","a":2}', '{"_source":"m2.jsonl","a":3}']);
    const n = await jn(['merge', '--no-source', 'm1.csv:label=first'], opts);
    assert.deepEqual(lines(n.stdout), ['{"_label":"first","a":1}', '{"_label":"first","a":2}']);
  });
  it('a glob names each expanded file; --annotate=source (the old spelling) is the default', async () => {
    const r = await jn(['merge', '--annotate', 'source', 'm*'], opts);
    assert.deepEqual(
      ndjson(r.stdout).map((x) => (x as { _source: string })._source),
      ['m1.csv', 'm1.csv', 'm2.jsonl'],
    );
  });
  it('a source that fails is reported, the others are still read, and merge exits with its status; --fail-fast stops there', async () => {
    writeFileSync(join(dir, 'bad.jsonl'), '{"a":4}\n{"a":\n');
    const r = await jn(['merge', 'm1.csv', 'nope.csv', 'bad.jsonl', 'm2.jsonl'], opts);
    assert.equal(r.code, 4);
    const [missing, bad, ...more] = r.stderr.split('\n');
    assert.equal(missing, 'jn: merge: nope.csv: no such file or directory');
    assert.match(bad, /^jn: jsonl read: bad\.jsonl: line 2(, column \d+)?: invalid JSON: .+$/);
    assert.deepEqual(more, ['']);
    const { records, mark } = splitMark(r.stdout);
    assert.deepEqual(lines(records), ['{"_source":"m1.csv","a":1}', '{"_source":"m1.csv","a":2}', '{"_source":"bad.jsonl","a":4}', '{"_source":"m2.jsonl","a":3}']);
    assert.ok(mark, 'the failure mark ends the output');
    const ff = await jn(['merge', '--fail-fast', 'm1.csv', 'nope.csv', 'm2.jsonl'], opts);
    assert.equal(ff.code, 4);
    assert.equal(ff.stderr, 'jn: merge: nope.csv: no such file or directory\n');
    assert.deepEqual(lines(splitMark(ff.stdout).records), ['{"_source":"m1.csv","a":1}', '{"_source":"m1.csv","a":2}']);
    const typo = await jn(['merge', 'm1.csv', 'x.nope'], opts);
    assert.equal(typo.code, 2, typo.stderr);
    assert.equal(typo.stdout.startsWith('{"_source"'), false, 'a typo fails before anything is read');
  });
});

describe('jn inspect', () => {
  it('resolves the chain of an address without reading it', async () => {
    const r = await jn(['inspect', '--json', 'does-not-exist.csv.gz?delimiter=;'], opts);
    assert.equal(r.code, 0, r.stderr);
    const info = JSON.parse(r.stdout);
    assert.deepEqual(
      info.stages.map((s: { stage: string }) => s.stage),
      ['gz read', 'csv read'],
    );
    assert.equal(info.stages[1].argv.at(-1), '--delimiter=;');
  });
  it('describes the schema of a sample', async () => {
    const input = ['{"a":1,"b":{"c":"x"},"t":[1,"s"]}', '{"a":null}', '{"a":2.5,"b":{"c":"y"}}', '{"a":99}'].join('\n') + '\n';
    const r = await jn(['inspect', '--json', '-n', '3'], { ...opts, input });
    const s = JSON.parse(r.stdout);
    assert.equal(s.records, 3);
    const byPath = Object.fromEntries(s.fields.map((f: { path: string }) => [f.path, f]));
    assert.deepEqual(byPath.a.types, { number: 2, null: 1 });
    assert.equal(byPath.a.nulls, 1);
    assert.equal(byPath['b.c'].missing, 1);
    assert.deepEqual(byPath['b.c'].examples, ['x', 'y']);
    assert.deepEqual(byPath['t[]'].types, { number: 1, string: 1 });
  });
});

describe('jn table', () => {
  it('--max-width truncates with an ellipsis', async () => {
    const r = await jn(['table', '--tablefmt', 'plain', '--max-width', '4'], { ...opts, input: '{"w":"abcdefgh"}\n{"w":"xy"}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'w\nabc…\nxy\n');
  });

  it('prints a table with the chosen format', async () => {
    const r = await jn(['table', '--tablefmt', 'github'], { ...opts, input: '{"name":"日本","n":1}\n{"name":"ab","n":22}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '| name   |   n |\n|--------|-----|\n| 日本   |   1 |\n| ab     |  22 |\n');
  });
});
