// jn filter's input: stdin in chunks of whole lines (ChunkReader, which the
// two-thread path hands to the worker, and Lines over it), and the input
// values over those lines — JSON values (NDJSON fast, anything else
// whitespace-separated on the slow path) or raw lines — one by one or
// slurped. Invalid JSON is a JnError naming the line and column.
import { DataError, EXIT, JnError } from '../../kit/exit.js';
import { throwIfMarked, throwIfMarkedStrict } from '../../kit/mark.js';
import type { BadRecords } from '../../kit/onerror.js';
import { readBlocking, readText, TextLines } from '../../kit/io.js';
import { escapeControls } from '../../kit/text.js';
import { JsonParseError, JsonParser } from '../json-input.js';
import { lineCol } from '../lexer.js';
import { inputRecord, inputText, lastInputText, mayHoldBig } from '../literals.js';
import type { Value } from '../values.js';

/** jq's exit status for invalid JSON input (jn's usage status too). */
const EXIT_BAD_INPUT = EXIT.USAGE;

/** Bytes in a chunk (at most: what a read brings): enough that handing half
 * of one over costs nothing next to running it, few enough that the two
 * threads stay busy to the end. */
const CHUNK = 2 << 20;

/** Reads fd in chunks of whole lines, each in its own ArrayBuffer (so that
 * it can be transferred to the worker), recycled by recycle(). */
export class ChunkReader {
  /** Bytes read so far. */
  bytes = 0;
  /** Bytes after the last newline of the previous chunk. */
  private rest: Buffer = Buffer.alloc(0);
  private eof = false;
  private spare: ArrayBuffer[] = [];

  constructor(private readonly fd = 0) {}

  /** The next chunk (the last line of the input may lack its newline), or
   * null at the end: one read, of what is there — up to CHUNK bytes from a
   * file, what a pipe holds — to its last newline. Never a second read for
   * more whole lines: it might wait, and a stage shows results as its input
   * comes. (Only a line that does not end in the chunk reads on, and grows
   * the chunk if it must.) */
  next(): Buffer | null {
    let buf = this.buffer(this.rest.length);
    let have = this.rest.copy(buf);
    this.rest = Buffer.alloc(0);
    for (;;) {
      if (this.eof) {
        if (have > 0) return buf.subarray(0, have);
        this.recycle(buf.buffer as ArrayBuffer);
        return null;
      }
      if (have === buf.length) {
        const bigger = Buffer.from(new ArrayBuffer(buf.length * 2));
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      const n = readBlocking(this.fd, buf, have, buf.length - have); // results so far go out first
      if (n === 0) {
        this.eof = true;
        continue;
      }
      have += n;
      this.bytes += n;
      const nl = buf.lastIndexOf(10, have - 1);
      if (nl === -1) continue;
      this.rest = Buffer.from(buf.subarray(nl + 1, have));
      return buf.subarray(0, nl + 1);
    }
  }

  /** Give back the buffer of a chunk that has been run. */
  recycle(ab: ArrayBuffer): void {
    if (ab.byteLength === CHUNK && this.spare.length < 4) this.spare.push(ab);
  }

  private buffer(min: number): Buffer {
    const ab = min < CHUNK ? this.spare.pop() ?? new ArrayBuffer(CHUNK) : new ArrayBuffer(2 * min);
    return Buffer.from(ab);
  }
}

/** Lines of the chunks of a ChunkReader (io.ts's TextLines does the
 * splitting): without the newline, a trailing CR removed. */
export class Lines extends TextLines {
  constructor(readonly reader: ChunkReader) {
    super();
  }

  protected refill(): string | undefined {
    const chunk = this.reader.next();
    if (chunk === null) return undefined;
    const text = chunk.toString('utf8');
    this.reader.recycle(chunk.buffer as ArrayBuffer);
    return text;
  }

  /** Every line read so far has been returned: the next one starts a chunk. */
  get drained(): boolean {
    return this.pos >= this.text.length;
  }

  /** Go on with text (the rest of a chunk, or more), before reading more;
   * its first line is number lineNo + 1. */
  resume(text: string): void {
    this.text = text;
    this.pos = 0;
  }
}

/** Lines of a chunk of bytes, and records among them: lines with anything
 * but spaces, tabs and CRs (with raw input, every line). */
export function countRecords(b: Buffer, raw: boolean): { lines: number; records: number } {
  let lines = 0;
  let records = 0;
  for (let p = 0; p < b.length; ) {
    let end = b.indexOf(10, p);
    if (end === -1) end = b.length;
    lines++;
    if (raw || hasContent(b, p, end)) records++;
    p = end + 1;
  }
  return { lines, records };
}

function hasContent(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== 13) return true;
  }
  return false;
}

/** Input values, one per next() (undefined at the end); idle() is false
 * while the values of a text that spans lines are still coming. */
export interface Source {
  next(): Value | undefined;
  idle(): boolean;
}

/** The JSON values of stdin (or of the input file name): one JSON.parse per
 * line for NDJSON, the fast path, with no generator in between; a line that
 * is not one JSON value (a pretty-printed document, two values on a line)
 * switches to slowValues until the values it started are complete. Invalid
 * JSON throws JnError naming the source. */
export function jsonValues(lines: Lines, name = 'stdin', bad?: BadRecords): Source {
  let slow: Generator<Value> | null = null;
  /** The next value of the slow path; under --on-error=skip|report a value
   * that is not valid JSON is left out (with the lines it took). */
  const slowNext = (): IteratorResult<Value> => {
    try {
      return slow!.next();
    } catch (e) {
      if (!bad || !(e instanceof BadJson)) throw e;
      bad.bad(new DataError(e.reason, e.line, e.column), { source: name });
      return { done: true, value: undefined };
    }
  };
  return {
    idle: () => slow === null,
    next: () => {
      if (slow) {
        const r = slowNext();
        if (!r.done) return r.value;
        slow = null;
      }
      for (;;) {
        const line = lines.next();
        if (line === undefined) return undefined;
        if (line.length === 0) continue;
        try {
          const v = JSON.parse(line) as Value;
          inputText(line);
          return v;
        } catch {
          // not one value on one line; or an upstream stage's failure mark
          throwIfMarked(line);
        }
        if (/^\s*$/.test(line)) continue;
        slow = slowValues(line, lines.lineNo, lines, name);
        const r = slowNext();
        if (!r.done) return r.value;
        slow = null;
      }
    },
  };
}

/** The values of text from p.i on, each with inputText() told its text; at
 * the end of a value that is not complete, stop there (incomplete) or throw
 * (at the end of the input). Returns the offset where the values stop. */
function* valuesOf(p: JsonParser, firstLine: number, incomplete: boolean, name: string): Generator<Value, number> {
  const text = p.s;
  for (;;) {
    p.ws();
    if (p.i >= text.length) return text.length;
    const start = p.i;
    let v: Value;
    try {
      v = p.value(0);
    } catch (e) {
      if (incomplete && e instanceof JsonParseError && e.offset >= text.length) return start; // wait for more lines
      throw badJson(text, firstLine, e, name);
    }
    inputText(text.slice(start, p.i));
    yield v;
  }
}

/** Values of a text that starts at line firstLine and goes on over the next
 * lines until it ends on a complete value. */
function* slowValues(first: string, firstLine: number, reader: Lines, name: string): Generator<Value> {
  let pending = first;
  let pendingLine = firstLine;
  for (;;) {
    const consumed = yield* valuesOf(new JsonParser(pending), pendingLine, true, name);
    const rest = pending.slice(consumed);
    if (/^\s*$/.test(rest)) return;
    pendingLine += lineCol(pending, consumed)[0] - 1;
    pending = rest;
    const line = reader.next();
    if (line === undefined) break;
    if (line.includes('\x18')) throwIfMarked(line); // an upstream failure inside a value it cut short
    pending += '\n' + line;
  }
  // The input ended inside a value: parse what there is, for the error.
  yield* valuesOf(new JsonParser(pending), pendingLine, false, name);
}

/** Invalid JSON input: jq's status, the place, and what is wrong. */
class BadJson extends JnError {
  constructor(
    name: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${name}: ${line === undefined ? '' : `line ${line}, column ${column}: `}${reason}`, EXIT_BAD_INPUT);
  }
}

function badJson(text: string, firstLine: number, e: unknown, name: string): JnError {
  if (!(e instanceof JsonParseError)) return new BadJson(name, `invalid JSON: ${escapeControls((e as Error).message)}`);
  const [l, c] = lineCol(text, e.offset);
  return new BadJson(name, `invalid JSON: ${escapeControls(e.message)}`, firstLine + l - 1, c);
}

/** Raw input (-R): each line is a string. */
export function rawLines(lines: Lines): Source {
  return {
    next: () => {
      const line = lines.next();
      if (line !== undefined && line.includes('\x18')) throwIfMarkedStrict(line);
      return line;
    },
    idle: () => true,
  };
}

/** -s: every input value in one array (with -R, all of stdin as one
 * string), which the program then runs on. */
export function slurp(raw: boolean, next: () => Value | undefined): Value {
  if (raw) {
    let s = '';
    for (const chunk of readText(0)) s += chunk;
    return s;
  }
  const all: Value[] = [];
  const big: string[] = [];
  for (let v = next(); v !== undefined; v = next()) {
    all.push(v);
    const text = lastInputText();
    if (mayHoldBig(text)) big.push(text);
  }
  inputText(big.join('\n'));
  inputRecord(all);
  return all;
}
