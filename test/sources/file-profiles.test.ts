// jn cat --meta, and file (folder) profiles: JN's folder-profiles demo
// (demos/folder-profiles of botassembly/jn), its data and profiles, with the
// original's expected records (keys and values in order).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { jn, ndjson, tempDir } from '../helpers.ts';
import { trust } from '../support/trust.ts';

const dir = tempDir('jn-fileprof-');
const env = { ...process.env, JN_HOME: join(dir, 'home') };
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

put('test_data/events/2024-01/errors.jsonl', lines({ timestamp: '2024-01-15T10:05:00Z', event_type: 'error', level: 'ERROR', message: 'Database connection failed', service: 'api' }, { timestamp: '2024-01-15T15:30:00Z', event_type: 'error', level: 'WARN', message: 'Rate limit exceeded', service: 'api', user_id: 'user456' }));
put('test_data/events/2024-01/orders.jsonl', lines({ timestamp: '2024-01-15T09:00:00Z', event_type: 'order_created', order_id: 'ORD001', user_id: 'user123', total: 99.99 }, { timestamp: '2024-01-15T14:00:00Z', event_type: 'order_shipped', order_id: 'ORD001', carrier: 'UPS' }, { timestamp: '2024-01-16T10:00:00Z', event_type: 'order_delivered', order_id: 'ORD001' }));
put('test_data/events/2024-01/users.jsonl', lines({ timestamp: '2024-01-15T10:00:00Z', event_type: 'login', user_id: 'user123', ip: '192.168.1.1' }, { timestamp: '2024-01-15T10:30:00Z', event_type: 'logout', user_id: 'user123', session_duration: 1800 }, { timestamp: '2024-01-15T11:00:00Z', event_type: 'login', user_id: 'user456', ip: '192.168.1.2' }));
put('test_data/events/2024-02/orders.jsonl', lines({ timestamp: '2024-02-01T10:00:00Z', event_type: 'order_created', order_id: 'ORD002', user_id: 'user789', total: 149.99 }, { timestamp: '2024-02-02T09:00:00Z', event_type: 'order_shipped', order_id: 'ORD002', carrier: 'FedEx' }));
put('test_data/events/2024-02/users.jsonl', lines({ timestamp: '2024-02-01T08:00:00Z', event_type: 'login', user_id: 'user789', ip: '10.0.0.1' }, { timestamp: '2024-02-01T12:00:00Z', event_type: 'login', user_id: 'user123', ip: '192.168.1.1' }, { timestamp: '2024-02-01T18:00:00Z', event_type: 'logout', user_id: 'user123', session_duration: 21600 }));
put('test_data/metrics/server1/cpu.jsonl', lines({ timestamp: '2024-01-15T10:00:00Z', metric: 'cpu_usage', value: 45.2, host: 'server1' }, { timestamp: '2024-01-15T10:01:00Z', metric: 'cpu_usage', value: 52.1, host: 'server1' }, { timestamp: '2024-01-15T10:02:00Z', metric: 'cpu_usage', value: 48.7, host: 'server1' }));
put('test_data/metrics/server1/memory.jsonl', lines({ timestamp: '2024-01-15T10:00:00Z', metric: 'memory_usage', value: 71.5, host: 'server1' }));
put('test_data/metrics/server2/cpu.jsonl', lines({ timestamp: '2024-01-15T10:00:00Z', metric: 'cpu_usage', value: 32.1, host: 'server2' }, { timestamp: '2024-01-15T10:01:00Z', metric: 'cpu_usage', value: 35.8, host: 'server2' }));
const profile = (path: string, p: object) => put(`.jn/profiles/file/${path}.json`, JSON.stringify(p, null, 2) + '\n');
profile('events/_meta', { description: 'Event log profiles', inject_meta: true });
profile('events/all', { pattern: 'test_data/events/**/*.jsonl', description: 'All events' });
profile('events/logins', { pattern: 'test_data/events/**/*.jsonl', filter: 'select(.event_type == "login")', description: 'Login events only' });
profile('events/orders', { pattern: 'test_data/events/**/*.jsonl', filter: 'select(.event_type | startswith("order"))' });
profile('events/errors', { pattern: 'test_data/events/**/*.jsonl', filter: 'select(.event_type == "error")' });
profile('events/january', { pattern: 'test_data/events/2024-01/*.jsonl' });
profile('metrics/_meta', { inject_meta: true });
profile('metrics/cpu', { pattern: 'test_data/metrics/**/*.jsonl', filter: 'select(.metric == "cpu_usage")' });
profile('metrics/high_cpu', { pattern: 'test_data/metrics/**/*.jsonl', filter: 'select(.metric == "cpu_usage" and .value > $min)', params: { min: { type: 'number', default: 50 } } });
profile('plain/users', { pattern: 'test_data/events/*/users.jsonl', filter: 'select(.user_id == $user)', params: { user: { required: true } } });

const meta = (path: string, fileIndex: number, lineIndex: number) => {
  const name = path.split('/').at(-1)!;
  return { _path: path, _dir: dirname(path), _filename: name, _basename: name.replace(/\.jsonl$/, ''), _ext: '.jsonl', _file_index: fileIndex, _line_index: lineIndex };
};
/** Records as text, keys in order (deepEqual on objects would not see order). */
const texts = (stdout: string) => ndjson(stdout).map((r) => JSON.stringify(r));
const cat = async (ref: string, cwd = dir) => {
  const r = await jn(['cat', ref], { env, cwd });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
};

describe('file profiles and path metadata', () => {
  before(() => trust(dir, env));

  it("JN's folder-profiles demo: @events/logins gives the original's records, metadata first", async () => {
    assert.deepEqual(texts(await cat('@events/logins')), [
      JSON.stringify({ ...meta('test_data/events/2024-01/users.jsonl', 2, 0), timestamp: '2024-01-15T10:00:00Z', event_type: 'login', user_id: 'user123', ip: '192.168.1.1' }),
      JSON.stringify({ ...meta('test_data/events/2024-01/users.jsonl', 2, 2), timestamp: '2024-01-15T11:00:00Z', event_type: 'login', user_id: 'user456', ip: '192.168.1.2' }),
      JSON.stringify({ ...meta('test_data/events/2024-02/users.jsonl', 4, 0), timestamp: '2024-02-01T08:00:00Z', event_type: 'login', user_id: 'user789', ip: '10.0.0.1' }),
      JSON.stringify({ ...meta('test_data/events/2024-02/users.jsonl', 4, 1), timestamp: '2024-02-01T12:00:00Z', event_type: 'login', user_id: 'user123', ip: '192.168.1.1' }),
    ]);
  });

  it('the rest of the demo: all (13), orders, errors, january, cpu, high_cpu (one record, params default)', async () => {
    assert.equal(ndjson(await cat('@events/all')).length, 13);
    assert.deepEqual(ndjson(await cat('@events/orders')).map((r) => [(r as Record<string, unknown>).event_type, (r as Record<string, unknown>).order_id]), [
      ['order_created', 'ORD001'],
      ['order_shipped', 'ORD001'],
      ['order_delivered', 'ORD001'],
      ['order_created', 'ORD002'],
      ['order_shipped', 'ORD002'],
    ]);
    assert.deepEqual(ndjson(await cat('@events/errors')).map((r) => (r as Record<string, unknown>).level), ['ERROR', 'WARN']);
    assert.equal(ndjson(await cat('@events/january')).length, 8);
    assert.deepEqual(ndjson(await cat('@metrics/cpu')).map((r) => [(r as Record<string, unknown>).host, (r as Record<string, unknown>).value, (r as Record<string, unknown>)._file_index]), [
      ['server1', 45.2, 0],
      ['server1', 52.1, 0],
      ['server1', 48.7, 0],
      ['server2', 32.1, 2],
      ['server2', 35.8, 2],
    ]);
    assert.deepEqual(texts(await cat('@metrics/high_cpu')), [JSON.stringify({ ...meta('test_data/metrics/server1/cpu.jsonl', 0, 1), timestamp: '2024-01-15T10:01:00Z', metric: 'cpu_usage', value: 52.1, host: 'server1' })]);
    assert.deepEqual(ndjson(await cat('@metrics/high_cpu?min=40')).map((r) => (r as Record<string, unknown>).value), [45.2, 52.1, 48.7]);
  });

  it('a profile without inject_meta gives the records as they are; params are the filter\'s $names; it works from a subdirectory', async () => {
    mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
    assert.deepEqual(texts(await cat('@plain/users?user=user456', join(dir, 'deep', 'er'))), [JSON.stringify({ timestamp: '2024-01-15T11:00:00Z', event_type: 'login', user_id: 'user456', ip: '192.168.1.2' })]);
    const missing = await jn(['cat', '@plain/users'], { env, cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /user/);
  });

  it('jn cat --meta on files, a glob and a .gz: the original\'s keys first, indexes per file and line', async () => {
    const r = await jn(['cat', '--meta', 'test_data/events/2024-02/*.jsonl'], { env, cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const recs = ndjson(r.stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(recs[0]).slice(0, 7), ['_path', '_dir', '_filename', '_basename', '_ext', '_file_index', '_line_index']);
    assert.deepEqual(recs.map((x) => [x._filename, x._file_index, x._line_index]), [
      ['orders.jsonl', 0, 0],
      ['orders.jsonl', 0, 1],
      ['users.jsonl', 1, 0],
      ['users.jsonl', 1, 1],
      ['users.jsonl', 1, 2],
    ]);
    put('m.csv.gz', '');
    const gz = await jn(['put', 'm.csv.gz'], { env, cwd: dir, input: '{"_path":"old","a":1}\n' });
    assert.equal(gz.code, 0, gz.stderr);
    const g = await jn(['cat', '--meta', 'm.csv.gz'], { env, cwd: dir });
    assert.equal(g.stdout, '{"_path":"m.csv.gz","_dir":".","_filename":"m.csv.gz","_basename":"m.csv","_ext":".gz","_file_index":0,"_line_index":0,"a":1}\n');
  });

  it('jn inspect shows a file profile\'s stages', async () => {
    const r = await jn(['inspect', '@events/logins'], { env, cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1\. cat: .* cat --meta test_data\/events\/\*\*\/\*\.jsonl/);
    assert.match(r.stdout, /2\. filter: .* filter select\(\.event_type == "login"\)/);
  });
});

describe("JN's .sql profiles: a named query in a database profile folder", () => {
  const db = tempDir('jn-sqlprof-');
  const dbEnv = { ...process.env, JN_HOME: join(db, 'home') };
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(db, path)), { recursive: true });
    writeFileSync(join(db, path), text);
  };
  before(async () => {
    const w = await jn(['put', 'test.duckdb?table=users'], { env: dbEnv, cwd: db, input: '{"id":1,"name":"ann"}\n{"id":2,"name":"bob"}\n{"id":3,"name":"cy"}\n' });
    assert.equal(w.code, 0, w.stderr);
    file('.jn/profiles/duckdb/test/_meta.json', '{"path": "test.duckdb"}\n');
    file('.jn/profiles/duckdb/test/by-id.sql', '-- User by ID\n-- Parameters: user_id\nSELECT * FROM users WHERE id = $user_id;\n');
    file('.jn/profiles/duckdb/test/all-users.sql', '-- All users\nSELECT name FROM users ORDER BY id;\n');
    await trust(db, dbEnv);
  });

  it('runs with its -- Parameters: bound from ?params; lists with its first comment line as description', async () => {
    const one = await jn(['cat', '@test/by-id?user_id=2'], { env: dbEnv, cwd: db });
    assert.equal(one.code, 0, one.stderr);
    assert.equal(one.stdout, '{"id":2,"name":"bob"}\n');
    const all = await jn(['cat', '@test/all-users'], { env: dbEnv, cwd: db });
    assert.equal(all.stdout, '{"name":"ann"}\n{"name":"bob"}\n{"name":"cy"}\n');
    const undeclared = await jn(['cat', '@test/all-users?x=1'], { env: dbEnv, cwd: db });
    assert.equal(undeclared.code, 2);
    assert.match(undeclared.stderr, /unknown param x \(it declares no params\)/);
    const list = await jn(['profile', 'list'], { env: dbEnv, cwd: db });
    assert.match(list.stdout, /@test\/all-users\s+duckdb\s+project\s+All users/);
    assert.match(list.stdout, /@test\/by-id\s+duckdb\s+project\s+User by ID/);
  });
});
