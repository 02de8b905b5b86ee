// The shell with remote and named sources: a URL and an http profile preview
// like a file (through a `jn cat` stage), a failing profile shows its error
// with the secret masked, and the exported script keeps the @ns/name
// reference — the secret is never written into it.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toScript } from '../../src/shell/export.ts';
import { runPreview } from '../../src/shell/preview.ts';
import { toPlain, type Lossless } from '../../src/kit/lossless.ts';
import { jnBin, run, tempDir } from '../helpers.ts';
import { trust } from '../support/trust.ts';
import { body, startServer, type TestServer } from '../support/http-server.ts';

const dir = tempDir();
const SECRET = 'tok-9f8e7d6c5b4a';
let server: TestServer;
const rows = Array.from({ length: 300 }, (_, i) => ({ id: i, name: `n${i}` }));

before(async () => {
  server = await startServer({
    '/items': (req, res) => {
      if (req.headers.authorization !== `Bearer ${SECRET}`) return void res.writeHead(401, { 'content-type': 'text/plain' }).end(`bad token ${String(req.headers.authorization)}`);
      res.writeHead(200, { 'content-type': 'application/x-ndjson' }).end(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    },
    '/items.csv': body('id,name\n1,a\n2,b\n', { type: 'text/csv' }),
  });
  const ns = join(dir, '.jn', 'profiles', 'http', 'local');
  mkdirSync(ns, { recursive: true });
  writeFileSync(join(ns, '_meta.json'), JSON.stringify({ base_url: server.url, headers: { Authorization: 'Bearer ${LOCAL_TOKEN}' } }));
  writeFileSync(join(ns, 'items.json'), JSON.stringify({ path: '/items', description: 'items' }));
  process.chdir(dir);
  process.env.JN_HOME = join(dir, 'home');
  await trust(dir, process.env);
});
after(() => server.close());

describe('shell sources beyond files', () => {
  it('previews a URL with the row limit', async () => {
    const r = await runPreview(server.url + '/items.csv', [['head', '-n', '1']], 100).done;
    assert.equal(r.error, undefined, r.error?.message);
    assert.deepEqual((r.rows as Lossless[]).map(toPlain), [{ id: 1, name: 'a' }]); // rows are parsed losslessly (Maps)
  });
  it('previews an http profile; its secret comes from the environment', async () => {
    process.env.LOCAL_TOKEN = SECRET;
    const r = await runPreview('@local/items', [], 50).done;
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.rows.length, 50);
    assert.equal(r.limited, true);
    assert.deepEqual(toPlain(r.rows[49] as Lossless), { id: 49, name: 'n49' });
  });
  it('a failing profile shows one error line with the secret masked', async () => {
    process.env.LOCAL_TOKEN = SECRET + '-wrong';
    const r = await runPreview('@local/items', [], 50).done;
    assert.ok(r.error, 'an error');
    assert.match(r.error.message, /401/);
    assert.doesNotMatch(r.error.message, /tok-9f8e7d6c5b4a/);
    assert.match(r.error.message, /\*\*\*\*/);
    delete process.env.LOCAL_TOKEN;
    const missing = await runPreview('@local/items', [], 50).done;
    assert.match(missing.error?.message ?? '', /LOCAL_TOKEN/);
  });
  it('the exported script names the profile, not its secret, and reproduces the rows', async () => {
    const script = toScript({ source: '@local/items', stages: [{ id: 1, text: 'head -n 3', enabled: true }] } as never, { version: '0.1.0', createdAt: new Date(0) });
    assert.match(script, /@local\/items/);
    assert.doesNotMatch(script, /tok-9f8e7d6c5b4a/);
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'jn'), `#!/bin/sh\nexec "${process.execPath}" "${jnBin}" "$@"\n`, { mode: 0o755 });
    writeFileSync(join(dir, 'script.sh'), script);
    // Async: the server lives in this process.
    const r = await run('sh', ['script.sh'], { cwd: dir, env: { ...process.env, LOCAL_TOKEN: SECRET, PATH: `${bin}:${process.env.PATH}` } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l)), rows.slice(0, 3));
  });
});
