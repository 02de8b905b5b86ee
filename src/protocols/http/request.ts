// Sending an http(s) request (node:http, a one-off agent per request: no
// keep-alive, so the socket is ours), following redirects, and network
// failures as one-line errors (exit 4). Timeouts: the watchdog reads the
// clock when its timer fires rather than trusting the timer: a blocked write
// stalls the event loop, and that stall is our own backpressure, not
// network silence.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { IoError } from '../../kit/sdk.js';
import { isHttp, type Request, type Settings } from './options.js';

/** A network or HTTP failure: exit status 4. */
export class NetworkError extends IoError {}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];

/** setTimeout's limit (about 24.8 days); longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Fails when the network stays silent too long; poke() on every sign of life. */
export class Watchdog {
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
export function retarget(req: Request, url: URL): Request {
  const headers = { ...req.headers };
  if (url.origin !== req.url.origin) for (const name of CREDENTIALS) delete headers[name];
  return { ...req, url, headers };
}

/** req as a GET without a body. */
export function asGet(req: Request): Request {
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
export async function open(first: Request, s: Settings): Promise<{ res: IncomingMessage; url: URL }> {
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
