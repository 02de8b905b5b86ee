// Response bodies: Content-Encoding decoded, passed on chunk by chunk with
// the silence watchdog running, and HTTP error statuses as errors.
import type { IncomingMessage } from 'node:http';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Settings } from './options.js';
import { NetworkError, Watchdog } from './request.js';

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
export async function eachChunk(res: IncomingMessage, s: Settings, each: (chunk: Buffer) => boolean | void): Promise<void> {
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
export async function failOnStatus(res: IncomingMessage, s: Settings): Promise<void> {
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
