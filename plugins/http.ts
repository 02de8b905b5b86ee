// http: fetch an http(s) URL. The first stage of a pipeline: it never reads
// stdin. raw writes the response body (Content-Encoding decoded) to stdout;
// read parses JSON API pages into NDJSON records and follows pagination.
//
// Streaming: node:http with a one-off agent per request (no keep-alive), so
// the socket is ours. Body chunks go out through the blocking writeAll: while
// stdout is full the event loop — and so the socket — is not read, the
// kernel's receive window fills and the server is slowed down; when the reader
// goes away writeAll exits 0 and the kernel closes the socket, which stops the
// download at once. Memory holds a few chunks, never the body; read mode holds
// one page, and asks for the next only once the current page is written.
//
// Timeouts: --timeout covers connecting + the response headers, then the
// longest silence between body chunks. The watchdog reads the clock when its
// timer fires rather than trusting the timer: a blocked write stalls the event
// loop, and that stall is our own backpressure, not network silence.
//
// Errors: one line on stderr. Network and HTTP failures exit 4, bad JSON
// pages 1, bad options 2. Header values are never printed: they may be
// secrets (jn passes those in JN_HTTP_HEADERS, out of argv).
import { closeSync, fstatSync, writeSync } from 'node:fs';
import http, { type IncomingMessage, validateHeaderName, validateHeaderValue } from 'node:http';
import https from 'node:https';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { DataError, IoError, runPlugin, UsageError, type Options, type PluginMeta } from '../src/kit/sdk.js';
import { Output, writeAll } from '../src/kit/io.js';

const meta: PluginMeta = {
  name: 'http',
  version: '0.1.0',
  description: 'http(s) client: raw streams the response body, read turns JSON API pages into records',
  matches: ['^https?://'],
  role: 'protocol',
  modes: ['raw', 'read'],
  buffers: { read: 'one JSON page at a time' },
  options: [
    { name: 'url', description: 'the http(s) URL to fetch (required; or the env var JN_HTTP_URL)' },
    { name: 'method', description: 'request method, default GET' },
    { name: 'body', description: 'request body text' },
    { name: 'headers', description: 'request headers as a JSON object (merged over env JN_HTTP_HEADERS)' },
    { name: 'header', description: 'one request header, "Name: value"' },
    { name: 'timeout', description: 'seconds to connect and get the headers, and of silence between body chunks; default 30, 0 = none' },
    { name: 'max-redirects', description: 'redirects followed before giving up, default 10' },
    { name: 'insecure', description: 'skip TLS certificate verification' },
    { name: 'meta-fd', description: 'write {"status","url","contentType","contentEncoding"} of the final response to this fd, then close it' },
    { name: 'records', description: 'read: dotted path of the records in each page (default: a top-level array, or the page)' },
    { name: 'next', description: 'read: pagination, "link" (Link rel="next" header) or "field:PATH" (next page URL in the body)' },
    { name: 'max-pages', description: 'read: stop after this many pages, default unlimited' },
  ],
};

/** A network or HTTP failure: exit status 4. */
class NetworkError extends IoError {}

interface Request {
  url: URL;
  method: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

interface Settings {
  timeoutMs: number;
  timeoutText: string;
  maxRedirects: number;
  insecure: boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];

// ---- options ---------------------------------------------------------------

function settings(options: Options): Settings {
  const text = options.str('timeout', '30');
  const timeout = /^[\d.e+-]+$/i.test(text) ? Number(text) : NaN;
  if (!(timeout >= 0)) throw new UsageError(`--timeout: expected seconds (0 = none), got ${JSON.stringify(text)}`);
  return {
    timeoutMs: timeout * 1000,
    timeoutText: `${timeout} s`,
    maxRedirects: options.int('max-redirects', 10),
    insecure: options.bool('insecure', false),
  };
}

function firstRequest(options: Options, accept: string): Request {
  // jn passes a URL that holds a secret (a profile's ${TOKEN} in the query)
  // in JN_HTTP_URL, out of argv.
  const text = options.str('url') ?? process.env.JN_HTTP_URL;
  if (!text) throw new UsageError('--url (or JN_HTTP_URL) is required');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url: not a valid URL: ${text}`);
  }
  if (!isHttp(url)) throw new UsageError(`--url: unsupported protocol ${url.protocol} (http and https only)`);
  const method = options.str('method', 'GET').toUpperCase();
  if (!/^[A-Z][A-Z-]*$/.test(method)) throw new UsageError(`--method: not a method name: ${JSON.stringify(method)}`);
  return { url, method, headers: requestHeaders(options, accept), body: options.str('body') };
}

const isHttp = (url: URL): boolean => url.protocol === 'http:' || url.protocol === 'https:';

/** Defaults, then JN_HTTP_HEADERS, then --headers, then --header. */
function requestHeaders(options: Options, accept: string): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': `jn-http/${meta.version}`, accept, 'accept-encoding': 'gzip, deflate, br' };
  const env = process.env.JN_HTTP_HEADERS;
  if (env) setHeaders(headers, headerObject(env, 'JN_HTTP_HEADERS'));
  const json = options.str('headers');
  if (json !== undefined) setHeaders(headers, headerObject(json, '--headers'));
  const one = options.str('header');
  if (one !== undefined) setHeaders(headers, headerLine(one));
  return headers;
}

/** Messages never quote the text: it holds header values. */
function headerObject(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${source}: not valid JSON (expected an object of header names to values)`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${source}: expected a JSON object of header names to values`);
  return value as Record<string, unknown>;
}

function headerLine(text: string): Record<string, unknown> {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError('--header: expected "Name: value"');
  return { [text.slice(0, colon).trim()]: text.slice(colon + 1).trim() };
}

function setHeaders(into: Record<string, string>, from: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(from)) {
    try {
      validateHeaderName(name);
    } catch {
      throw new UsageError('invalid header name (expected a token such as X-Api-Key)');
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw new UsageError(`header ${name}: expected a string value`);
    try {
      validateHeaderValue(name, String(value));
    } catch {
      throw new UsageError(`header ${name}: invalid character in its value`);
    }
    into[name.toLowerCase()] = String(value);
  }
}

function metaFd(options: Options): number | undefined {
  if (!options.has('meta-fd')) return undefined;
  const fd = options.int('meta-fd', 0);
  if (fd < 3) throw new UsageError(`--meta-fd: expected a descriptor of 3 or more, got ${fd}`);
  try {
    fstatSync(fd);
  } catch {
    throw new UsageError(`--meta-fd: descriptor ${fd} is not open`);
  }
  return fd;
}

/** One line about the final response, then the fd is closed. A request that
 * fails earlier leaves it to the process exit to close the fd unwritten. */
function sendMeta(fd: number | undefined, res: IncomingMessage, url: URL): void {
  if (fd === undefined) return;
  const line = JSON.stringify({
    status: res.statusCode,
    url: url.href,
    contentType: res.headers['content-type'], // absent headers are left out
    contentEncoding: res.headers['content-encoding'],
  });
  try {
    writeSync(fd, line + '\n');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
  }
  closeSync(fd);
}

// ---- requests --------------------------------------------------------------

/** setTimeout's limit (about 24.8 days); longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Fails when the network stays silent too long; poke() on every sign of life. */
class Watchdog {
  private last = performance.now();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ms: number,
    private readonly expire: () => void,
  ) {
    if (ms > 0) this.arm(ms);
  }

  poke(): void {
    this.last = performance.now();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private arm(delay: number): void {
    const check = (): void => {
      const quiet = performance.now() - this.last;
      if (quiet >= this.ms) this.expire();
      else this.arm(this.ms - quiet);
    };
    this.timer = setTimeout(check, Math.min(delay, MAX_TIMER_MS));
  }
}

function hostPort(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
}

function networkError(err: unknown, url: URL): Error {
  if (err instanceof NetworkError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new NetworkError(`cannot resolve host ${url.hostname}`);
  if (code === 'ECONNREFUSED') return new NetworkError(`cannot connect to ${hostPort(url)}: connection refused`);
  if (code === 'ECONNRESET' && e.message === 'socket hang up') return new NetworkError(`${hostPort(url)} closed the connection before responding`);
  if (code === 'ECONNRESET') return new NetworkError(`connection to ${hostPort(url)} reset`);
  if (/^(ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/.test(code)) return new NetworkError(`cannot connect to ${hostPort(url)}: ${e.message}`);
  const certificate = /CERT/.test(code) || /certificate/i.test(e.message);
  if (certificate || /SSL|TLS/.test(code)) {
    const hint = certificate ? ' (--insecure skips certificate verification)' : '';
    return new NetworkError(`TLS error with ${hostPort(url)}: ${e.message}${hint}`);
  }
  return new NetworkError(`request to ${url.href} failed: ${e.message}`);
}

/** One request; resolves with the response once its headers are in. */
function send(req: Request, s: Settings): Promise<IncomingMessage> {
  const { url } = req;
  if (!isHttp(url)) return Promise.reject(new NetworkError(`unsupported protocol ${url.protocol} in ${url.href}`));
  const client = url.protocol === 'https:' ? https : http;
  const headers = { ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method: req.method, headers, agent: false, rejectUnauthorized: !s.insecure });
    const dog = new Watchdog(s.timeoutMs, () => request.destroy(new NetworkError(`no response within ${s.timeoutText}`)));
    request.on('response', (res) => {
      dog.stop();
      resolve(res);
    });
    request.on('error', (err) => {
      dog.stop();
      reject(networkError(err, url));
    });
    request.end(req.body);
  });
}

/** req sent to another URL: credentials stay with their origin (as curl). */
function retarget(req: Request, url: URL): Request {
  const headers = { ...req.headers };
  if (url.origin !== req.url.origin) for (const name of CREDENTIALS) delete headers[name];
  return { ...req, url, headers };
}

/** req as a GET without a body. */
function asGet(req: Request): Request {
  const headers = { ...req.headers };
  delete headers['content-type'];
  return { url: req.url, method: 'GET', headers };
}

function redirected(req: Request, status: number, location: string): Request {
  let url: URL;
  try {
    url = new URL(location, req.url);
  } catch {
    throw new NetworkError(`redirect from ${req.url.href} to an invalid URL: ${location}`);
  }
  const moved = retarget(req, url);
  const toGet = status === 303 ? req.method !== 'HEAD' : (status === 301 || status === 302) && req.method === 'POST';
  return toGet ? asGet(moved) : moved;
}

/** The final response after redirects, and its URL. */
async function open(first: Request, s: Settings): Promise<{ res: IncomingMessage; url: URL }> {
  let req = first;
  for (let hops = 0; ; hops++) {
    const res = await send(req, s);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || !location) return { res, url: req.url };
    res.destroy();
    if (hops >= s.maxRedirects) throw new NetworkError(`too many redirects (more than ${s.maxRedirects}) from ${first.url.href}`);
    req = redirected(req, res.statusCode!, location);
  }
}

// ---- bodies ----------------------------------------------------------------

function decoder(encoding: string): Transform {
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
  if (encoding === 'deflate') return zlib.createInflate();
  if (encoding === 'br') return zlib.createBrotliDecompress();
  throw new NetworkError(`unsupported Content-Encoding ${encoding}`);
}

/** Decoders for Content-Encoding in decoding order: the last applied comes off first. */
function decoders(res: IncomingMessage): { name: string; stream: Transform }[] {
  const names = (res.headers['content-encoding'] ?? '').split(',').map((e) => e.trim().toLowerCase());
  return names
    .filter((name) => name && name !== 'identity')
    .reverse()
    .map((name) => ({ name, stream: decoder(name) }));
}

/** Stops eachChunk early (not an error). */
const ENOUGH = new Error('enough of the body');

/** Pass the decoded body of res to each, chunk by chunk (each may block on
 * stdout); each returning false stops reading. */
async function eachChunk(res: IncomingMessage, s: Settings, each: (chunk: Buffer) => boolean | void): Promise<void> {
  let received = 0;
  const dog = new Watchdog(s.timeoutMs, () => res.destroy(new NetworkError(`no data for ${s.timeoutText}`)));
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      dog.poke();
      done(null, chunk);
    },
  });
  const broken: { name?: string; err?: unknown } = {};
  try {
    const decode = decoders(res);
    for (const d of decode) d.stream.once('error', (err) => broken.err ?? Object.assign(broken, { name: d.name, err }));
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (each(chunk) === false) return done(ENOUGH);
        dog.poke();
        done();
      },
    });
    await pipeline([res, meter, ...decode.map((d) => d.stream), sink]);
  } catch (err) {
    if (err === ENOUGH) return;
    if (err instanceof NetworkError) throw err;
    if (broken.err === err) {
      if (received === 0) return; // an empty body is empty, whatever its encoding says
      throw new NetworkError(`${broken.name} response body is corrupt (${(err as Error).message})`);
    }
    if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') throw truncated(res, received);
    throw new NetworkError(`response body: ${(err as Error).message}`);
  } finally {
    dog.stop();
  }
}

function truncated(res: IncomingMessage, received: number): NetworkError {
  const length = res.headers['content-length'];
  if (length !== undefined) return new NetworkError(`connection closed after ${received} bytes of ${length}`);
  return new NetworkError(`connection closed after ${received} bytes, before the end of the chunked body`);
}

/** HTTP 4xx/5xx: status and the start of the body, then give up on it. */
async function failOnStatus(res: IncomingMessage, s: Settings): Promise<void> {
  const status = res.statusCode ?? 0;
  if (status < 400) return;
  const parts: Buffer[] = [];
  let size = 0;
  await eachChunk(res, s, (chunk) => {
    parts.push(chunk);
    size += chunk.length;
    return size < 2048;
  }).catch(() => {}); // the status says what went wrong; the excerpt is a bonus
  res.destroy();
  const excerpt = Buffer.concat(parts).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
  throw new NetworkError(`HTTP ${status} ${res.statusMessage ?? ''}`.trimEnd() + (excerpt ? `: ${excerpt}` : ''));
}

// ---- modes -----------------------------------------------------------------

const READ_ONLY = ['records', 'next', 'max-pages'];

async function raw(options: Options): Promise<void> {
  for (const name of READ_ONLY) if (options.has(name)) throw new UsageError(`--${name} is for --mode=read`);
  const s = settings(options);
  const req = firstRequest(options, '*/*');
  const fd = metaFd(options);
  const { res, url } = await open(req, s);
  sendMeta(fd, res, url);
  await failOnStatus(res, s);
  await eachChunk(res, s, (chunk) => writeAll(1, chunk));
}

/** The value at a dotted path (`data.items`, `results.0.rows`). */
function at(doc: unknown, path: string): unknown {
  let value = doc;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

type NextPage = (res: IncomingMessage, doc: unknown, url: URL, where: string) => URL | undefined;

function nextRule(spec: string | undefined): NextPage {
  if (spec === undefined) return () => undefined;
  if (spec === 'link') return (res, _doc, url, where) => linkNext([res.headers.link ?? []].flat().join(', '), url, where);
  if (spec.startsWith('field:') && spec.length > 6) return (_res, doc, url, where) => fieldNext(doc, spec.slice(6), url, where);
  throw new UsageError(`--next: expected link or field:PATH, got ${JSON.stringify(spec)}`);
}

/** RFC 8288: `<url>; rel="next"` among the comma-separated links. */
function linkNext(header: string, url: URL, where: string): URL | undefined {
  for (const [, target, params] of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('next')) return pageUrl(target, url, `${where}: the Link rel="next"`);
  }
  return undefined;
}

function fieldNext(doc: unknown, path: string, url: URL, where: string): URL | undefined {
  const value = at(doc, path);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new DataError(`${where}: next page field ${path} is not a string`);
  return pageUrl(value, url, `${where}: next page field ${path}`);
}

/** A next-page reference, absolute or relative to the page's URL. */
function pageUrl(ref: string, base: URL, what: string): URL {
  try {
    return new URL(ref, base);
  } catch {
    throw new DataError(`${what} is not a URL: ${ref}`);
  }
}

function parsePage(bytes: Buffer, where: string): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new DataError(`${where}: invalid JSON: ${(err as Error).message.replace(/\s+/g, ' ')}`);
  }
}

function* records(doc: unknown, path: string | undefined, where: string): Generator<unknown> {
  const value = path === undefined ? doc : at(doc, path);
  if (value === undefined) throw new DataError(`${where}: no ${path} in the page`);
  if (Array.isArray(value)) yield* value;
  else if (value !== null) yield value;
}

async function read(options: Options): Promise<void> {
  const s = settings(options);
  const first = firstRequest(options, 'application/json');
  const fd = metaFd(options);
  const path = options.str('records');
  const next = nextRule(options.str('next'));
  const maxPages = options.int('max-pages', Infinity);
  if (maxPages === 0) throw new UsageError('--max-pages: expected 1 or more');
  const out = new Output(1);
  let req: Request | undefined = first;
  for (let page = 1; req && page <= maxPages; page++) {
    const { res, url } = await open(req, s);
    if (page === 1) sendMeta(fd, res, url);
    await failOnStatus(res, s);
    const parts: Buffer[] = [];
    await eachChunk(res, s, (chunk) => void parts.push(chunk));
    const where = `page ${page} (${url.href})`;
    const doc = parsePage(Buffer.concat(parts), where);
    for (const record of records(doc, path, where)) out.write(JSON.stringify(record) + '\n');
    out.flush(); // the page goes out before the next is asked for: a reader that stopped ends us here (EPIPE)
    const nextUrl = next(res, doc, url, where);
    req = nextUrl && asGet(retarget(first, nextUrl));
  }
}


runPlugin(meta, { raw, read });
