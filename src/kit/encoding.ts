// Text encodings of the format readers' input (`?encoding=` on an address,
// `--encoding` for a plugin). A Decoder turns byte chunks, split anywhere,
// into text; kit/io.ts reads through one.
//
// - utf-8 (the default of every format reader) is checked, never guessed or
//   patched: invalid bytes are a DataError naming the line and byte, and the
//   text before that line still goes out. A UTF-8 BOM is dropped; a UTF-16
//   BOM (FF FE, FE FF) switches to UTF-16, since such a file cannot be UTF-8.
// - latin1 (ISO-8859-1: byte n is U+00nn, 0x80-0x9F included) and cp1252
//   (Windows-1252: 0x80-0x9F are € ‚ ƒ „ … and so on) are decoded here, so
//   they work whatever ICU this Node was built with.
// - utf-16le, utf-16be, utf-16 (BOM decides, else little-endian).
// - any other name TextDecoder knows (WHATWG labels: shift_jis, gbk,
//   iso-8859-15, windows-1251, koi8-r, ...), decoded fatally: bytes that are
//   not text in that encoding are an error too.
// - no encoding (undefined): UTF-8 as jq reads it, invalid bytes become
//   U+FFFD. jn filter reads this way; no format reader does.
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { DataError, UsageError } from './exit.js';

/** Bad bytes for the encoding: `line 12, byte 345: invalid UTF-8 (0xE9); ...`.
 * byte counts from 0 at the start of the input. */
export class EncodingError extends DataError {
  constructor(
    message: string,
    line: number,
    readonly byte: number,
  ) {
    super(message, line);
  }

  override located(): string {
    return `line ${this.line}, byte ${this.byte}: ${this.message}`;
  }
}

/** Text of byte chunks: write() each chunk, end() after the last. Either
 * may throw EncodingError. Checked UTF-8 that meets bad bytes first gives
 * the text before them (at least every line before theirs), and throws at
 * raise() (or the next write or end). */
export interface Decoder {
  write(chunk: Uint8Array): string;
  end(): string;
  /** Throw the error found by the last write, if any. */
  raise(): void;
}

const HINT = 'if the file is Latin-1 or Windows-1252, read it with ?encoding=latin1 or ?encoding=cp1252';

function hex(b: number): string {
  return '0x' + b.toString(16).toUpperCase().padStart(2, '0');
}

/** Newlines in b[from, to). */
function countLines(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let p = b.indexOf(10, from); p !== -1 && p < to; p = b.indexOf(10, p + 1)) n++;
  return n;
}

/** Bytes in a UTF-8 sequence that starts with lead (1 for an invalid lead). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 1;
}

/** Where b stops being UTF-8: the index of the first byte that does not
 * start (or continue) a valid sequence, and whether that sequence is only
 * cut off by the end of b. For the error path: the check itself is isUtf8. */
function scanUtf8(b: Uint8Array): { bad: number; cut: boolean } {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = sequenceLength(c);
    if (n === 1) return { bad: i, cut: false };
    // The second byte's range depends on the lead (no overlongs, no
    // surrogates, nothing past U+10FFFF); the rest are 0x80-0xBF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < n; k++) {
      if (i + k >= b.length) return { bad: i, cut: true };
      const d = b[i + k];
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return { bad: i, cut: false };
    }
    i += n;
  }
  return { bad: b.length, cut: false };
}

/** Start of a UTF-8 sequence cut off at the end of b (b.length if none). */
function completeEnd(b: Uint8Array): number {
  const len = b.length;
  for (let i = len - 1; i >= 0 && i >= len - 3; i--) {
    const c = b[i];
    if (c < 0x80) return len;
    if (c >= 0xc0) return sequenceLength(c) > len - i ? i : len;
  }
  return len;
}

/** The error for the first invalid UTF-8 in b (which is not valid UTF-8),
 * b starting at line `line`, byte `offset` of the input; its byte minus
 * offset is where in b. */
export function invalidUtf8(b: Uint8Array, line: number, offset: number): EncodingError {
  const { bad, cut } = scanUtf8(b);
  const what = `invalid UTF-8 (${hex(b[bad])}${cut ? ' cut off by the end of the input' : ''})`;
  // Text in any encoding jn reads without asking has no NUL bytes.
  const why = b.indexOf(0) === -1 ? HINT : 'binary data (it holds NUL bytes), not text';
  return new EncodingError(`${what}; ${why}`, line + countLines(b, 0, bad), offset + bad);
}

/** Where the text before the line of err (found in b, which starts at
 * byte offset of the input) ends in b. */
export function beforeLineOf(err: EncodingError, b: Uint8Array, offset: number): number {
  const bad = err.byte - offset;
  return bad === 0 ? 0 : b.lastIndexOf(10, bad - 1) + 1;
}

/** Strict UTF-8 on bytes: checked chunks come out as they went in (a
 * character cut off at a chunk's end waits for the next one). */
class Utf8Check {
  private line = 1;
  private carry: Buffer | null = null;
  private failed: EncodingError | null = null;

  /** offset: bytes of the input before the first chunk (a BOM). */
  constructor(private offset = 0) {}

  /** The checked bytes of chunk (a view, or a copy when joined to what
   * waited); on invalid bytes, those before their line. */
  write(chunk: Uint8Array): Uint8Array {
    this.raise();
    let b = chunk;
    if (this.carry) {
      b = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const end = completeEnd(b);
    const body = end === b.length ? b : b.subarray(0, end);
    if (!isUtf8(body)) return this.fail(body);
    if (end < b.length) this.carry = Buffer.from(b.subarray(end));
    this.line += countLines(body, 0, body.length);
    this.offset += body.length;
    return body;
  }

  end(): void {
    this.raise();
    if (this.carry) this.fail(this.carry);
    this.raise();
  }

  raise(): void {
    const err = this.failed;
    if (err) throw err;
  }

  /** Keep the error, give what comes before its line. */
  private fail(b: Uint8Array): Uint8Array {
    const err = invalidUtf8(b, this.line, this.offset);
    this.failed = err;
    return b.subarray(0, beforeLineOf(err, b, this.offset));
  }
}

/** UTF-8 with U+FFFD for invalid bytes (jq's way). */
class LenientUtf8 implements Decoder {
  private readonly d = new StringDecoder('utf8');
  write(chunk: Uint8Array): string {
    return this.d.write(chunk as Buffer);
  }
  end(): string {
    return this.d.end();
  }
  raise(): void {}
}

/** Decoders that count lines in their text, for errors. */
abstract class CountingDecoder implements Decoder {
  protected line = 1;
  protected offset = 0;
  protected abstract decode(chunk: Uint8Array): string;
  write(chunk: Uint8Array): string {
    const s = this.decode(chunk);
    this.offset += chunk.length;
    for (let p = s.indexOf('\n'); p !== -1; p = s.indexOf('\n', p + 1)) this.line++;
    return s;
  }
  end(): string {
    return '';
  }
  raise(): void {}
}

class Latin1 extends CountingDecoder {
  protected decode(chunk: Uint8Array): string {
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('latin1');
  }
}

// Windows-1252 0x80-0x9F (the five bytes it leaves undefined map to the C1
// controls, as in the WHATWG standard, so no byte is lost).
const CP1252 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';

class Cp1252 extends Latin1 {
  protected override decode(chunk: Uint8Array): string {
    const s = super.decode(chunk);
    return /[\x80-\x9f]/.test(s) ? s.replace(/[\x80-\x9f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]) : s;
  }
}

/** UTF-16 in either byte order (big-endian is swapped to little first). A
 * BOM of the chosen order is dropped. */
class Utf16 extends CountingDecoder {
  private readonly d = new StringDecoder('utf16le');
  private odd: number | null = null;
  private high = '';
  private started = false;

  constructor(private readonly bigEndian: boolean) {
    super();
  }

  protected decode(chunk: Uint8Array): string {
    let b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.bigEndian) {
      const joined = Buffer.allocUnsafe(b.length + (this.odd === null ? 0 : 1));
      let n = 0;
      if (this.odd !== null) joined[n++] = this.odd;
      n += b.copy(joined, n);
      const even = n & ~1;
      this.odd = even < n ? joined[even] : null;
      b = joined.subarray(0, even).swap16();
    }
    let s = this.high + this.d.write(b);
    this.high = '';
    // StringDecoder may give the halves of a surrogate pair split between
    // chunks in two writes: keep a trailing high one for the next.
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.high = s.slice(-1);
      s = s.slice(0, -1);
    }
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    return s;
  }

  override end(): string {
    if (this.offset % 2 === 1) {
      throw new EncodingError('invalid UTF-16: an odd number of bytes, the last character is cut off', this.line, this.offset - 1);
    }
    return this.high + this.d.end(); // a lone high surrogate stays (JSON escapes it)
  }
}

/** Any encoding TextDecoder knows, fatally. */
class Whatwg extends CountingDecoder {
  private readonly d: TextDecoder;
  constructor(private readonly name: string) {
    super();
    this.d = new TextDecoder(name, { fatal: true });
  }

  protected decode(chunk: Uint8Array): string {
    try {
      return this.d.decode(chunk, { stream: true });
    } catch {
      const at = this.locate(chunk);
      throw new EncodingError(`invalid ${this.name}`, this.line + countLines(chunk, 0, at), this.offset + at);
    }
  }

  override end(): string {
    try {
      return this.d.decode();
    } catch {
      throw new EncodingError(`invalid ${this.name}: the input ends in the middle of a character`, this.line, this.offset);
    }
  }

  /** Where in chunk the character that fails starts, as a fresh decoder
   * sees it (exact unless a character straddles the chunk's start): find
   * the shortest prefix it refuses, then the last character boundary
   * before that prefix's end. */
  private locate(chunk: Uint8Array): number {
    const fails = (n: number, stream: boolean): boolean => {
      try {
        new TextDecoder(this.name, { fatal: true }).decode(chunk.subarray(0, n), { stream });
        return false;
      } catch {
        return true;
      }
    };
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fails(mid + 1, true)) hi = mid;
      else lo = mid + 1;
    }
    let start = lo;
    while (start > 0 && start > lo - 4 && fails(start, false)) start--;
    return start;
  }
}

/** What the first bytes of a UTF-8 input say: 'utf-8' (drop `skip` bytes
 * of BOM), 'utf-16le'/'utf-16be' (a BOM), or undefined: need more bytes. */
export function sniff(b: Uint8Array, atEnd: boolean): { encoding: string; skip: number } | undefined {
  const boms: [number[], string][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  for (const [bom, encoding] of boms) {
    const n = Math.min(bom.length, b.length);
    let same = true;
    for (let i = 0; i < n && same; i++) same = b[i] === bom[i];
    if (!same) continue;
    if (n === bom.length) return { encoding, skip: encoding === 'utf-8' ? 3 : 0 };
    return atEnd ? { encoding: 'utf-8', skip: 0 } : undefined;
  }
  return { encoding: 'utf-8', skip: 0 };
}

const EMPTY = new Uint8Array(0);

/** The UTF-8 bytes of an input in encoding: UTF-8 is checked and passes
 * through (views of the chunks, after the BOM sniff()ed at the start);
 * anything else is decoded and encoded again. */
export class Utf8Bytes {
  private check: Utf8Check | null = null;
  private text: Decoder | null = null;
  private held: Buffer | null = null;

  constructor(encoding: string) {
    const name = canonicalEncoding(encoding);
    if (name === 'utf-8') this.held = Buffer.alloc(0);
    else this.text = decoder(name);
  }

  write(chunk: Uint8Array): Uint8Array {
    if (this.check) return this.check.write(chunk);
    if (this.text) return Buffer.from(this.text.write(chunk), 'utf8');
    const b = Buffer.concat([this.held!, chunk]);
    const found = sniff(b, false);
    if (!found) {
      this.held = b;
      return EMPTY;
    }
    return this.choose(found, b);
  }

  end(): Uint8Array {
    let last: Uint8Array = EMPTY;
    if (!this.check && !this.text) last = this.choose(sniff(this.held!, true)!, this.held!);
    this.raise();
    if (this.check) this.check.end();
    else {
      const s = this.text!.end();
      if (s) return Buffer.concat([last, Buffer.from(s, 'utf8')]);
    }
    return last;
  }

  raise(): void {
    this.check?.raise();
    this.text?.raise();
  }

  private choose(found: { encoding: string; skip: number }, b: Buffer): Uint8Array {
    this.held = null;
    if (found.encoding === 'utf-8') {
      this.check = new Utf8Check(found.skip);
      return this.check.write(b.subarray(found.skip));
    }
    this.text = new Utf16(found.encoding === 'utf-16be');
    return Buffer.from(this.text.write(b), 'utf8');
  }
}

/** Checked UTF-8 text (a UTF-16 BOM switches to UTF-16). */
class StrictUtf8 implements Decoder {
  private readonly bytes = new Utf8Bytes('utf-8');
  write(chunk: Uint8Array): string {
    return utf8Text(this.bytes.write(chunk));
  }
  end(): string {
    return utf8Text(this.bytes.end());
  }
  raise(): void {
    this.bytes.raise();
  }
}

function utf8Text(b: Uint8Array): string {
  return b.length === 0 ? '' : Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8');
}

/** utf-16: the BOM says the byte order, little-endian without one. */
class Utf16Sniffing implements Decoder {
  private inner: Decoder | null = null;
  private first: number | null = null;

  write(chunk: Uint8Array): string {
    if (this.inner) return this.inner.write(chunk);
    if (chunk.length === 0) return '';
    if (this.first === null && chunk.length === 1) {
      this.first = chunk[0];
      return '';
    }
    const b = this.first === null ? chunk : Buffer.concat([Uint8Array.of(this.first), chunk]);
    this.inner = new Utf16(b[0] === 0xfe && b[1] === 0xff);
    return this.inner.write(b);
  }

  end(): string {
    if (!this.inner) {
      this.inner = new Utf16(false);
      if (this.first !== null) this.inner.write(Uint8Array.of(this.first));
    }
    return this.inner.end();
  }

  raise(): void {}
}

/** The canonical name of an encoding, or UsageError if there is none. */
export function canonicalEncoding(name: string): string {
  const n = name.trim().toLowerCase();
  if (/^utf-?8$/.test(n)) return 'utf-8';
  if (/^(latin-?1|iso-?8859-1|iso_8859-1|l1)$/.test(n)) return 'latin1';
  if (/^(cp-?1252|windows-1252|win-?1252)$/.test(n)) return 'cp1252';
  if (/^(utf-?16-?le|ucs-?2)$/.test(n)) return 'utf-16le';
  if (/^utf-?16-?be$/.test(n)) return 'utf-16be';
  if (/^utf-?16$/.test(n)) return 'utf-16';
  try {
    // WHATWG reads ascii, us-ascii and the like as windows-1252: ours.
    const whatwg = new TextDecoder(n).encoding;
    return whatwg === 'windows-1252' ? 'cp1252' : whatwg;
  } catch {
    throw new UsageError(
      `--encoding: unknown encoding ${JSON.stringify(name)} (utf-8, latin1, cp1252, utf-16le, utf-16be, utf-16, or another WHATWG encoding name such as shift_jis, gbk, iso-8859-15)`,
    );
  }
}

/** A decoder for encoding; undefined: UTF-8 as jq reads it (U+FFFD). */
export function decoder(encoding: string | undefined): Decoder {
  if (encoding === undefined) return new LenientUtf8();
  const name = canonicalEncoding(encoding);
  if (name === 'utf-8') return new StrictUtf8();
  if (name === 'latin1') return new Latin1();
  if (name === 'cp1252') return new Cp1252();
  if (name === 'utf-16le' || name === 'utf-16be') return new Utf16(name === 'utf-16be');
  if (name === 'utf-16') return new Utf16Sniffing();
  return new Whatwg(name);
}

/** The --encoding option of the text readers (plugins' metadata). */
export const ENCODING_OPTION = {
  name: 'encoding',
  description:
    'read: the text encoding of the input: utf-8 (default; invalid bytes are an error; a BOM, UTF-8 or UTF-16, is honoured), latin1, cp1252, utf-16le, utf-16be, utf-16, or another WHATWG name (shift_jis, gbk, iso-8859-15, ...); writers write UTF-8',
};
