// The http plugin's modes (plugins/http.ts). raw writes the response body
// to stdout through the blocking writeAll: while stdout is full the event
// loop (and so the socket) is not read, so the server is slowed down; when
// the reader goes away writeAll exits 0 and the kernel closes the socket.
// read parses JSON API pages into NDJSON records and follows pagination,
// holding one page, and asks for the next only once the current page is
// written.
import type { IncomingMessage } from 'node:http';
import { DataError, UsageError, type Options } from '../../kit/sdk.js';
import { Output, writeAll } from '../../kit/io.js';
import { eachChunk, failOnStatus } from './body.js';
import { firstRequest, metaFd, sendMeta, settings, type Request } from './options.js';
import { asGet, open, retarget } from './request.js';

const READ_ONLY = ['records', 'next', 'max-pages'];

/** raw mode: the response body, decoded, to stdout. */
export async function fetchRaw(options: Options, userAgent: string): Promise<void> {
  for (const name of READ_ONLY) if (options.has(name)) throw new UsageError(`--${name} is for --mode=read`);
  const s = settings(options);
  const req = firstRequest(options, '*/*', userAgent);
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

/** read mode: the records of each JSON page, following --next. */
export async function fetchPages(options: Options, userAgent: string): Promise<void> {
  const s = settings(options);
  const first = firstRequest(options, 'application/json', userAgent);
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
