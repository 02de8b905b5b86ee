// URL addresses through `jn cat`, against a real HTTP server on 127.0.0.1:
// format from the path, from a ~override, or from the response's
// Content-Type; compression; errors by stage with exit 4; and early
// termination that reaches the network.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { jn, jnBin, ndjson, run, splitMark, tempDir, waitFor } from '../helpers.ts';
import { trust } from '../support/trust.ts';
import { body, pages, slowBody, startServer, type Route, type TestServer } from '../support/http-server.ts';

const dir = tempDir();
const env = { ...process.env, JN_HOME: join(dir, 'home') };
const csv = 'id,name\n1,ann\n2,"bob, jr"\n';
let server: TestServer;

/** How each response of a route ended: with the whole body sent (finished),
 * or with the client gone first; and the body bytes sent by then. */
interface Ending {
  finished: boolean;
  sent: number;
}
const endings = new Map<string, Ending[]>();
function watched(path: string, route: Route): Route {
  return (req, res, ctx) => {
    res.on('close', () => endings.set(path, [...(endings.get(path) ?? []), { finished: res.writableFinished, sent: server.sent(path) }]));
    return route(req, res, ctx);
  };
}

before(async () => {
  server = await startServer({
    '/data.csv': body(csv, { type: 'text/plain' }),
    '/data.csv.gz': body(gzipSync(csv), { type: 'application/gzip' }),
    '/api/csv': body(csv, { type: 'text/csv; charset=utf-8' }),
    '/api/json': body('[{"a":1},{"a":2}]', { type: 'application/json', chunked: true }),
    '/api/ndjson': body('{"a":1}\n{"a":2}\n', { type: 'application/x-ndjson' }),
    '/api/vnd': body('{"data":[1]}', { type: 'application/vnd.api+json' }),
    '/api/html': body('<html></html>', { type: 'text/html' }),
    '/api/semi': body('a;b\n1;2\n', { type: 'text/plain' }),
    '/zipped.csv': body(csv, { type: 'text/csv', gzip: true }),
    '/broken.jsonl': body('{"a":1}\n{"a":2}\n{"a":\n{"a":4}\n', { type: 'application/x-ndjson' }),
    '/missing': body('no such thing here', { status: 404 }),
    '/boom.csv': body('internal trouble', { status: 500 }),
    '/moved.csv': (_req, res) => void res.writeHead(301, { location: '/data.csv' }).end(),
    '/auth.json': (req, res) => {
      const ok = req.headers.authorization === 'Bearer s3cr3t-token';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '{"ok":true}' : '{"error":"unauthorized"}');
    },
    '/big.csv': watched('/big.csv', slowBody({ total: 200 << 20, chunk: 64 << 10, intervalMs: 2 })),
    '/pages': pages(3, 2, 'field'),
    '/hang.csv': () => {
      // never answers: --timeout must end the request
    },
    '/bigpages': pages(50, 20000, 'link'), // ~360 KB a page: more than the pipe and a read hold
    '/keyed.json': (req, res) => {
      const ok = new URL(req.url ?? '', 'http://x').searchParams.get('key') === 'k-5ecret-77';
      res.writeHead(ok ? 200 : 403, { 'content-type': 'application/json' }).end(ok ? '[{"ok":1}]' : 'forbidden');
    },
  });
  const ns = join(dir, 'proj', '.jn', 'profiles', 'http', 'local');
  mkdirSync(ns, { recursive: true });
  writeFileSync(join(ns, '_meta.json'), JSON.stringify({ base_url: server.url }));
  writeFileSync(join(ns, 'pages.json'), JSON.stringify({ path: '/pages', records: 'items', pagination: { next: 'field:next' } }));
  writeFileSync(join(ns, 'bigpages.json'), JSON.stringify({ path: '/bigpages', pagination: { next: 'link' } }));
  writeFileSync(join(ns, 'keyed.json'), JSON.stringify({ path: '/keyed.json', query: { key: '${API_KEY}' } }));
  await trust(join(dir, 'proj'), env);
});
after(() => server.close());

const cat = (args: string[]) => jn(['cat', ...args], { env, timeoutMs: 15_000 });
const inProject = (args: string[], extra: Record<string, string> = {}) => jn(args, { env: { ...env, ...extra }, cwd: join(dir, 'proj'), timeoutMs: 15_000 });

describe('jn cat URL', () => {
  it('format from the URL path, compression peeled from the path', async () => {
    for (const path of ['/data.csv', '/data.csv.gz']) {
      const r = await cat([server.url + path]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(ndjson(r.stdout), [{ id: 1, name: 'ann' }, { id: 2, name: 'bob, jr' }], path);
    }
  });
  it('format from the Content-Type when the path does not tell', async () => {
    assert.deepEqual(ndjson((await cat([server.url + '/api/csv'])).stdout), [{ id: 1, name: 'ann' }, { id: 2, name: 'bob, jr' }]);
    assert.deepEqual(ndjson((await cat([server.url + '/api/json'])).stdout), [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(ndjson((await cat([server.url + '/api/ndjson'])).stdout), [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(ndjson((await cat([server.url + '/api/vnd'])).stdout), [{ data: [1] }]);
  });
  it('an unknown Content-Type asks for ~FORMAT (exit 2); the override works with its params', async () => {
    const r = await cat([server.url + '/api/html']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^jn: http raw: .*\/api\/html: cannot tell the format \(Content-Type: text\/html.*~FORMAT/);
    const s = await cat([server.url + '/api/semi~csv?delimiter=;']);
    assert.equal(s.code, 0, s.stderr);
    assert.deepEqual(ndjson(s.stdout), [{ a: 1, b: 2 }]);
  });
  it('Content-Encoding gzip is decoded, redirects are followed', async () => {
    assert.deepEqual(ndjson((await cat([server.url + '/zipped.csv'])).stdout).length, 2);
    const r = await cat([server.url + '/moved.csv']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(ndjson(r.stdout).length, 2);
  });
  it('HTTP errors: one line naming the stage, URL and status, exit 4', async () => {
    const r = await cat([server.url + '/missing']);
    assert.equal(r.code, 4);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^jn: http raw: http:\/\/127\.0\.0\.1:\d+\/missing: .*404.*no such thing here/);
    const s = await cat([server.url + '/boom.csv']);
    assert.equal(s.code, 4);
    assert.match(s.stderr, /500.*internal trouble/);
    const refused = await cat(['http://127.0.0.1:9/x.csv', '--timeout', '3']);
    assert.equal(refused.code, 4);
    assert.match(refused.stderr, /^jn: http raw: .*refused/);
  });
  it('--timeout ends a request the server never answers (exit 4)', async () => {
    // The route never answers: ending at all (before cat's 15 s safety
    // timeout kills it), with this message, is the claim.
    const r = await cat(['--timeout', '0.5', server.url + '/hang.csv']);
    assert.equal(r.signal, null, 'killed by the safety timeout: --timeout did not end the request');
    assert.equal(r.code, 4);
    assert.match(r.stderr, /^jn: http raw: .*\/hang\.csv: no response within 0\.5 s/);
    assert.equal((await cat(['--timeout', 'soon', server.url + '/data.csv'])).code, 2);
  });
  it('invalid JSON mid-stream: the records before it, then the format stage error with the line (exit 3)', async () => {
    const r = await cat([server.url + '/broken.jsonl']);
    assert.equal(r.code, 3);
    const { records, mark } = splitMark(r.stdout);
    assert.deepEqual(ndjson(records), [{ a: 1 }, { a: 2 }]);
    assert.equal((mark as { status: number }).status, 3);
    assert.match(r.stderr, /^jn: jsonl read: .*\/broken\.jsonl: line 3/);
  });
  it('-H sends headers; their values never appear in messages', async () => {
    const ok = await cat(['-H', 'Authorization: Bearer s3cr3t-token', server.url + '/auth.json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(ndjson(ok.stdout), [{ ok: true }]);
    const seen = server.requests.filter((q) => q.url === '/auth.json').at(-1);
    assert.equal(seen?.headers.authorization, 'Bearer s3cr3t-token');
    const bad = await cat(['-H', 'Authorization: Bearer wrong-token', server.url + '/auth.json']);
    assert.equal(bad.code, 4);
    assert.doesNotMatch(bad.stderr, /wrong-token/);
    const usage = await cat(['-H', 'no colon', server.url + '/auth.json']);
    assert.equal(usage.code, 2);
  });
  it('jn inspect shows the chain, with the format left to the response', async () => {
    const r = await jn(['inspect', server.url + '/api/csv', server.url + '/data.csv.gz'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1\. http raw: .*--url=http:\/\/127\.0\.0\.1:\d+\/api\/csv.*--meta-fd=3/);
    assert.match(r.stdout, /2\. format: \(from the response\)/);
    assert.match(r.stdout, /\/data\.csv\.gz\n {2}1\. http raw: .*\n.*\n {2}2\. gz read: .*\n.*\n {2}3\. csv read/);
  });
  it('early termination reaches the network: `jn cat URL | jn head -n 10` stops the download', async () => {
    // The claim is in bytes, not seconds (speed is bench/'s business): the
    // response ends because the client went away, with what the server sent
    // bounded by a few socket and pipe buffers, not the 200 MiB body.
    const before = server.sent('/big.csv');
    const seen = endings.get('/big.csv')?.length ?? 0;
    const script = `"$0" "$1" cat "$2" | "$0" "$1" head -n 10`;
    const r = await run('sh', ['-c', script, process.execPath, jnBin, server.url + '/big.csv'], { env, timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(ndjson(r.stdout).length, 10);
    assert.equal(r.stderr, '');
    const ending = await waitFor(() => endings.get('/big.csv')?.[seen], { what: 'the server to see the /big.csv response end' });
    assert.equal(ending.finished, false, 'the whole body was sent: the download was not stopped');
    const sent = ending.sent - before;
    assert.ok(sent < 8 << 20, `server sent ${sent} bytes of a 200 MiB body`);
    // Once the response is closed nothing more goes out for it.
    assert.equal(server.sent('/big.csv') - before, sent, 'the server is still sending');
  });
});

describe('http profiles', () => {
  it('a paginated profile yields the records of every page, following a field', async () => {
    const r = await inProject(['cat', '@local/pages']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ndjson(r.stdout), [1, 2, 3].flatMap((page) => [0, 1].map((i) => ({ page, i }))));
  });
  it('pages are fetched lazily: `| jn head` fetches only the first page', async () => {
    const before = server.requests.filter((q) => q.url.startsWith('/bigpages')).length;
    const script = `cd "$3" && "$0" "$1" cat "$2" | "$0" "$1" head -n 10`;
    const r = await run('sh', ['-c', script, process.execPath, jnBin, '@local/bigpages', join(dir, 'proj')], { env, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(ndjson(r.stdout).length, 10);
    // Every process of the chain has ended (sh waited for them), so any
    // request they made is already on its way; one request of ours after
    // it, answered, means the server has read what came before.
    assert.equal((await fetch(server.url + '/data.csv')).status, 200);
    assert.equal(server.requests.filter((q) => q.url.startsWith('/bigpages')).length - before, 1);
  });
  it('a secret in the URL goes through the environment: not in argv, not in messages', async () => {
    const ok = await inProject(['cat', '@local/keyed'], { API_KEY: 'k-5ecret-77' });
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(ndjson(ok.stdout), [{ ok: 1 }]);
    const shown = await inProject(['inspect', '@local/keyed'], { API_KEY: 'k-5ecret-77' });
    assert.equal(shown.code, 0, shown.stderr);
    assert.doesNotMatch(shown.stdout, /k-5ecret-77/);
    assert.doesNotMatch(shown.stdout, /--url=/);
    const bad = await inProject(['cat', '@local/keyed'], { API_KEY: 'k-wrong-key-1' });
    assert.equal(bad.code, 4);
    assert.match(bad.stderr, /403/);
    assert.doesNotMatch(bad.stderr, /k-wrong-key-1/);
  });
});
