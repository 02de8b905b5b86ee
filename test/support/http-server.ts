// A real HTTP(S) server on 127.0.0.1 for the tests of the http plugin and of
// jn's URL addresses. Routes are looked up by path (the query is ignored);
// every request is logged with its headers; body bytes are counted per path
// when the kernel takes them (the res.write callback), so a test can see how
// far a download really got — that is how backpressure and early termination
// are checked. Route builders cover the usual cases (a fixed body, a slow
// endless-looking stream, a redirect, paginated JSON); a test can also write
// its own route with the ctx helpers. close() destroys open sockets, so a
// route that never answers cannot keep a test alive.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

interface RouteContext {
  /** Request path without the query. */
  path: string;
  query: URLSearchParams;
  /** This server's base URL, e.g. http://127.0.0.1:PORT. */
  base: string;
  /** Write a body chunk, counted into sent(path) once the kernel has it.
   * Resolves when more may be written (after 'drain' if the socket buffer
   * is full): true, or false once the client has gone away. */
  write(chunk: string | Buffer): Promise<boolean>;
  /** True once the response is finished or the client disconnected. */
  gone(): boolean;
}

export type Route = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => void | Promise<void>;

export interface TestServer {
  /** http://127.0.0.1:PORT (https:// with tls). */
  url: string;
  port: number;
  /** Bytes of body written to sockets so far per path (counted when
   * res.write's callback fires, i.e. handed to the kernel). */
  sent(path: string): number;
  /** Request log: method, url (path+query), headers. */
  requests: { method: string; url: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Serve https with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export async function startServer(routes: Record<string, Route>, opts: ServerOptions = {}): Promise<TestServer> {
  const sent = new Map<string, number>();
  const requests: TestServer['requests'] = [];
  const sockets = new Set<Socket>();
  let base = '';
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } });
    const route = routes[pathname];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`no route for ${pathname}\n`);
      return;
    }
    const count = (n: number): void => void sent.set(pathname, (sent.get(pathname) ?? 0) + n);
    const ctx = context(res, pathname, searchParams, base, count);
    Promise.resolve()
      .then(() => route(req, res, ctx))
      .catch((err: unknown) => {
        if (res.headersSent) res.destroy();
        else res.writeHead(500, { 'content-type': 'text/plain' }).end(`route failed: ${String(err)}\n`);
      });
  };
  const server = opts.tls ? createHttpsServer(opts.tls, handle) : createHttpServer(handle);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  base = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url: base,
    port,
    sent: (path) => sent.get(path) ?? 0,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function context(res: ServerResponse, path: string, query: URLSearchParams, base: string, count: (n: number) => void): RouteContext {
  let gone = false;
  res.on('close', () => (gone = true));
  const write = (chunk: string | Buffer): Promise<boolean> => {
    if (gone) return Promise.resolve(false);
    const size = Buffer.byteLength(chunk);
    return new Promise((resolve) => {
      const more = res.write(chunk, (err) => {
        if (!err) count(size);
      });
      if (more) return resolve(!gone);
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        resolve(!gone);
      };
      res.on('drain', done);
      res.on('close', done);
    });
  };
  return { path, query, base, write, gone: () => gone };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A fixed body. Sent with Content-Length, or (chunked) in four writes
 * without it, which Node frames with Transfer-Encoding: chunked. */
export function body(
  text: string | Buffer,
  opts: { status?: number; type?: string; gzip?: boolean; chunked?: boolean; headers?: Record<string, string> } = {},
): Route {
  return async (_req, res, ctx) => {
    const data = opts.gzip ? gzipSync(text) : Buffer.from(text);
    const headers: Record<string, string> = { 'content-type': opts.type ?? 'text/plain; charset=utf-8', ...opts.headers };
    if (opts.gzip) headers['content-encoding'] = 'gzip';
    if (!opts.chunked) headers['content-length'] = String(data.length);
    res.writeHead(opts.status ?? 200, headers);
    const piece = opts.chunked ? Math.max(1, Math.ceil(data.length / 4)) : data.length;
    for (let at = 0; at < data.length; at += piece) {
      if (!(await ctx.write(data.subarray(at, at + piece)))) return;
    }
    res.end();
  };
}

export interface SlowBodyOptions {
  /** Upper bound of the body size: the whole lines that fit in it. */
  total: number;
  /** Bytes per write. */
  chunk: number;
  intervalMs: number;
  type?: string;
  /** Line i (0-based) without its newline; default CSV with a header line. */
  line?: (i: number) => string;
}

const csvLine = (i: number): string => (i === 0 ? 'id,name,value' : `${i},item ${i},${(i * 7919) % 100_000}`);

/** The body of slowBody(opts) in pieces of opts.chunk bytes. */
function* slowBodyChunks(opts: SlowBodyOptions): Generator<Buffer> {
  const line = opts.line ?? csvLine;
  let pending: Buffer[] = [];
  let size = 0;
  let total = 0;
  for (let i = 0; ; i++) {
    const next = Buffer.from(line(i) + '\n');
    if (total + next.length > opts.total) break;
    total += next.length;
    pending.push(next);
    size += next.length;
    while (size >= opts.chunk) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, opts.chunk);
      pending = [all.subarray(opts.chunk)];
      size -= opts.chunk;
    }
  }
  if (size > 0) yield Buffer.concat(pending);
}

/** The whole body of slowBody(opts), for comparisons (small bodies only). */
export function slowBodyText(opts: Omit<SlowBodyOptions, 'chunk' | 'intervalMs'>): Buffer {
  return Buffer.concat([...slowBodyChunks({ ...opts, chunk: 1 << 16, intervalMs: 0 })]);
}

/** Lines streamed without Content-Length: opts.chunk bytes every
 * opts.intervalMs, waiting for 'drain' when the client reads slowly, and
 * stopping when the client disconnects. */
export function slowBody(opts: SlowBodyOptions): Route {
  return async (_req, res, ctx) => {
    res.writeHead(200, { 'content-type': opts.type ?? 'text/csv; charset=utf-8' });
    for (const piece of slowBodyChunks(opts)) {
      if (!(await ctx.write(piece))) return;
      await delay(opts.intervalMs);
    }
    res.end();
  };
}

/** A redirect to `to` (absolute or relative, sent as is). */
export function redirect(to: string, status = 302): Route {
  return (_req, res) => {
    res.writeHead(status, { location: to, 'content-length': '0' });
    res.end();
  };
}

/** JSON pages at PATH?page=N (1 to pageCount; no page parameter is page 1),
 * perPage records {"page":N,"i":K} each. 'link': the body is the array of
 * records and a `Link: <PATH?page=N+1>; rel="next"` header points on;
 * 'field': the body is {"items":[...],"next":"PATH?page=N+1"} (null on the
 * last page). */
export function pages(pageCount: number, perPage: number, style: 'link' | 'field'): Route {
  return async (_req, res, ctx) => {
    const page = Number(ctx.query.get('page') ?? '1');
    if (!Number.isInteger(page) || page < 1 || page > pageCount) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no page ${ctx.query.get('page')}\n`);
      return;
    }
    const items = Array.from({ length: perPage }, (_, i) => ({ page, i }));
    const next = page < pageCount ? `${ctx.path}?page=${page + 1}` : null;
    const data = Buffer.from(JSON.stringify(style === 'link' ? items : { items, next }));
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(data.length) };
    if (style === 'link' && next) headers.link = `<${ctx.base}${ctx.path}?page=1>; rel="first", <${next}>; rel="next"`;
    res.writeHead(200, headers);
    if (await ctx.write(data)) res.end();
  };
}
