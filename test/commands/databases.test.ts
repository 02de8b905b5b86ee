// Databases as addresses through jn cat / jn put / jn shell's preview: the
// plugin opens the file itself (no stdin), writes are one transaction, and a
// database profile binds its params instead of pasting them into SQL.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runPreview } from '../../src/shell/preview.ts';
import { toPlain, type Lossless } from '../../src/kit/lossless.ts';
import { jn, ndjson, tempDir } from '../helpers.ts';
import { trust } from '../support/trust.ts';

const dir = tempDir();
const env = { ...process.env, JN_HOME: join(dir, 'home') };
const at = (args: string[], input?: string) => jn(args, { env, cwd: dir, input });
const csv = 'id,name,amount\n1,ann,3.5\n2,"bob, jr",4\n3,cy,10\n';
writeFileSync(join(dir, 'orders.csv'), csv);

describe('databases through jn cat and jn put', () => {
  it('csv -> sqlite table -> records, by table and by query', async () => {
    const put = await jn(['put', 'shop.sqlite?table=orders'], { env, cwd: dir, input: (await at(['cat', 'orders.csv'])).stdout });
    assert.equal(put.code, 0, put.stderr);
    const all = await at(['cat', 'shop.sqlite?table=orders']);
    assert.deepEqual(ndjson(all.stdout), ndjson((await at(['cat', 'orders.csv'])).stdout));
    const q = await at(['cat', 'shop.sqlite?query=SELECT name FROM orders WHERE amount > 3.6 ORDER BY id']);
    assert.deepEqual(ndjson(q.stdout), [{ name: 'bob, jr' }, { name: 'cy' }]);
    const only = await at(['cat', 'shop.sqlite']);
    assert.equal(ndjson(only.stdout).length, 3);
  });
  it('a failed jn put leaves the table as it was (exit 3, the line named)', async () => {
    const before = readFileSync(join(dir, 'shop.sqlite'));
    const r = await at(['put', 'shop.sqlite?table=orders'], '{"id":4,"name":"dee","amount":1}\n{"id":5,\n');
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^jn: sqlite write: shop\.sqlite\?table=orders: line 2/);
    assert.deepEqual(readFileSync(join(dir, 'shop.sqlite')), before);
    assert.equal(ndjson((await at(['cat', 'shop.sqlite?table=orders'])).stdout).length, 3);
  });
  it('errors: missing database exit 4, bad SQL exit 3, compressed or stdin database exit 2', async () => {
    assert.equal((await at(['cat', 'nope.sqlite?table=t'])).code, 4);
    const bad = await at(['cat', 'shop.sqlite?query=SELECT * FROM nope']);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /no such table: nope/);
    writeFileSync(join(dir, 'shop.sqlite.gz'), '');
    const gz = await at(['cat', 'shop.sqlite.gz']);
    assert.equal(gz.code, 2);
    assert.match(gz.stderr, /cannot be compressed/);
    assert.equal((await at(['cat', '-~sqlite'], '')).code, 2);
  });
  it('duckdb and parquet the same way', async () => {
    const records = (await at(['cat', 'orders.csv'])).stdout;
    assert.equal((await at(['put', 'shop.duckdb?table=orders'], records)).code, 0);
    assert.deepEqual(ndjson((await at(['cat', 'shop.duckdb?query=SELECT sum(amount) AS s FROM orders'])).stdout), [{ s: 17.5 }]);
    const put = await at(['put', 'orders.parquet'], records);
    assert.equal(put.code, 0, put.stderr);
    assert.deepEqual(ndjson((await at(['cat', 'orders.parquet'])).stdout), ndjson(records));
  });
  it('a sqlite profile binds its params (an injection attempt is just a value)', async () => {
    const ns = join(dir, '.jn', 'profiles', 'sqlite', 'shop');
    mkdirSync(ns, { recursive: true });
    writeFileSync(join(ns, '_meta.json'), JSON.stringify({ path: 'shop.sqlite' }));
    writeFileSync(join(ns, 'big.json'), JSON.stringify({ query: 'SELECT id FROM orders WHERE amount >= :min ORDER BY id', params: { min: { type: 'number', default: 0 } } }));
    await trust(dir, env);
    assert.deepEqual(ndjson((await at(['cat', '@shop/big?min=4'])).stdout), [{ id: 2 }, { id: 3 }]);
    assert.equal(ndjson((await at(['cat', '@shop/big'])).stdout).length, 3);
    const inj = await at(['cat', '@shop/big?min=0 OR 1=1']);
    assert.equal(inj.code, 2, 'not a number');
  });
  it('the shell previews a database file', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await runPreview('shop.sqlite?table=orders', [['head', '-n', '2']], 100).done;
      assert.equal(r.error, undefined, r.error?.message);
      assert.deepEqual(r.rows.map((x) => toPlain(x as Lossless)), [{ id: 1, name: 'ann', amount: 3.5 }, { id: 2, name: 'bob, jr', amount: 4 }]); // rows as written (kit/lossless)
      assert.equal(r.stages[0].label, 'sqlite read');
    } finally {
      process.chdir(cwd);
    }
  });
});
