// gzip compression for the gz plugin (plugins/gz.ts), bytes <-> bytes.
// read/raw decompress stdin to stdout (every member of a multi-member file),
// write compresses. zlib runs as a
// stream between blocking fd reads and writes (src/kit/io.ts), so memory is
// bounded by a few buffers and a slow reader slows us down (backpressure);
// a reader that goes away (EPIPE) ends the process quietly with status 0.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { DataError, UsageError, type Options } from '../../kit/sdk.js';
import { readChunks, writeAll } from '../../kit/io.js';

const CHUNK = 1 << 18;

/** Input bytes seen so far, and the first two (the gzip magic number). */
const seen = { bytes: 0, head: [] as number[] };

function stdin(): Readable {
  const chunks = readChunks(0, CHUNK);
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      const next = chunks.next();
      if (next.done) {
        this.push(null);
        return;
      }
      const buf = Buffer.from(next.value); // readChunks reuses its buffer
      for (let k = 0; seen.head.length < 2 && k < buf.length; k++) seen.head.push(buf[k]);
      seen.bytes += buf.length;
      this.push(buf);
    },
  });
}

function stdout(): Writable {
  return new Writable({
    highWaterMark: CHUNK,
    write(chunk: Buffer, _encoding, done) {
      writeAll(1, chunk); // blocking; exits 0 on EPIPE
      done();
    },
  });
}

function gzipError(err: unknown): unknown {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'Z_BUF_ERROR') return new DataError('truncated gzip data (unexpected end of file)');
  if (e?.code === 'Z_DATA_ERROR') {
    const magic = seen.head[0] === 0x1f && seen.head[1] === 0x8b;
    if (!magic) return new DataError(`not gzip data (${e.message})`);
    if (e.message === 'incorrect header check') return new DataError(`trailing garbage after gzip data (${e.message})`);
    return new DataError(`corrupt gzip data (${e.message})`);
  }
  return err;
}

/** read and raw mode: gzip data on stdin decompressed to stdout. */
export async function decompress(): Promise<void> {
  try {
    await pipeline(stdin(), zlib.createGunzip({ chunkSize: 1 << 16 }), stdout());
  } catch (err) {
    if (seen.bytes === 0) return; // empty input: empty output
    throw gzipError(err);
  }
}

/** write mode: stdin compressed to gzip on stdout (--level). */
export async function compress(options: Options): Promise<void> {
  const level = options.int('level', 6);
  if (level < 1 || level > 9) throw new UsageError(`--level: expected 1 to 9, got ${level}`);
  await pipeline(stdin(), zlib.createGzip({ level, chunkSize: 1 << 16 }), stdout());
}
