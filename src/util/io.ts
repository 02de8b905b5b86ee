// Synchronous, blocking I/O on raw file descriptors for stages and plugins.
//
// A stage is one OS process between two kernel pipes. Blocking readSync /
// writeSync on fds 0 and 1 is the simplest way to get the pipe's natural
// backpressure, and it never touches process.stdin/stdout (which would put
// the shared file description into non-blocking mode). EAGAIN (someone else
// made the description non-blocking) is retried after a short sleep; EPIPE
// (the reader went away) ends the process quietly with status 0: a downstream
// close is normal, not an error.
import { readSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function nap(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Exit status used when the downstream reader has gone away. */
export const EXIT_DOWNSTREAM_CLOSED = 0;

function isEpipe(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET';
}

/** Write every byte of buf to fd, blocking. Exits quietly on EPIPE. */
export function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        nap(1);
        continue;
      }
      if (isEpipe(err)) process.exit(EXIT_DOWNSTREAM_CLOSED);
      throw err;
    }
  }
}

const outputs = new Set<Output>();

/** Flush every Output. readChunks calls this before each read that may
 * block, so a stage never sits on results while it waits for more input:
 * `tail -f log | jn ...` and the shell's preview see rows as they come,
 * and a big input still gets one write per input chunk. */
export function flushAll(): void {
  for (const o of outputs) o.flush();
}

/** Buffered text writer on a file descriptor (default stdout). */
export class Output {
  private parts: string[] = [];
  private size = 0;
  constructor(
    private readonly fd = 1,
    private readonly limit = 1 << 16,
  ) {
    outputs.add(this);
  }

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= this.limit) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    const text = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    this.size = 0;
    writeAll(this.fd, Buffer.from(text, 'utf8'));
  }
}

/** Read fd to EOF in chunks, blocking. Chunks are views into a reused buffer
 * unless copy is set: consume each before asking for the next. */
export function* readChunks(fd = 0, size = 1 << 18): Generator<Buffer> {
  const buf = Buffer.allocUnsafe(size);
  for (;;) {
    flushAll();
    let n: number;
    try {
      n = readSync(fd, buf, 0, size, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        nap(1);
        continue;
      }
      if (code === 'EOF') return;
      throw err;
    }
    if (n === 0) return;
    yield buf.subarray(0, n);
  }
}

/** Decoded UTF-8 text chunks of fd, split safely at character boundaries. */
export function* readText(fd = 0): Generator<string> {
  const decoder = new StringDecoder('utf8');
  for (const chunk of readChunks(fd)) {
    const s = decoder.write(chunk);
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Lines of fd (without the newline; a trailing CR is removed), with their
 * 1-based line numbers. The last line need not end in a newline. */
export function* readLines(fd = 0): Generator<[string, number]> {
  let carry = '';
  let lineNo = 0;
  for (const text of readText(fd)) {
    let start = 0;
    let nl = text.indexOf('\n');
    if (nl === -1) {
      carry += text;
      continue;
    }
    let line = carry + text.slice(0, nl);
    carry = '';
    for (;;) {
      lineNo++;
      yield [line.endsWith('\r') ? line.slice(0, -1) : line, lineNo];
      start = nl + 1;
      nl = text.indexOf('\n', start);
      if (nl === -1) break;
      line = text.slice(start, nl);
    }
    carry = text.slice(start);
  }
  if (carry) {
    lineNo++;
    yield [carry.endsWith('\r') ? carry.slice(0, -1) : carry, lineNo];
  }
}
