// The duckdb plugin as a process, on real DuckDB and Parquet files in a temp
// dir. Files the plugin does not write itself (a table of every type, a big
// table, a Parquet file) are made here with @duckdb/node-api, whose handle
// is closed before the plugin opens the file (DuckDB locks it).
import { DuckDBInstance } from '@duckdb/node-api';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ndjson, plugin, rng, tempDir } from '../helpers.js';
import { assertQuietEarlyExit } from '../support/plugin-harness.js';
import { lines, readWith, TEXTS } from '../support/database-plugin.js';

const dir = tempDir('jn-duckdb-test-');
const file = (name: string): string => join(dir, name);

/** Run SQL statements against a DuckDB file (or ':memory:'), then close it. */
async function duck(path: string, ...statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  for (const sql of statements) await conn.run(sql);
  conn.closeSync();
  instance.closeSync();
}

const duckdb = (args: string[], input?: string) => plugin('duckdb', args, input);

const readRecords = (path: string, args: string[] = []): Promise<unknown[]> => readWith('duckdb', path, args);

/** Seeded records of every JSON kind; `mix` mixes kinds, `opt` is only in some. */
function generate(count: number, seed: number): Record<string, unknown>[] {
  const r = rng(seed);
  const out: Record<string, unknown>[] = [];
  for (let k = 0; k < count; k++) {
    const rec: Record<string, unknown> = {
      id: k,
      i: Math.floor((r() - 0.5) * 2e12),
      f: (r() - 0.5) * 1e6,
      s: TEXTS[Math.floor(r() * TEXTS.length)] + k,
      b: r() < 0.5,
      maybe: r() < 0.3 ? null : Math.floor(r() * 1000),
      o: r() < 0.5 ? { a: [k, 'x', null], b: { c: r() < 0.5, d: 'ü' } } : [1, { x: r() }],
      mix: [`t${k}`, k, true, { k }, null][k % 5],
    };
    if (k % 7 === 0) rec.opt = `opt ${k}`;
    out.push(rec);
  }
  return out;
}

/** Column names and types of a table, through the plugin. */
const schema = (path: string, table: string): Promise<unknown[]> =>
  readRecords(path, ['--query=SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = $t ORDER BY column_index', `--bind={"t":"${table}"}`]);

describe('duckdb plugin', () => {
  before(() => duck(file('big.duckdb'), "CREATE TABLE t AS SELECT range AS id, 'name ' || range AS name FROM range(500000)"));

  it('prints its metadata', async () => {
    const meta = JSON.parse((await duckdb(['--jn-meta'])).stdout);
    assert.deepEqual(
      [meta.name, meta.role, meta.matches, meta.modes],
      ['duckdb', 'database', ['\\.duckdb$', '\\.ddb$', '\\.parquet$'], ['read', 'write']],
    );
  });

  it('round-trips 10k generated records exactly, by --table and by --query with --bind', async () => {
    const path = file('roundtrip.duckdb');
    const records = generate(10_000, 2);
    const res = await duckdb(['--mode=write', `--path=${path}`, '--table=t'], lines(records));
    assert.deepEqual([res.code, res.stderr], [0, '']);
    assert.deepEqual(await schema(path, 't'), [
      { name: 'id', type: 'BIGINT' },
      { name: 'i', type: 'BIGINT' },
      { name: 'f', type: 'DOUBLE' },
      { name: 's', type: 'VARCHAR' },
      { name: 'b', type: 'BOOLEAN' },
      { name: 'maybe', type: 'BIGINT' },
      { name: 'o', type: 'JSON' },
      { name: 'mix', type: 'JSON' },
      { name: 'opt', type: 'VARCHAR' },
    ]);

    const back = (await duckdb(['--mode=read', `--path=${path}`, '--table=t'])).stdout.split('\n');
    assert.equal(back.pop(), '');
    assert.equal(back.length, records.length);
    for (let k = 0; k < records.length; k++) {
      const want = JSON.stringify({ ...records[k], opt: records[k].opt ?? null }); // same keys, same order
      if (back[k] !== want) assert.deepEqual(JSON.parse(back[k]), JSON.parse(want), `record ${k}`);
    }

    const some = await readRecords(path, ['--query=SELECT id, s, o FROM t WHERE id >= $lo AND id < $hi AND b = $flag ORDER BY id', '--bind={"lo":100,"hi":600,"flag":true}']);
    const expected = records.filter((r) => (r.id as number) >= 100 && (r.id as number) < 600 && r.b).map((r) => ({ id: r.id, s: r.s, o: r.o }));
    assert.ok(expected.length > 200);
    assert.deepEqual(some, expected);
    // a bound string is data, never SQL
    assert.deepEqual(await readRecords(path, ['--query=SELECT count(*) AS n FROM t WHERE s = $s', `--bind={"s":"x' OR '1'='1"}`]), [{ n: 0 }]);
  });

  it('maps DuckDB types to JSON: ISO timestamps, exact big integers, DECIMAL numbers, LIST/STRUCT/MAP, base64 BLOBs', async () => {
    const path = file('types.duckdb');
    await duck(
      path,
      "CREATE TYPE letter AS ENUM ('a', 'b')",
      `CREATE TABLE t AS SELECT
        DATE '2024-02-29' AS d, TIMESTAMP '2024-01-02 03:04:05.25' AS ts, TIMESTAMPTZ '2024-01-02 03:04:05+02' AS tz,
        12.50::DECIMAL(6,2) AS dec, 9223372036854775807::BIGINT AS big, (-170141183460469231731687303715884105727)::HUGEINT AS huge,
        [1, 2, NULL] AS list, {'x': 1, 'y': ['a']} AS struct, MAP {'k': 1.5} AS map, '\\x00\\xFF'::BLOB AS blob,
        '{"j": [true]}'::JSON AS json, 'NaN'::DOUBLE AS nan, NULL AS nothing, 'b'::letter AS e`,
    );
    const res = await duckdb(['--mode=read', `--path=${path}`]);
    assert.equal(res.stderr, '');
    assert.equal(
      res.stdout,
      '{"d":"2024-02-29","ts":"2024-01-02T03:04:05.25","tz":"2024-01-02T01:04:05Z","dec":12.5,"big":9223372036854775807,' +
        '"huge":-170141183460469231731687303715884105727,"list":[1,2,null],"struct":{"x":1,"y":["a"]},"map":{"k":1.5},' +
        '"blob":"AP8=","json":{"j":[true]},"nan":null,"nothing":null,"e":"b"}\n',
    );
  });

  it('reads a Parquet file whole or through --query on the view `data`, and writes one', async () => {
    const parquet = file('data.parquet');
    await duck(':memory:', `COPY (SELECT range AS n, 'row ' || range AS label, [range, range + 1] AS pair FROM range(5000)) TO '${parquet}' (FORMAT parquet)`);
    const all = await readRecords(parquet);
    assert.equal(all.length, 5000);
    assert.deepEqual(all[4999], { n: 4999, label: 'row 4999', pair: [4999, 5000] });
    assert.deepEqual(await readRecords(parquet, ['--query=SELECT sum(n) AS total, max(label) AS top FROM data WHERE n < $lim', '--bind={"lim":100}']), [{ total: 4950, top: 'row 99' }]);

    const out = file('written.parquet');
    const records = generate(2000, 3);
    const res = await duckdb(['--mode=write', `--path=${out}`], lines(records));
    assert.deepEqual([res.code, res.stderr], [0, '']);
    assert.deepEqual(await readRecords(out), records.map((r) => ({ ...r, opt: r.opt ?? null })));
    assert.ok(!existsSync(`${out}.jn-partial`));
    // a failed write leaves the old file as it was
    const bad = await duckdb(['--mode=write', `--path=${out}`], '{"a":1}\n{"a":\n');
    assert.equal(bad.code, 1);
    assert.equal((await readRecords(out)).length, 2000);
  });

  it('streams: stops quickly and quietly when the reader goes away after a few rows', async () => {
    const first = await assertQuietEarlyExit('duckdb', ['--mode=read', `--path=${file('big.duckdb')}`, '--query=SELECT * FROM t ORDER BY id'], { lines: 3 });
    assert.deepEqual(ndjson(first), [
      { id: 0, name: 'name 0' },
      { id: 1, name: 'name 1' },
      { id: 2, name: 'name 2' },
    ]);
  });

  it('widens a column whose later values do not fit it, and adds columns for new keys', async () => {
    const path = file('widen.duckdb');
    const records = [{ n: 1, s: 'a' }, { n: 2, s: 'b' }, { n: 2.5, s: 'c', extra: [1] }, { n: 'four', s: 5 }];
    const res = await duckdb(['--mode=write', `--path=${path}`, '--table=t', '--batch=2'], lines(records));
    assert.deepEqual([res.code, res.stderr], [0, '']);
    assert.deepEqual(await schema(path, 't'), [
      { name: 'n', type: 'JSON' },
      { name: 's', type: 'JSON' },
      { name: 'extra', type: 'JSON' },
    ]);
    assert.deepEqual(await readRecords(path), records.map((r) => ({ extra: null, ...r })));
  });

  it('is atomic: a bad line in the middle leaves the database as it was', async () => {
    const path = file('atomic.duckdb');
    const initial = [{ a: 1, s: 'one' }, { a: 2, s: 'two' }];
    assert.equal((await duckdb(['--mode=write', `--path=${path}`, '--table=t'], lines(initial))).code, 0);
    // batches of 100: rows appended and flushed, a column widened, one added, then a bad line
    const good = Array.from({ length: 250 }, (_, k) => (k < 150 ? { a: k, s: `s${k}` } : { a: k + 0.5, s: `s${k}`, extra: k }));
    const input = lines(good.slice(0, 220)) + '{"a": 1, "s": oops}\n' + lines(good.slice(220));
    for (const table of ['t', 'fresh']) {
      const res = await duckdb(['--mode=write', `--path=${path}`, `--table=${table}`, '--batch=100'], input);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /^line 221, column 15: invalid JSON: [^\n]*\n$/);
    }
    assert.deepEqual(await readRecords(path), initial); // still the only table, unchanged
    assert.deepEqual(await schema(path, 't'), [
      { name: 'a', type: 'BIGINT' },
      { name: 's', type: 'VARCHAR' },
    ]);

    // a value DuckDB cannot cast into an existing column's type names its line
    await duck(path, 'CREATE TABLE d (day DATE)');
    const res = await duckdb(['--mode=write', `--path=${path}`, '--table=d'], '{"day":"2024-01-01"}\n{"day":"someday"}\n');
    assert.deepEqual([res.code, res.stderr], [1, 'line 2: insert: invalid date field format: "someday", expected format is (YYYY-MM-DD)\n']);
    assert.deepEqual(await readRecords(path, ['--table=d']), []);

    // a failed write to a new file leaves no file behind
    const fresh = file('never.duckdb');
    const bad = await duckdb(['--mode=write', `--path=${fresh}`, '--table=t'], '{"a":1}\n7\n');
    assert.deepEqual([bad.code, bad.stderr], [1, 'line 2: expected a JSON object, got number\n']);
    assert.ok(!existsSync(fresh));
    assert.ok(!existsSync(`${fresh}.wal`));
  });

  it('reports a missing file (exit 4), SQL errors (exit 1), an ambiguous database (exit 2) in one line, and fetches no extensions', async () => {
    const missing = file('missing.duckdb');
    let res = await duckdb(['--mode=read', `--path=${missing}`]);
    assert.deepEqual([res.code, res.stderr], [4, `no such file: ${missing}\n`]);
    assert.ok(!existsSync(missing));
    res = await duckdb(['--mode=read', `--path=${file('big.duckdb')}`, '--query=SELECT * FROM x']);
    assert.deepEqual([res.code, res.stderr], [1, 'query: Catalog Error: Table with name x does not exist!\n']);
    const two = file('two.duckdb');
    await duck(two, 'CREATE TABLE b (x INTEGER)', 'CREATE TABLE "a ""q""" (y INTEGER)', 'INSERT INTO "a ""q""" VALUES (7)');
    res = await duckdb(['--mode=read', `--path=${two}`]);
    assert.deepEqual([res.code, res.stderr], [2, `${two} has 2 tables (a "q", b): choose one with --table=NAME or give --query\n`]);
    assert.deepEqual(await readRecords(two, ['--table=a "q"']), [{ y: 7 }]);
    // a file of another format is refused, not read with an extension fetched from the network
    const sqliteFile = file('other.duckdb');
    writeFileSync(sqliteFile, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4080)]));
    res = await duckdb(['--mode=read', `--path=${sqliteFile}`]);
    assert.equal(res.code, 4);
    assert.match(res.stderr, /^cannot open .*other\.duckdb: IO Error: Extension .*sqlite_scanner.* not found\. [^\n]*\n$/);
  });
});
