// Incremental JSON text scanner: cuts the elements of a top-level array (or a
// sequence of whitespace-separated top-level values) out of UTF-8 bytes that
// arrive in arbitrary chunks, never holding more than one element. It does
// not parse: it only tracks string/escape state and bracket depth, which is
// enough to find where each element ends; the element's text is then handed
// to JSON.parse, which does the validation (see parseJsonAt).
//
// It works on bytes rather than decoded text: scanning a byte array is
// several times faster than decoding everything to strings first, and only
// the elements themselves are decoded (a UTF-8 sequence split between chunks
// is whole again by then). Positions (line, column) are 1-based and counted
// across chunks; a column counts characters (code points), not bytes.
import { DataError } from '../../kit/sdk.js';

/** Receives each complete element's text and where it starts. */
type ElementHandler = (text: string, line: number, column: number) => void;

// Scanner states.
const START = 0; // nothing seen yet
const ARRAY_FIRST = 1; // after the top-level `[`: an element or `]`
const ARRAY_NEXT = 2; // after a `,`: an element
const ARRAY_AFTER = 3; // after an element: `,` or `]`
const ARRAY_DONE = 4; // after the top-level `]`: only whitespace
const BETWEEN = 5; // top level of a value sequence: a value or whitespace
const CONTAINER = 6; // inside an object/array element, outside strings
const STRING = 7; // inside a string (of an element or a top-level string)
const SCALAR = 8; // inside a number/literal token

const NUL = 0;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

function isWs(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

/** Bytes that end a number/literal token. */
function endsScalar(c: number): boolean {
  return (
    c === SPACE || c === LF || c === CR || c === TAB || c === COMMA || c === RBRACKET || c === RBRACE ||
    c === LBRACKET || c === LBRACE || c === QUOTE || c === COLON || c === NUL
  );
}

/** 'x' for printable ASCII, U+XXXX (or byte 0xXX) otherwise. */
function describeChar(c: number): string {
  if (c > 0x20 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  if (c >= 0x80) return `byte 0x${c.toString(16).toUpperCase()}`;
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

const utf8 = new TextEncoder();

export class JsonStreamScanner {
  private state = START;
  private array = false;
  private line = 1;
  /** Absolute byte offset of the first byte of the current line. */
  private lineStart = 0;
  /** UTF-8 continuation bytes on the current line before the scan position
   * (so a column counts characters). */
  private cont = 0;
  /** Absolute byte offset of the current chunk's first byte. */
  private base = 0;
  private depth = 0;
  private escaped = false;
  /** Bytes of the current element from earlier chunks (copied: the caller
   * may reuse its buffer). */
  private parts: Uint8Array[] = [];
  private elemLine = 0;
  private elemColumn = 0;
  private elemFirst = 0;
  /** Where the current element starts in the chunk being scanned. */
  private elemStart = 0;
  /** Number of elements emitted so far. */
  count = 0;

  constructor(private readonly onElement: ElementHandler) {}

  /** Whether the input is a top-level array (known after its first byte). */
  get isArray(): boolean {
    return this.array;
  }

  private fail(message: string, at: number): never {
    throw new DataError(message, this.line, at - this.lineStart - this.cont + 1);
  }

  private failAt(message: string, at: number, cont: number): never {
    this.cont = cont;
    this.fail(message, at);
  }

  private emit(buf: Uint8Array, start: number, end: number): void {
    let text: string;
    if (this.parts.length) {
      this.parts.push(buf.subarray(start, end));
      text = Buffer.concat(this.parts).toString('utf8');
      this.parts = [];
    } else text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
    this.count++;
    this.onElement(text, this.elemLine, this.elemColumn);
  }

  /** Feed the next chunk (bytes, or text for convenience). Throws DataError
   * on malformed structure (and whatever onElement throws). The chunk need
   * not stay valid after the call. */
  push(chunk: Uint8Array | string): void {
    const buf = typeof chunk === 'string' ? utf8.encode(chunk) : chunk;
    const n = buf.length;
    let i = 0;
    // Where the current element starts in buf (0 if it began in an earlier chunk).
    this.elemStart = 0;
    // Each state's scan runs until its state changes or buf ends, keeping
    // what it updates in locals while it loops (no closures: a variable a
    // closure captures would live on the heap, and these loops are the hot
    // path).
    try {
      while (i < n) {
        const state = this.state;
        if (state === STRING) i = this.inString(buf, i);
        else if (state === CONTAINER) i = this.inContainer(buf, i);
        else if (state === SCALAR) i = this.inScalar(buf, i);
        else i = this.between(buf, i);
      }
      const state = this.state;
      if (state === CONTAINER || state === STRING || state === SCALAR) this.parts.push(new Uint8Array(buf.subarray(this.elemStart)));
    } finally {
      this.base += n;
    }
  }

  private newline(at: number): void {
    this.line++;
    this.lineStart = this.base + at + 1;
  }

  /** The end of the element (its text is buf[elemStart, end)). */
  private elementEnd(buf: Uint8Array, end: number): void {
    this.state = this.array ? ARRAY_AFTER : BETWEEN;
    this.emit(buf, this.elemStart, end);
  }

  private inString(buf: Uint8Array, from: number): number {
    const n = buf.length;
    let cont = this.cont;
    let escaped = this.escaped;
    let i = from;
    for (; i < n; i++) {
      const c = buf[i];
      if (escaped) {
        escaped = false;
        if (c < 0x20 || c >= 0x80) i--; // look at it again below
        continue;
      }
      if (c === QUOTE) {
        i++;
        this.cont = cont;
        if (this.depth === 0) this.elementEnd(buf, i);
        else this.state = CONTAINER;
        this.escaped = false;
        return i;
      }
      if (c === BACKSLASH) escaped = true;
      else if (c < 0x20) {
        if (c === LF) {
          this.newline(i);
          cont = 0;
        } else if (c === NUL) this.failAt('binary data (NUL byte): input is not JSON text', this.base + i, cont);
      } else if (c >= 0x80 && c < 0xc0) cont++;
    }
    this.escaped = escaped;
    this.cont = cont;
    return i;
  }

  private inContainer(buf: Uint8Array, from: number): number {
    const n = buf.length;
    let cont = this.cont;
    let depth = this.depth;
    let i = from;
    for (; i < n; i++) {
      const c = buf[i];
      if (c === QUOTE) {
        this.state = STRING;
        this.escaped = false;
        i++;
        break;
      } else if (c === LBRACE || c === LBRACKET) depth++;
      else if (c === RBRACE || c === RBRACKET) {
        if (--depth === 0) {
          i++;
          this.cont = cont;
          this.depth = 0;
          this.elementEnd(buf, i);
          return i;
        }
      } else if (c < 0x20) {
        if (c === LF) {
          this.newline(i);
          cont = 0;
        } else if (c === NUL) this.failAt('binary data (NUL byte): input is not JSON text', this.base + i, cont);
      } else if (c >= 0x80 && c < 0xc0) cont++;
    }
    this.cont = cont;
    this.depth = depth;
    return i;
  }

  private inScalar(buf: Uint8Array, from: number): number {
    const n = buf.length;
    let cont = this.cont;
    let i = from;
    for (; i < n; i++) {
      const c = buf[i];
      if (endsScalar(c)) {
        if (c === NUL) this.failAt('binary data (NUL byte): input is not JSON text', this.base + i, cont);
        this.cont = cont;
        this.elementEnd(buf, i); // the delimiter is looked at again in the new state
        return i;
      }
      if (c >= 0x80 && c < 0xc0) cont++;
    }
    this.cont = cont;
    return i;
  }

  /** Between elements: whitespace, punctuation, or an element's first byte. */
  private between(buf: Uint8Array, i: number): number {
    const base = this.base;
    const c = buf[i];
    if (isWs(c)) {
      if (c === LF) {
        this.newline(i);
        this.cont = 0;
      }
      return i + 1;
    }
    let state = this.state;
    if (state === START) {
      if (c === 0xef && base + i === 0 && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) {
        this.cont += 2;
        return i + 3; // UTF-8 byte order mark (only when it arrives in one piece)
      }
      if (c === LBRACKET) {
        this.array = true;
        this.state = ARRAY_FIRST;
        return i + 1;
      }
      this.state = state = BETWEEN;
    }
    const cont = this.cont;
    if (c === NUL) this.failAt('binary data (NUL byte): input is not JSON text', base + i, cont);
    if (state === ARRAY_AFTER) {
      if (c === COMMA) this.state = ARRAY_NEXT;
      else if (c === RBRACKET) this.state = ARRAY_DONE;
      else this.failAt(`expected ',' or ']' after array element, got ${describeChar(c)}`, base + i, cont);
    } else if (state === ARRAY_DONE) {
      this.failAt(`unexpected ${describeChar(c)} after the end of the top-level array`, base + i, cont);
    } else if (c === RBRACKET && state === ARRAY_FIRST) {
      this.state = ARRAY_DONE;
    } else if (c === RBRACKET || c === RBRACE || c === COMMA || c === COLON) {
      this.failAt(`expected ${state === BETWEEN ? 'a JSON value' : 'an array element'}, got ${describeChar(c)}`, base + i, cont);
    } else this.startElement(c, i);
    return i + 1;
  }

  /** An element starts at buf[i], whose byte is c. */
  private startElement(c: number, i: number): void {
    this.elemStart = i;
    this.elemLine = this.line;
    this.elemColumn = this.base + i - this.lineStart - this.cont + 1;
    this.elemFirst = c;
    if (c === LBRACE || c === LBRACKET) {
      this.state = CONTAINER;
      this.depth = 1;
    } else if (c === QUOTE) {
      this.state = STRING;
      this.depth = 0;
      this.escaped = false;
    } else {
      this.state = SCALAR;
      if (c >= 0x80 && c < 0xc0) this.cont++;
    }
  }

  /** Signal end of input: completes a trailing top-level number/literal, or
   * throws DataError if the input stopped in the middle of something. */
  end(): void {
    const state = this.state;
    if (state === SCALAR && !this.array) {
      this.state = BETWEEN;
      this.emit(new Uint8Array(0), 0, 0);
      return;
    }
    if (state === START || state === BETWEEN || state === ARRAY_DONE) return;
    let inside: string;
    if (this.array) inside = 'array';
    else if (state === STRING) inside = 'string';
    else inside = this.elemFirst === LBRACE ? 'object' : 'array';
    this.fail(`unexpected end of input inside ${inside}`, this.base);
  }
}
