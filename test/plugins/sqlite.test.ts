// The sqlite plugin as a process, on real database files in a temp dir.
// Databases that are not written through the plugin (the 1M-row table of
// the memory test, big integers, BLOBs) are made with better-sqlite3 here.
// The memory and early-stop tests start the plugin the way jn does
// (nodeStage: jn's Node flags), so their figures are the ones users get.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { nodeStage } from '../../src/pipeline/node.js';
import { ndjson, plugin, pluginBin, rng, tempDir } from '../helpers.js';
import { assertQuietEarlyExit } from '../support/plugin-harness.js';
import { lines, readWith, TEXTS as BASE_TEXTS } from '../support/database-plugin.js';

const dir = tempDir('jn-sqlite-test-');
const file = (name: string): string => join(dir, name);

// better-sqlite3 ships no type declarations: just what this file uses.
interface Database {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown };
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => Database;

function makeDb(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

const sqlite = (args: string[], input?: string) => plugin('sqlite', args, input);

const readRecords = (path: string, args: string[] = []): Promise<unknown[]> => readWith('sqlite', path, args);
const TEXTS = [...BASE_TEXTS, ' spaced '];

/** Seeded records of every JSON kind; `opt` is only in some of them. */
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
    };
    if (k % 7 === 0) rec.opt = `opt ${k}`;
    out.push(rec);
  }
  return out;
}

/** What SQLite gives back for a generated record: booleans as 1/0, objects
 * and arrays as their JSON text, a missing key as null. */
function asStored(rec: Record<string, unknown>): Record<string, unknown> {
  return { ...rec, b: rec.b ? 1 : 0, o: JSON.stringify(rec.o), opt: rec.opt ?? null };
}

/** Peak resident memory (kB) of a plugin reading path to a consumer that
 * counts the lines, started as jn starts plugins. */
async function readPeak(path: string): Promise<{ peak: number; rows: number; ms: number }> {
  const { command, args } = nodeStage(pluginBin('sqlite'), ['--mode=read', `--path=${path}`]);
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let peak = 0;
  const sample = (): void => {
    try {
      for (const m of readFileSync(`/proc/${child.pid}/status`, 'utf8').matchAll(/^Vm(?:RSS|HWM):\s+(\d+) kB/gm)) peak = Math.max(peak, Number(m[1]));
    } catch {
      // exited between samples
    }
  };
  const timer = setInterval(sample, 20);
  let rows = 0;
  child.stdout.on('data', (b: Buffer) => {
    for (let k = b.indexOf(10); k !== -1; k = b.indexOf(10, k + 1)) rows++;
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  return { peak, rows, ms: performance.now() - started };
}

describe('sqlite plugin', () => {
  it('prints its metadata', async () => {
    const meta = JSON.parse((await sqlite(['--jn-meta'])).stdout);
    assert.deepEqual(
      [meta.name, meta.role, meta.matches, meta.modes],
      ['sqlite', 'database', ['\\.sqlite3?$', '\\.db$'], ['read', 'write']],
    );
    for (const o of ['path', 'table', 'query', 'bind', 'if-exists', 'batch']) assert.ok(meta.options.some((x: { name: string }) => x.name === o), o);
  });

  it('round-trips 100k generated records (booleans as 1/0, objects as JSON text), by --table and by --query with --bind', async () => {
    const path = file('roundtrip.sqlite');
    const records = generate(100_000, 1);
    const res = await sqlite(['--mode=write', `--path=${path}`, '--table=t'], lines(records));
    assert.equal(res.stderr, '');
    assert.equal(res.code, 0);

    const back = (await sqlite(['--mode=read', `--path=${path}`, '--table=t'])).stdout.split('\n');
    assert.equal(back.pop(), '');
    assert.equal(back.length, records.length);
    for (let k = 0; k < records.length; k++) {
      const want = JSON.stringify(asStored(records[k])); // same keys, same order
      if (back[k] !== want) assert.deepEqual(JSON.parse(back[k]), JSON.parse(want), `record ${k}`);
    }

    const query = 'SELECT * FROM t WHERE id >= :lo AND id < $hi AND b = @flag ORDER BY id';
    const some = await readRecords(path, [`--query=${query}`, '--bind={"lo":500,"hi":2500,"flag":true}']);
    const expected = records.filter((r) => (r.id as number) >= 500 && (r.id as number) < 2500 && r.b).map(asStored);
    assert.ok(expected.length > 900);
    assert.deepEqual(some, expected);
    // a bound string is data, never SQL
    assert.deepEqual(await readRecords(path, ['--query=SELECT count(*) AS n FROM t WHERE s = :s', `--bind={"s":"x' OR '1'='1"}`]), [{ n: 0 }]);
  });

  before(() => {
    // 100k and 1M rows for the memory and early-stop tests
    for (const [name, n] of [['small.db', 100_000], ['big.db', 1_000_000]] as const) {
      makeDb(
        file(name),
        `CREATE TABLE t (id INTEGER, name TEXT, score REAL);
         WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${n})
         INSERT INTO t SELECT x, 'name ' || x, x * 0.5 FROM c`,
      );
    }
  });

  it('reads with flat memory: peak RSS for 1M rows within 25% of that for 100k', async (t) => {
    const small = await readPeak(file('small.db'));
    const big = await readPeak(file('big.db'));
    assert.equal(small.rows, 100_000);
    assert.equal(big.rows, 1_000_000);
    const growth = big.peak / small.peak - 1;
    const report = `peak RSS: 100k rows ${(small.peak / 1024).toFixed(1)} MB (${small.ms.toFixed(0)} ms), 1M rows ${(big.peak / 1024).toFixed(1)} MB (${big.ms.toFixed(0)} ms): +${(growth * 100).toFixed(1)}%`;
    t.diagnostic(report);
    assert.ok(growth < 0.25, report);
  });

  it('stops quickly and quietly when the reader goes away after a few rows', async () => {
    const path = file('big.db');
    const first = await assertQuietEarlyExit('sqlite', ['--mode=read', `--path=${path}`], { lines: 3 });
    assert.deepEqual(ndjson(first), [
      { id: 1, name: 'name 1', score: 0.5 },
      { id: 2, name: 'name 2', score: 1 },
      { id: 3, name: 'name 3', score: 1.5 },
    ]);
  });

  it('is atomic: a bad line in the middle leaves the database exactly as it was', async () => {
    const path = file('atomic.sqlite');
    const initial = [{ a: 1, s: 'one' }, { a: 2, s: 'two' }];
    assert.equal((await sqlite(['--mode=write', `--path=${path}`, '--table=t'], lines(initial))).code, 0);
    const before = readFileSync(path);
    // 2500 good records (two batches inserted, one adding a column) and a bad line
    const good = Array.from({ length: 2500 }, (_, k) => (k < 1500 ? { a: k, s: `s${k}` } : { a: k, s: `s${k}`, extra: k }));
    const input = lines(good.slice(0, 2200)) + '{"a": 1, "s": oops}\n' + lines(good.slice(2200));
    for (const table of ['t', 'fresh']) {
      const res = await sqlite(['--mode=write', `--path=${path}`, `--table=${table}`, '--batch=1000'], input);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /^line 2201, column 15: invalid JSON: /);
      assert.equal(res.stderr.split('\n').length, 2); // one line
    }
    assert.ok(readFileSync(path).equals(before), 'database file changed');
    assert.deepEqual(await readRecords(path), initial); // still the only table, unchanged
    assert.ok(!existsSync(`${path}-journal`));

    // a failed write to a new file leaves no file behind
    const fresh = file('never.sqlite');
    const res = await sqlite(['--mode=write', `--path=${fresh}`, '--table=t'], '{"a":1}\n[1,2]\n');
    assert.deepEqual([res.code, res.stderr], [1, 'line 2: expected a JSON object, got array\n']);
    assert.ok(!existsSync(fresh));
  });

  it('--if-exists: append (default) adds rows, replace swaps the table, fail refuses', async () => {
    const path = file('exists.sqlite');
    const w = (args: string[], records: unknown[]) => sqlite(['--mode=write', `--path=${path}`, '--table=t', ...args], lines(records));
    assert.equal((await w([], [{ a: 1 }])).code, 0);
    assert.equal((await w(['--if-exists=append'], [{ a: 2 }])).code, 0);
    assert.deepEqual(await readRecords(path), [{ a: 1 }, { a: 2 }]);

    let res = await w(['--if-exists=fail'], [{ a: 3 }]);
    assert.deepEqual([res.code, res.stderr], [1, 'table t already exists (--if-exists=fail)\n']);
    assert.deepEqual(await readRecords(path), [{ a: 1 }, { a: 2 }]);

    assert.equal((await w(['--if-exists=replace'], [{ b: 'x', c: true }])).code, 0);
    assert.deepEqual(await readRecords(path), [{ b: 'x', c: 1 }]);
    assert.equal((await w(['--if-exists=replace'], [])).code, 0); // no records: the table is emptied
    assert.deepEqual(await readRecords(path), []);
    assert.equal((await w(['--if-exists=fail'], [])).code, 1); // the (empty) table exists
    res = await sqlite(['--mode=write', `--path=${path}`, '--table=u', '--if-exists=fail'], '{"z":0}\n');
    assert.deepEqual([res.code, res.stderr], [0, '']);
    assert.deepEqual(await readRecords(path, ['--table=u']), [{ z: 0 }]);
    res = await sqlite(['--mode=write', `--path=${path}`, '--table=t', '--if-exists=maybe'], '');
    assert.deepEqual([res.code, res.stderr], [2, '--if-exists: expected append, replace or fail, got "maybe"\n']);
  });

  it('adds a column for a key first seen mid-stream', async () => {
    const path = file('newcol.sqlite');
    const input = [{ a: 1 }, { a: 2 }, { a: 3, b: 'x' }, { c: 4.5, a: 4 }];
    for (const batch of ['1000', '2', '1']) {
      const res = await sqlite(['--mode=write', `--path=${path}`, '--table=t', '--if-exists=replace', `--batch=${batch}`], lines(input));
      assert.deepEqual([res.code, res.stderr], [0, '']);
      assert.deepEqual(await readRecords(path), [
        { a: 1, b: null, c: null },
        { a: 2, b: null, c: null },
        { a: 3, b: 'x', c: null },
        { a: 4, b: null, c: 4.5 },
      ], `--batch=${batch}`);
    }
    // appending to an existing table adds columns too
    assert.equal((await sqlite(['--mode=write', `--path=${path}`, '--table=t'], '{"d":[1]}\n')).code, 0);
    assert.deepEqual((await readRecords(path)).at(-1), { a: null, b: null, c: null, d: '[1]' });
  });

  it('quotes table and column names', async () => {
    const path = file('quoting.sqlite');
    const table = 'my "odd" table; DROP TABLE x';
    const rec = { select: 1, 'a "b"': 'q', "it's": 2, 'from where': null, '': 'empty name' };
    const res = await sqlite(['--mode=write', `--path=${path}`, `--table=${table}`], lines([rec]));
    assert.deepEqual([res.code, res.stderr], [0, '']);
    assert.deepEqual(await readRecords(path, [`--table=${table}`]), [rec]);
    assert.deepEqual(await readRecords(path), [rec]);
    assert.deepEqual(await readRecords(path, ['--query=SELECT "select", "a ""b""" FROM "my ""odd"" table; DROP TABLE x"']), [{ select: 1, 'a "b"': 'q' }]);
  });

  it('reports a missing file with exit 4 and does not create it', async () => {
    const path = file('missing.sqlite');
    const res = await sqlite(['--mode=read', `--path=${path}`]);
    assert.deepEqual([res.code, res.stdout, res.stderr], [4, '', `no such file: ${path}\n`]);
    assert.ok(!existsSync(path));
    const nodir = await sqlite(['--mode=write', `--path=${file('no/such/dir.sqlite')}`, '--table=t'], '{"a":1}\n');
    assert.equal(nodir.code, 4);
    assert.match(nodir.stderr, /^cannot open .*dir\.sqlite: .+\n$/);
  });

  it('reports SQL errors with exit 1 and the SQLite message', async () => {
    const path = file('errors.sqlite');
    makeDb(path, 'CREATE TABLE t (a INTEGER NOT NULL); INSERT INTO t VALUES (1)');
    let res = await sqlite(['--mode=read', `--path=${path}`, '--query=SELECT * FROM x']);
    assert.deepEqual([res.code, res.stderr], [1, 'query: no such table: x\n']);
    res = await sqlite(['--mode=read', `--path=${path}`, '--query=SELEC 1']);
    assert.deepEqual([res.code, res.stderr], [1, 'query: near "SELEC": syntax error\n']);
    res = await sqlite(['--mode=read', `--path=${path}`, '--table=nope']);
    assert.deepEqual([res.code, res.stderr], [1, 'table nope: no such table: nope\n']);
    res = await sqlite(['--mode=read', `--path=${path}`, '--query=SELECT * FROM t WHERE a = :a']);
    assert.deepEqual([res.code, res.stderr], [1, 'query: Missing named parameters\n']);
    res = await sqlite(['--mode=read', `--path=${path}`, '--query=DELETE FROM t']);
    assert.deepEqual([res.code, res.stderr], [1, 'query: the statement returns no rows\n']);
    assert.deepEqual(await readRecords(path), [{ a: 1 }]);
    // a constraint of an existing table names the record's line
    res = await sqlite(['--mode=write', `--path=${path}`, '--table=t'], '{"a":2}\n{"a":null}\n');
    assert.deepEqual([res.code, res.stderr], [1, 'line 2: insert: NOT NULL constraint failed: t.a\n']);
    assert.deepEqual(await readRecords(path), [{ a: 1 }]);
  });

  it('without --table or --query reads the only table, and exits 2 when there is none or several', async () => {
    const empty = file('empty.sqlite');
    makeDb(empty, 'PRAGMA user_version = 1');
    let res = await sqlite(['--mode=read', `--path=${empty}`]);
    assert.deepEqual([res.code, res.stderr], [2, `${empty} has no tables: give --query\n`]);
    const two = file('two.sqlite');
    makeDb(two, 'CREATE TABLE b (x); CREATE TABLE a (y); INSERT INTO a VALUES (1)');
    res = await sqlite(['--mode=read', `--path=${two}`]);
    assert.deepEqual([res.code, res.stderr], [2, `${two} has 2 tables (a, b): choose one with --table=NAME or give --query\n`]);
    assert.deepEqual(await readRecords(two, ['--table=a']), [{ y: 1 }]);
    res = await sqlite(['--mode=read', `--path=${two}`, '--table=a', '--query=SELECT 1']);
    assert.deepEqual([res.code, res.stderr], [2, 'give --query or --table, not both\n']);
    res = await sqlite(['--mode=read', `--path=${two}`, '--query=SELECT 1', '--bind=nope']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^--bind: invalid JSON/);
    res = await sqlite(['--mode=write', `--path=${two}`], '{"a":1}\n');
    assert.deepEqual([res.code, res.stderr], [2, '--table is required to write (the table to create or append to)\n']);
  });

  it('writes integers beyond 2^53 as their exact digits, BLOBs as base64', async () => {
    const path = file('bigint.sqlite');
    makeDb(path, "CREATE TABLE t (n INTEGER, b BLOB); INSERT INTO t VALUES (9223372036854775807, x'00ff10'), (-9223372036854775808, NULL), (9007199254740993, x''), (42, 'text')");
    const res = await sqlite(['--mode=read', `--path=${path}`]);
    assert.equal(res.code, 0);
    assert.equal(
      res.stdout,
      '{"n":9223372036854775807,"b":"AP8Q"}\n{"n":-9223372036854775808,"b":null}\n{"n":9007199254740993,"b":""}\n{"n":42,"b":"text"}\n',
    );
    // through --query, and as a bound parameter
    const q = await sqlite(['--mode=read', `--path=${path}`, '--query=SELECT n + 0 AS m FROM t WHERE n > :min', '--bind={"min":9007199254740992}']);
    assert.equal(q.stdout, '{"m":9223372036854775807}\n{"m":9007199254740993}\n');
  });
});
