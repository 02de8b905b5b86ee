// The http plugin against real servers on 127.0.0.1 (test/support/http-server.ts),
// run as its built bundle (node scripts/build.mjs http). Processes are always
// spawned asynchronously: the server lives in this process and must keep
// answering while the plugin runs.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { pluginBin, rng, tempDir } from '../helpers.js';
import { closeReader, readUntil, startPlugin } from '../support/plugin-harness.js';
import { body, pages, redirect, slowBody, slowBodyText, startServer, type Route, type TestServer } from '../support/http-server.js';

const MiB = 1024 * 1024;

/** What a download may get ahead of a stalled reader: the server's socket
 * send buffer (the kernel grows it up to tcp_wmem's maximum, 4 MiB by
 * default — most of what the server counts as sent) plus, on our side, the
 * socket receive buffer, the pipe and the plugin's few stream buffers. */
const STALL_BOUND = kernelSendBufferMax() + 2 * MiB;

function kernelSendBufferMax(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/tcp_wmem', 'utf8').trim().split(/\s+/)[2]) || 4 * MiB;
  } catch {
    return 4 * MiB;
  }
}

interface Result {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** What the plugin wrote to fd 3 (with stdio[3] = 'pipe'). */
  meta: string;
  ms: number;
}

/** Run the http plugin to completion, fd 3 open as a pipe for --meta-fd=3. */
async function http(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const started = performance.now();
  const child = spawn(process.execPath, [pluginBin('http'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const meta: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.on('data', (b: Buffer) => err.push(b));
  (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => meta.push(b));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString(), meta: Buffer.concat(meta).toString(), ms: performance.now() - started };
}

const lines = (r: Result): unknown[] => r.stdout.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** Response headers of url as the server sends them (to check the test routes themselves). */
function headersOf(url: string): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      res.resume();
      resolve(res.headers);
    }).on('error', reject);
  });
}

/** Poll value() until it has not changed for quietMs; its last value. Fails
 * when it still changes after deadlineMs. */
async function steady(value: () => number, quietMs = 300, deadlineMs = 10_000): Promise<number> {
  const started = performance.now();
  let last = value();
  let since = started;
  while (performance.now() - since < quietMs) {
    if (performance.now() - started > deadlineMs) throw new Error(`still changing after ${deadlineMs} ms (last ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 25)); // the polling interval
    const now = value();
    if (now !== last) [last, since] = [now, performance.now()];
  }
  return last;
}

function randomBytes(seed: number, size: number): Buffer {
  const r = rng(seed);
  const b = Buffer.alloc(size);
  for (let k = 0; k < size; k++) b[k] = Math.floor(r() * 256);
  return b;
}

/** Answers with the method, then the request body. */
const echo: Route = async (req, res) => {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${Buffer.concat(parts)}`);
};

/** Headers, then nothing until released. */
function gated(gate: Promise<void>, text: string): Route {
  return async (_req, res, ctx) => {
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-encoding': 'gzip' });
    res.flushHeaders();
    await gate;
    await ctx.write(gzipSync(text));
    res.end();
  };
}

describe('http plugin', () => {
  let srv: TestServer;
  let other: TestServer;
  const big = randomBytes(1, 3 * MiB);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));

  before(async () => {
    srv = await startServer({
      '/plain': body('hello, world\n'),
      '/gzip': body('gzipped line\n'.repeat(1000), { gzip: true }),
      '/deflate': (_req, res) => void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync('deflated\n')),
      '/br': (_req, res) => void res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync('brotli\n')),
      '/corrupt': (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end('not gzip at all'),
      '/chunked': body('chunk line\n'.repeat(5000), { chunked: true }),
      '/big': body(big),
      '/slow': slowBody({ total: 2000, chunk: 250, intervalMs: 60 }),
      '/endless': slowBody({ total: 50 * MiB, chunk: 64 * 1024, intervalMs: 5 }),
      '/cut-length': (_req, res) => {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('x'.repeat(500), () => res.destroy());
      },
      '/cut-chunked': (_req, res) => {
        res.writeHead(200);
        res.write('y'.repeat(300), () => res.destroy());
      },
      '/missing-page': body('  Not\n here:   try\t/plain  ', { status: 404 }),
      '/broken': body('error detail  \n'.repeat(100), { status: 500 }),
      '/broken-gzip': body('gzipped\n\nerror', { status: 503, gzip: true }),
      '/hang': () => {},
      '/stall': (_req, res) => void res.writeHead(200).write('first bytes\n'),
      '/a': redirect('/b', 301),
      '/b': (req, res, ctx) => redirect(`${ctx.base}/c`, 302)(req, res, ctx), // absolute
      '/c': redirect('d', 307),
      '/d': body('landed\n'),
      '/loop': redirect('/loop'),
      '/to-ftp': redirect('ftp://127.0.0.1/file', 301),
      '/post-302': redirect('/echo', 302),
      '/post-303': redirect('/echo', 303),
      '/post-307': redirect('/echo', 307),
      '/echo': echo,
      '/headers': body('{}', { type: 'application/json' }),
      '/to-gated': redirect('/gated', 302),
      '/gated': gated(gate, 'a,b\n1,2\n'),
      '/link-pages': pages(3, 4, 'link'),
      '/field-pages': pages(3, 4, 'field'),
      '/big-pages': pages(5, 20_000, 'link'),
      '/nested': body(JSON.stringify({ data: { items: [{ a: 1 }, { a: 2 }, { a: 3 }] }, total: 3 }), { type: 'application/json' }),
      '/array': body('\ufeff[{"a":1}, 2, "three", null]', { type: 'application/json' }),
      '/object': body('{"only": "one"}', { type: 'application/json' }),
      '/bad-second-page': (req, res) => {
        const second = req.url?.endsWith('page=2');
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (!second) headers.link = '</bad-second-page?page=2>; rel="next"';
        res.writeHead(200, headers).end(second ? '{"oops": \n' : '[{"ok":1}]');
      },
    });
    other = await startServer({ '/land': body('other origin\n') });
  });

  after(async () => {
    release();
    await Promise.all([srv.close(), other.close()]);
  });

  it('prints its metadata', async () => {
    const res = await http(['--jn-meta']);
    const meta = JSON.parse(res.stdout.toString());
    assert.deepEqual([meta.name, meta.role, meta.matches, meta.modes], ['http', 'protocol', ['^https?://'], ['raw', 'read']]);
    for (const name of ['url', 'headers', 'header', 'timeout', 'method', 'body', 'max-redirects', 'insecure', 'meta-fd', 'records', 'next', 'max-pages'])
      assert.ok(meta.options.some((o: { name: string }) => o.name === name), name);
  });

  it('writes a plain body, asking for compressed encodings', async () => {
    const res = await http(['--mode=raw', `--url=${srv.url}/plain`]);
    assert.deepEqual([res.code, res.stdout.toString(), res.stderr], [0, 'hello, world\n', '']);
    const req = srv.requests.filter((r) => r.url === '/plain').at(-1)!;
    assert.equal(req.method, 'GET');
    assert.equal(req.headers['accept-encoding'], 'gzip, deflate, br');
    assert.match(String(req.headers['user-agent']), /^jn-http\//);
    assert.equal(req.headers.connection, 'close');
  });

  it('decodes gzip, deflate and br Content-Encoding', async () => {
    assert.equal((await headersOf(`${srv.url}/gzip`))['content-encoding'], 'gzip');
    const cases = [['/gzip', 'gzipped line\n'.repeat(1000)], ['/deflate', 'deflated\n'], ['/br', 'brotli\n']];
    const results = await Promise.all(cases.map(([path]) => http(['--mode=raw', `--url=${srv.url}${path}`])));
    cases.forEach(([path, text], k) => assert.deepEqual([results[k].code, results[k].stdout.toString(), results[k].stderr], [0, text, ''], path));
  });

  it('reports a body that does not decode, exit 4', async () => {
    const res = await http(['--mode=raw', `--url=${srv.url}/corrupt`]);
    assert.deepEqual([res.code, res.stderr], [4, 'gzip response body is corrupt (incorrect header check)\n']);
  });

  it('reads a chunked body', async () => {
    assert.equal((await headersOf(`${srv.url}/chunked`))['transfer-encoding'], 'chunked');
    const res = await http(['--mode=raw', `--url=${srv.url}/chunked`]);
    assert.deepEqual([res.code, res.stdout.toString(), res.stderr], [0, 'chunk line\n'.repeat(5000), '']);
  });

  it('reads a Content-Length body of binary data byte for byte', async () => {
    assert.equal((await headersOf(`${srv.url}/big`))['content-length'], String(big.length));
    const res = await http(['--mode=raw', `--url=${srv.url}/big`]);
    assert.equal(res.code, 0);
    assert.ok(res.stdout.equals(big));
  });

  it('streams a slow body: the first bytes arrive long before its end', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, [pluginBin('http'), '--mode=raw', `--url=${srv.url}/slow`, '--timeout=0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const out: Buffer[] = [];
    let sentAtFirstByte = -1;
    child.stdout.on('data', (b: Buffer) => {
      if (out.length === 0) sentAtFirstByte = srv.sent('/slow');
      out.push(b);
    });
    const [code] = await once(child, 'close');
    assert.equal(code, 0);
    const expected = slowBodyText({ total: 2000 });
    assert.ok(Buffer.concat(out).equals(expected));
    assert.ok(sentAtFirstByte > 0 && sentAtFirstByte <= expected.length / 2, `server had sent ${sentAtFirstByte} of ${expected.length} bytes at the first output byte`);
  });

  it('stops the download at once when the reader goes away (backpressure reaches the server)', { timeout: 20_000 }, async () => {
    const p = startPlugin('http', ['--mode=raw', `--url=${srv.url}/endless`]);
    const got = (await readUntil(p, (b) => b.length >= 100_000)).length;
    // The reader stalls: the plugin blocks on stdout, stops reading the socket, the server blocks on 'drain'.
    const stalled = await steady(() => srv.sent('/endless'));
    const { code, signal, stderr, ms: exitMs } = await closeReader(p);
    const final = await steady(() => srv.sent('/endless'));
    console.log(`# early termination: read ${got} bytes; server sent ${stalled} bytes while stalled, ${final} in all; exit after ${exitMs.toFixed(0)} ms`);
    assert.deepEqual([code, signal, stderr], [0, null, '']);
    assert.ok(exitMs < 1000, `exit took ${exitMs.toFixed(0)} ms`);
    assert.ok(stalled < STALL_BOUND, `server sent ${stalled} bytes to a stalled reader`);
    assert.ok(final - stalled < MiB, `server sent ${final} bytes in all`);
  });

  it('reports HTTP errors with the status and the start of the body, exit 4', async () => {
    let res = await http(['--mode=raw', `--url=${srv.url}/missing-page`]);
    assert.deepEqual([res.code, res.stdout.length, res.stderr], [4, 0, 'HTTP 404 Not Found: Not here: try /plain\n']);
    res = await http(['--mode=raw', `--url=${srv.url}/broken`]);
    assert.deepEqual([res.code, res.stderr], [4, `HTTP 500 Internal Server Error: ${'error detail '.repeat(100).slice(0, 200)}\n`]);
    res = await http(['--mode=read', `--url=${srv.url}/broken-gzip`]);
    assert.deepEqual([res.code, res.stderr], [4, 'HTTP 503 Service Unavailable: gzipped error\n']);
  });

  it('reports a body cut short by the server, exit 4', async () => {
    let res = await http(['--mode=raw', `--url=${srv.url}/cut-length`]);
    assert.deepEqual([res.code, res.stdout.toString(), res.stderr], [4, 'x'.repeat(500), 'connection closed after 500 bytes of 1000\n']);
    res = await http(['--mode=raw', `--url=${srv.url}/cut-chunked`]);
    assert.deepEqual([res.code, res.stderr], [4, 'connection closed after 300 bytes, before the end of the chunked body\n']);
  });

  it('reports a refused connection and an unknown host, exit 4', async () => {
    const closed = await startServer({});
    await closed.close();
    let res = await http(['--mode=raw', `--url=http://127.0.0.1:${closed.port}/x`]);
    assert.deepEqual([res.code, res.stderr], [4, `cannot connect to 127.0.0.1:${closed.port}: connection refused\n`]);
    // .invalid never resolves (RFC 2606); without a network the resolver fails fast too.
    res = await http(['--mode=raw', '--url=http://no-such-host.invalid/x', '--timeout=20'], { RES_OPTIONS: 'timeout:1 attempts:1' });
    assert.deepEqual([res.code, res.stderr], [4, 'cannot resolve host no-such-host.invalid\n']);
  });

  it('follows redirects: 301, 302, 307, relative and absolute', async () => {
    const start = srv.requests.length;
    const res = await http(['--mode=raw', `--url=${srv.url}/a`, '--meta-fd=3']);
    assert.deepEqual([res.code, res.stdout.toString(), res.stderr], [0, 'landed\n', '']);
    assert.deepEqual(srv.requests.slice(start).map((r) => r.url), ['/a', '/b', '/c', '/d']);
    assert.deepEqual(JSON.parse(res.meta), { status: 200, url: `${srv.url}/d`, contentType: 'text/plain; charset=utf-8' });
  });

  it('turns POST into GET on 302 and 303, keeps it (and the body) on 307', async () => {
    for (const [path, expected] of [['/post-302', 'GET '], ['/post-303', 'GET '], ['/post-307', 'POST a=1']]) {
      const res = await http(['--mode=raw', `--url=${srv.url}${path}`, '--method=post', '--body=a=1', '--header=Content-Type: text/plain']);
      assert.deepEqual([res.code, res.stdout.toString(), res.stderr], [0, expected, ''], path);
      const last = srv.requests.at(-1)!;
      assert.equal(last.headers['content-type'], expected.startsWith('POST') ? 'text/plain' : undefined, path);
    }
  });

  it('gives up after --max-redirects, and on a redirect to another protocol', async () => {
    const start = srv.requests.length;
    const res = await http(['--mode=raw', `--url=${srv.url}/loop`, '--max-redirects=3']);
    assert.deepEqual([res.code, res.stderr], [4, `too many redirects (more than 3) from ${srv.url}/loop\n`]);
    assert.equal(srv.requests.length - start, 4);
    const res2 = await http(['--mode=raw', `--url=${srv.url}/to-ftp`]);
    assert.deepEqual([res2.code, res2.stderr], [4, 'unsupported protocol ftp: in ftp://127.0.0.1/file\n']);
  });

  it('drops Authorization and Cookie on a redirect to another origin, keeps them on the same origin', async () => {
    const a = await startServer({ '/to-other': redirect(`${other.url}/land`, 302), '/to-same': redirect('/here'), '/here': body('same\n') });
    try {
      const secret = ['--header=Authorization: Bearer s3cret', '--headers={"Cookie":"session=1","X-Keep":"k"}'];
      let res = await http(['--mode=raw', `--url=${a.url}/to-other`, ...secret]);
      assert.deepEqual([res.code, res.stdout.toString()], [0, 'other origin\n']);
      const landed = other.requests.at(-1)!.headers;
      assert.deepEqual([landed.authorization, landed.cookie, landed['x-keep']], [undefined, undefined, 'k']);
      res = await http(['--mode=raw', `--url=${a.url}/to-same`, ...secret]);
      assert.deepEqual([res.code, res.stdout.toString()], [0, 'same\n']);
      const here = a.requests.at(-1)!.headers;
      assert.deepEqual([here.authorization, here.cookie, here['x-keep']], ['Bearer s3cret', 'session=1', 'k']);
    } finally {
      await a.close();
    }
  });

  it('times out when the server never answers, exit 4', async () => {
    const res = await http(['--mode=raw', `--url=${srv.url}/hang`, '--timeout=0.5', '--meta-fd=3']);
    assert.deepEqual([res.code, res.stderr, res.meta], [4, 'no response within 0.5 s\n', '']);
    assert.ok(res.ms > 450 && res.ms < 3000, `took ${res.ms.toFixed(0)} ms`);
  });

  it('times out when the body goes silent, after writing what came', async () => {
    const res = await http(['--mode=raw', `--url=${srv.url}/stall`, '--timeout=0.4']);
    assert.deepEqual([res.code, res.stdout.toString(), res.stderr], [4, 'first bytes\n', 'no data for 0.4 s\n']);
    assert.ok(res.ms > 350 && res.ms < 3000, `took ${res.ms.toFixed(0)} ms`);
  });

  it('does not count a stalled reader as network silence', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, [pluginBin('http'), '--mode=raw', `--url=${srv.url}/big`, '--timeout=0.5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    const out: Buffer[] = [];
    let got = 0;
    child.stdout.on('data', (b: Buffer) => {
      out.push(b);
      got += b.length;
      if (got >= 100_000 && got - b.length < 100_000) {
        child.stdout.pause(); // the reader stalls for longer than --timeout...
        setTimeout(() => child.stdout.resume(), 1500);
      }
    });
    const [code] = await once(child, 'close');
    assert.deepEqual([code, stderr], [0, '']);
    assert.ok(Buffer.concat(out).equals(big));
  });

  it('writes --meta-fd after the final headers and before any body byte', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, [pluginBin('http'), '--mode=raw', `--url=${srv.url}/to-gated`, '--meta-fd=3'], {
      stdio: ['ignore', 'pipe', 'inherit', 'pipe'],
    });
    const out: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    const fd3 = child.stdio[3] as NodeJS.ReadableStream;
    let meta = '';
    fd3.on('data', (b: Buffer) => (meta += b));
    await once(fd3, 'end'); // the plugin closed fd 3 while the server still holds the body back
    assert.equal(out.length, 0);
    assert.deepEqual(JSON.parse(meta), { status: 200, url: `${srv.url}/gated`, contentType: 'text/csv; charset=utf-8', contentEncoding: 'gzip' });
    assert.equal(meta.split('\n').length, 2);
    release();
    const [code] = await once(child, 'close');
    assert.equal(code, 0);
    assert.equal(Buffer.concat(out).toString(), 'a,b\n1,2\n');
  });

  it('closes --meta-fd without writing when the request fails before the headers', async () => {
    const closed = await startServer({});
    await closed.close();
    const res = await http(['--mode=raw', `--url=http://127.0.0.1:${closed.port}/`, '--meta-fd=3']);
    assert.deepEqual([res.code, res.meta], [4, '']);
  });

  it('sends headers from JN_HTTP_HEADERS, --headers and --header; argv wins', async () => {
    const env = { JN_HTTP_HEADERS: JSON.stringify({ Authorization: 'Bearer from-env', 'X-Clash': 'env', 'X-Env': 'e' }) };
    const res = await http(['--mode=raw', `--url=${srv.url}/headers`, '--headers={"X-Clash":"argv","X-Json":"j"}', '--header=X-One:  one '], env);
    assert.equal(res.code, 0);
    const h = srv.requests.at(-1)!.headers;
    assert.deepEqual([h.authorization, h['x-clash'], h['x-env'], h['x-json'], h['x-one']], ['Bearer from-env', 'argv', 'e', 'j', 'one']);
  });

  it('never prints a header value in an error', async () => {
    const secret = 'TOPSECRET';
    const cases: [string[], Record<string, string>][] = [
      [[], { JN_HTTP_HEADERS: `{"X-Key": "${secret}` }],
      [[], { JN_HTTP_HEADERS: JSON.stringify({ 'X-Key': `${secret}\n` }) }],
      [[`--headers=["${secret}"]`], {}],
      [[`--header=${secret}`], {}],
      [[`--header=Bad Name: ${secret}`], {}],
    ];
    for (const res of await Promise.all(cases.map(([args, env]) => http(['--mode=raw', `--url=${srv.url}/plain`, ...args], env)))) {
      assert.equal(res.code, 2, res.stderr);
      assert.ok(!res.stderr.includes(secret), res.stderr);
      assert.equal(res.stderr.split('\n').length, 2, res.stderr);
    }
    const res = await http(['--mode=raw', `--url=${srv.url}/missing-page`, `--header=Authorization: ${secret}`]);
    assert.equal(res.code, 4);
    assert.ok(!res.stderr.includes(secret));
  });

  it('rejects bad options with exit 2', async () => {
    const url = `--url=${srv.url}/plain`;
    const cases: [string[], RegExp][] = [
      [['--mode=raw'], /^--url \(or JN_HTTP_URL\) is required\n$/],
      [['--mode=raw', '--url=not a url'], /^--url: not a valid URL/],
      [['--mode=raw', '--url=ftp://example.com/x'], /^--url: unsupported protocol ftp:/],
      [['--mode=raw', url, '--timeout=soon'], /^--timeout: expected seconds/],
      [['--mode=raw', url, '--max-redirects=-1'], /^--max-redirects: /],
      [['--mode=raw', url, '--insecure=maybe'], /^--insecure: /],
      [['--mode=raw', url, '--meta-fd=2'], /^--meta-fd: /],
      [['--mode=raw', url, '--meta-fd=57'], /^--meta-fd: descriptor 57 is not open\n$/],
      [['--mode=raw', url, '--method=G E T'], /^--method: /],
      [['--mode=raw', url, '--records=items'], /^--records is for --mode=read\n$/],
      [['--mode=read', url, '--next=cursor'], /^--next: expected link or field:PATH/],
      [['--mode=read', url, '--max-pages=0'], /^--max-pages: /],
      [['--mode=write', url], /^mode "write" is not supported/],
      [['--mode=raw', url, '--colour=red'], /^unknown option --colour/],
    ];
    const results = await Promise.all(cases.map(([args]) => http(args)));
    cases.forEach(([args, message], k) => {
      assert.equal(results[k].code, 2, `${args.join(' ')}: ${results[k].stderr}`);
      assert.match(results[k].stderr, message);
    });
  });

  it('read: a top-level array yields its elements, another value is one record, --records picks a path', async () => {
    let res = await http(['--mode=read', `--url=${srv.url}/array`]);
    assert.deepEqual([res.code, lines(res)], [0, [{ a: 1 }, 2, 'three', null]]);
    res = await http(['--mode=read', `--url=${srv.url}/object`]);
    assert.deepEqual(lines(res), [{ only: 'one' }]);
    res = await http(['--mode=read', `--url=${srv.url}/nested`, '--records=data.items']);
    assert.deepEqual([res.code, res.stdout.toString()], [0, '{"a":1}\n{"a":2}\n{"a":3}\n']);
    assert.equal(srv.requests.at(-1)!.headers.accept, 'application/json');
    res = await http(['--mode=read', `--url=${srv.url}/nested`, '--records=data.rows']);
    assert.deepEqual([res.code, res.stderr], [1, `page 1 (${srv.url}/nested): no data.rows in the page\n`]);
  });

  it('read: follows Link rel="next" and next-page fields to the last page', async () => {
    const all = [1, 2, 3].flatMap((page) => [0, 1, 2, 3].map((i) => ({ page, i })));
    let start = srv.requests.length;
    let res = await http(['--mode=read', `--url=${srv.url}/link-pages`, '--next=link']);
    assert.deepEqual([res.code, lines(res), res.stderr], [0, all, '']);
    assert.deepEqual(srv.requests.slice(start).map((r) => r.url), ['/link-pages', '/link-pages?page=2', '/link-pages?page=3']);
    start = srv.requests.length;
    res = await http(['--mode=read', `--url=${srv.url}/field-pages`, '--next=field:next', '--records=items']);
    assert.deepEqual([res.code, lines(res), res.stderr], [0, all, '']);
    assert.equal(srv.requests.length - start, 3);
    res = await http(['--mode=read', `--url=${srv.url}/link-pages`, '--next=link', '--max-pages=2']);
    assert.deepEqual(lines(res), all.slice(0, 8));
    res = await http(['--mode=read', `--url=${srv.url}/link-pages`]);
    assert.deepEqual(lines(res), all.slice(0, 4));
  });

  it('read: asks for the next page only when the reader has taken the current one', { timeout: 20_000 }, async () => {
    const start = srv.requests.length;
    const child = spawn(process.execPath, [pluginBin('http'), '--mode=read', `--url=${srv.url}/big-pages`, '--next=link'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    child.stdout.on('data', (b: Buffer) => {
      text += b;
      if (text.split('\n').length > 10) child.stdout.destroy(); // like `jn head -n 10`
    });
    const [code] = await once(child, 'close');
    assert.deepEqual([code, stderr], [0, '']);
    assert.deepEqual(JSON.parse(text.split('\n')[9]), { page: 1, i: 9 });
    assert.deepEqual(srv.requests.slice(start).map((r) => r.url), ['/big-pages']);
  });

  it('read: an invalid JSON page is exit 1, after the records of the pages before it', async () => {
    const res = await http(['--mode=read', `--url=${srv.url}/bad-second-page`, '--next=link']);
    assert.equal(res.code, 1);
    assert.deepEqual(lines(res), [{ ok: 1 }]);
    assert.match(res.stderr, new RegExp(`^page 2 \\(${srv.url}/bad-second-page\\?page=2\\): invalid JSON: [^\\n]+\\n$`));
  });

  it('reports a certificate that does not verify as a TLS error, and --insecure gets through', async () => {
    const dir = tempDir('jn-http-tls-');
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1'], {
      stdio: 'ignore',
    });
    const secure = await startServer({ '/x': body('over tls\n') }, { tls: { key: readFileSync(key), cert: readFileSync(cert) } });
    try {
      let res = await http(['--mode=raw', `--url=${secure.url}/x`]);
      assert.equal(res.code, 4);
      assert.equal(res.stderr, `TLS error with 127.0.0.1:${secure.port}: self-signed certificate (--insecure skips certificate verification)\n`);
      res = await http(['--mode=raw', `--url=${secure.url}/x`, '--insecure']);
      assert.deepEqual([res.code, res.stdout.toString(), res.stderr], [0, 'over tls\n', '']);
    } finally {
      await secure.close();
    }
  });
});
