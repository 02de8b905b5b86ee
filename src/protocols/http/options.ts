// The http plugin's options (plugins/http.ts): the first request (URL,
// method, headers, body), timeouts and redirects, and the --meta-fd report.
// Header values are never printed: they may be secrets (jn passes those in
// JN_HTTP_HEADERS, out of argv).
import { closeSync, fstatSync, writeSync } from 'node:fs';
import { type IncomingMessage, validateHeaderName, validateHeaderValue } from 'node:http';
import { UsageError, type Options } from '../../kit/sdk.js';

export interface Request {
  url: URL;
  method: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

export interface Settings {
  timeoutMs: number;
  timeoutText: string;
  maxRedirects: number;
  insecure: boolean;
}

export function settings(options: Options): Settings {
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

/** The request --url and the other options ask for; userAgent is the plugin's. */
export function firstRequest(options: Options, accept: string, userAgent: string): Request {
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
  return { url, method, headers: requestHeaders(options, accept, userAgent), body: options.str('body') };
}

export const isHttp = (url: URL): boolean => url.protocol === 'http:' || url.protocol === 'https:';

/** Defaults, then JN_HTTP_HEADERS, then --headers, then --header. */
function requestHeaders(options: Options, accept: string, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': userAgent, accept, 'accept-encoding': 'gzip, deflate, br' };
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

export function metaFd(options: Options): number | undefined {
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
export function sendMeta(fd: number | undefined, res: IncomingMessage, url: URL): void {
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
