// Synchronous, blocking I/O on raw file descriptors for stages and plugins.
//
// A stage is one OS process between two kernel pipes. Blocking readSync /
// writeSync on fds 0 and 1 is the simplest way to get the pipe's natural
// backpressure, and it never touches process.stdin/stdout (which would put
// the shared file description into non-blocking mode). EAGAIN (someone else
// made the description non-blocking) is retried after a short sleep; EPIPE
// (the reader went away) ends the process quietly with status 0: a downstream
// close is normal, not an error.
import { isUtf8 } from 'node:buffer';
import { readSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { beforeLineOf, canonicalEncoding, decoder, invalidUtf8, sniff, Utf8Bytes, type Decoder, type EncodingError } from './encoding.js';
import { PLUGIN_EXIT, isDownstreamClosed } from './exit.js';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function nap(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
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
      if (isDownstreamClosed(err)) process.exit(PLUGIN_EXIT.OK);
      throw err;
    }
  }
}

const outputs = new Set<Output>();

/** Flush every Output. readBlocking calls this before each read that may
 * block, so a stage never sits on results while it waits for more input:
 * `tail -f log | jn ...` and the shell's preview see rows as they come,
 * and a big input still gets one write per input chunk. */
export function flushAll(): void {
  for (const o of outputs) o.flush();
}

/** Forget every Output (as a process that exits does): a plugin's read
 * run again in jn cat's process (kit/sdk.ts) starts with none. */
export function dropOutputs(): void {
  outputs.clear();
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

/** The fd that reads of fd 0 go to: 0, or the file jn cat opened while it
 * runs a bundled plugin's read in its own process (kit/sdk.ts's entry). */
let stdinFd = 0;
export function redirectStdin(fd: number): void {
  stdinFd = fd;
}

/** One blocking readSync of up to len bytes into buf at off: the bytes
 * read, 0 at EOF. Results so far go out first (flushAll); EAGAIN (a
 * non-blocking description) is retried after a short sleep. */
export function readBlocking(fd: number, buf: Uint8Array, off: number, len: number): number {
  flushAll();
  for (;;) {
    try {
      return readSync(fd === 0 ? stdinFd : fd, buf, off, len, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        nap(1);
        continue;
      }
      if (code === 'EOF') return 0;
      throw err;
    }
  }
}

/** The first read of readChunks: 16 KiB, then twice as much each time up to
 * the chunk size. A stage's first records then reach the next stage after
 * 16 KiB of work, not 256 KiB, and a reader that leaves early (`| head`)
 * stops a parser after a few small chunks (the writer learns it on its next
 * write): `jn cat big.csv | jn head` parsed ~2,300 rows before. */
const FIRST_READ = 1 << 14;

/** Read fd to EOF in chunks, blocking. Chunks are views into one reused
 * buffer: consume each before asking for the next. */
export function* readChunks(fd = 0, size = 1 << 18): Generator<Buffer> {
  const buf = Buffer.allocUnsafe(size);
  for (let want = Math.min(FIRST_READ, size); ; want = Math.min(want * 2, size)) {
    const n = readBlocking(fd, buf, 0, want);
    if (n === 0) return;
    yield buf.subarray(0, n);
  }
}

/** Decoded text chunks of fd, split safely at character boundaries.
 * encoding: see kit/encoding.ts (format readers pass their --encoding,
 * 'utf-8' by default: checked); without one, UTF-8 as jq reads it. */
export function* readText(fd = 0, encoding?: string): Generator<string> {
  const d = decoder(encoding);
  for (const chunk of readChunks(fd)) {
    const s = d.write(chunk);
    if (s) yield s;
    d.raise();
  }
  const rest = d.end();
  if (rest) yield rest;
}

/** The text of fd as UTF-8 bytes, for readers that scan bytes: checked
 * UTF-8 passes through as read (views into a reused buffer: consume each
 * chunk before asking for the next); another encoding is decoded and
 * encoded again. See kit/encoding.ts. */
export function* readUtf8(fd = 0, encoding = 'utf-8'): Generator<Uint8Array> {
  const bytes = new Utf8Bytes(encoding);
  for (const chunk of readChunks(fd)) {
    const b = bytes.write(chunk);
    if (b.length) yield b;
    bytes.raise();
  }
  const rest = bytes.end();
  if (rest.length) yield rest;
}

/** Lines of a byte stream that arrives in chunks (a pipe read as a Node
 * stream by the jn process): push() each chunk and get the lines it
 * completed, without their newlines, empty lines left out; end() gives the
 * last line when the stream did not end with a newline. */
export class ChunkLines {
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';

  push(chunk: Buffer): string[] {
    const text = this.carry + this.decoder.write(chunk);
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl > start) lines.push(text.slice(start, nl));
      start = nl + 1;
    }
    this.carry = text.slice(start);
    return lines;
  }

  end(): string[] {
    const rest = this.carry + this.decoder.end();
    this.carry = '';
    return rest ? [rest] : [];
  }
}

/** Pull-based lines over decoded text that comes in pieces (refill()): no
 * generator, no per-line allocation but the line itself. Each piece holds
 * whole lines (the last one of the input may lack its newline). */
export abstract class TextLines {
  /** 1-based number of the line next() returned last. */
  lineNo = 0;
  protected text = '';
  protected pos = 0;

  /** The next piece of text, or undefined at the end. */
  protected abstract refill(): string | undefined;

  /** The next line without its newline (a trailing CR removed), or
   * undefined at the end. The last line need not end in a newline. */
  next(): string | undefined {
    for (;;) {
      const text = this.text;
      if (this.pos < text.length) {
        const nl = text.indexOf('\n', this.pos);
        const end = nl === -1 ? text.length : nl;
        let line = text.slice(this.pos, end);
        this.pos = end + 1;
        if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
        this.lineNo++;
        return line;
      }
      const more = this.refill();
      if (more === undefined) return undefined;
      this.text = more;
      this.pos = 0;
    }
  }
}

/** Lines of fd, the fast path for stages that read NDJSON. Bytes are read
 * into one buffer and decoded up to the last newline in it (a newline byte
 * never falls inside a UTF-8 sequence, so no character is split); the rest
 * waits for the next read. A line longer than the buffer grows it.
 *
 * encoding (kit/encoding.ts): 'utf-8' checks each piece with isUtf8 and
 * drops a UTF-8 BOM; invalid bytes are an EncodingError, thrown when the
 * lines before theirs have been read. Another encoding (or a UTF-16 BOM)
 * decodes through a Decoder. Without one, UTF-8 as jq reads it. */
export class LineReader extends TextLines {
  private buf: Buffer;
  private have = 0;
  private eof = false;
  /** Check UTF-8 (and look for a BOM first, while sniffing). */
  private readonly strict: boolean;
  private sniffing: boolean;
  /** Input bytes before buf[0]. */
  private offset = 0;
  private failed: EncodingError | null = null;
  /** Decoding other than UTF-8, with the text after the last newline. */
  private decoding: Decoder | null = null;
  private rest = '';

  constructor(
    private readonly fd = 0,
    encoding?: string,
    size = 1 << 18,
  ) {
    super();
    this.buf = Buffer.allocUnsafe(size);
    const name = encoding === undefined ? undefined : canonicalEncoding(encoding);
    this.strict = name === 'utf-8';
    this.sniffing = this.strict;
    if (name !== undefined && !this.strict) this.decoding = decoder(name);
  }

  /** Read until the buffer holds a newline (or EOF); decode up to it. */
  protected refill(): string | undefined {
    if (this.failed) throw this.failed;
    if (this.decoding) return this.refillDecoded(this.decoding);
    for (;;) {
      if (this.eof) return undefined;
      if (this.have === this.buf.length) {
        const bigger = Buffer.allocUnsafe(this.buf.length * 2);
        this.buf.copy(bigger, 0, 0, this.have);
        this.buf = bigger;
      }
      const n = readBlocking(this.fd, this.buf, this.have, this.buf.length - this.have);
      if (n === 0) this.eof = true;
      let end = this.have + n;
      let from = this.have; // no newline before
      if (this.sniffing) {
        if (!this.sniff(end)) {
          if (this.decoding) return this.refillDecoded(this.decoding);
          continue;
        }
        end = this.have;
        from = 0;
      }
      if (n === 0) {
        this.have = 0;
        return end === 0 ? undefined : this.decode(end);
      }
      const nl = this.buf.lastIndexOf(10, end - 1);
      if (nl < from) {
        this.have = end;
        continue;
      }
      const text = this.decode(nl + 1);
      this.buf.copy(this.buf, 0, nl + 1, end);
      this.have = end - nl - 1;
      return text;
    }
  }

  /** The text of buf[0, end), checked if strict; on invalid bytes, the
   * lines before theirs, and the error for the next refill. */
  private decode(end: number): string {
    const offset = this.offset;
    this.offset += end;
    if (this.strict && !isUtf8(this.buf.subarray(0, end))) {
      const err = invalidUtf8(this.buf.subarray(0, end), this.lineNo + 1, offset);
      this.failed = err;
      end = beforeLineOf(err, this.buf, offset);
      if (end === 0) throw err;
    }
    return this.buf.toString('utf8', 0, end);
  }

  /** With the first `end` bytes in buf: false while they cannot tell; drop
   * a UTF-8 BOM, or go on through a Decoder after a UTF-16 BOM. */
  private sniff(end: number): boolean {
    const found = sniff(this.buf.subarray(0, end), this.eof);
    if (found === undefined) {
      this.have = end;
      return false;
    }
    this.sniffing = false;
    if (found.encoding !== 'utf-8') {
      this.decoding = decoder('utf-8');
      this.rest = this.decoding.write(this.buf.subarray(0, end));
      if (this.eof) this.rest += this.decoding.end();
      this.have = 0;
      return false;
    }
    this.buf.copy(this.buf, 0, found.skip, end);
    this.have = end - found.skip;
    this.offset = found.skip;
    return true;
  }

  /** Text through the Decoder, cut after its last newline. */
  private refillDecoded(d: Decoder): string | undefined {
    for (;;) {
      const nl = this.rest.lastIndexOf('\n');
      if (nl !== -1 || (this.eof && this.rest)) {
        const cut = nl === -1 ? this.rest.length : nl + 1;
        const text = this.rest.slice(0, cut);
        this.rest = this.rest.slice(cut);
        return text;
      }
      if (this.eof) return undefined;
      d.raise();
      const n = readBlocking(this.fd, this.buf, 0, this.buf.length);
      if (n === 0) {
        this.eof = true;
        this.rest += d.end();
      } else this.rest += d.write(this.buf.subarray(0, n));
    }
  }
}

/** Lines of fd (without the newline; a trailing CR is removed), with their
 * 1-based line numbers. The last line need not end in a newline. */
export function* readLines(fd = 0, encoding?: string): Generator<[string, number]> {
  const reader = new LineReader(fd, encoding);
  for (let line = reader.next(); line !== undefined; line = reader.next()) yield [line, reader.lineNo];
}
