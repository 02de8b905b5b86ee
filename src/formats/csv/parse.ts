// An incremental RFC 4180 parser (pure logic, no I/O). Speed matters: a
// line holding no '"' takes a fast path (the sink walks it with
// indexOf(delimiter)); only rows with a quote go through the character state
// machine, which is resumable, so a quoted field may span any number of lines
// and input chunks. Outside quotes LF, CRLF and a lone CR (old Mac files)
// each end a row; inside quotes every character is kept as written. Without
// quoting (the TSV convention) no row is slow, and with `escapes` the
// backslash escapes \t \n \r \\ are decoded.
import { DataError, UsageError } from '../../kit/exit.js';

const LF = 10;
export const CR = 13;
export const QUOTE = 34;

/** Receives the rows of a CsvParser. `plain` is a hint: true when no field
 * contains '"', '\\' or a control character (so needs no JSON escaping). */
export interface CsvRowSink {
  row(fields: string[], line: number, plain: boolean): void;
  /** Optional: told of each blank line (which is otherwise skipped). */
  blank?(line: number): void;
  /** Optional fast path, used instead of row() for a row that holds no '"':
   * the row is s[start, end) (without its line end), fields are separated by
   * the delimiter. */
  line?(s: string, start: number, end: number, line: number, plain: boolean): void;
}

const enum St {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteSeen,
}

/** Beyond any position in a chunk. */
const FAR = 0x3fffffff;

export const UNTERMINATED = 'unterminated quoted field';
const AFTER_QUOTE = 'unexpected character after closing quote';
const BINARY = 'binary data (NUL byte) — not a CSV file';

/** The error for a NUL byte in the input (on the given line). */
export function binaryData(line: number): DataError {
  return new DataError(BINARY, line);
}

function countCodePoints(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** A character as a regex class escape (`\\u002c`). */
export function regexClassChar(code: number): string {
  return '\\u' + code.toString(16).padStart(4, '0');
}

/** Characters that need JSON escaping, other than the delimiter, CR and LF
 * (the line splitter deals with those), as a global regex of ranges. */
function escapeFinder(delimiter: string, quote: boolean): RegExp {
  const skip = new Set([LF, CR, delimiter.charCodeAt(0)]);
  const ranges: string[] = quote ? ['\\\\'] : ['\\\\"'];
  let from = -1;
  for (let c = 0; c <= 0x20; c++) {
    const inClass = c < 0x20 && !skip.has(c);
    if (inClass && from === -1) from = c;
    if (!inClass && from !== -1) {
      ranges.push(from === c - 1 ? regexClassChar(from) : regexClassChar(from) + '-' + regexClassChar(c - 1));
      from = -1;
    }
  }
  return new RegExp('[' + ranges.join('') + ']', 'g');
}

export interface CsvParserOptions {
  /** One character (default ','). */
  delimiter?: string;
  /** RFC 4180 quoting (default true); false: '"' is an ordinary character. */
  quote?: boolean;
  /** Decode the backslash escapes \t \n \r \\ in fields (the TSV
   * convention; only without quoting). */
  escapes?: boolean;
  /** Physical line number of the text's first line (default 1). */
  firstLine?: number;
  /** Appended to the message of an "unexpected character after closing
   * quote" error (what to do about it). */
  quoteHint?: string;
}

const ESCAPED = /\\([tnr\\])/g;
const UNESCAPED: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\' };

/** A field with its TSV backslash escapes decoded; any other backslash is
 * kept as written. */
export function unescapeField(f: string): string {
  return f.indexOf('\\') === -1 ? f : f.replace(ESCAPED, (_, c: string) => UNESCAPED[c]);
}

function unescapeRow(row: string, d: string): string[] {
  const fields = row.split(d);
  for (let i = 0; i < fields.length; i++) fields[i] = unescapeField(fields[i]);
  return fields;
}

/**
 * Incremental CSV parser. push() decoded text chunks (split anywhere), then
 * end(). Each row goes to the sink with the physical (1-based) line number
 * where it started. A UTF-8 BOM at the start is dropped, blank lines are
 * skipped, LF, CRLF and lone CR line ends are all accepted (and may be
 * mixed): each counts as one line.
 */
export class CsvParser {
  private readonly d: string;
  private readonly dc: number;
  private readonly quote: boolean;
  private readonly escapes: boolean;
  private readonly hint: string;
  private readonly esc: RegExp;
  private started = false;
  /** Unconsumed tail (fast mode): the start of a line without its line end. */
  private rest = '';
  /** Physical line number of the start of `rest` (fast mode). */
  private line: number;
  /** The text so far ends with a CR taken as a line break: an LF right
   * after it (in the next chunk) is the rest of a CRLF. */
  private crEnd = false;
  /** crEnd as it was when the current chunk started. */
  private crBefore = false;

  // State of the slow (quoted) path, kept across chunks.
  private inRow = false;
  private st: St = St.FieldStart;
  private fields: string[] = [];
  private field = '';
  private rowLine = 0;
  private curLine = 0;
  private lineStart = 0;
  private colBase = 0;
  private quoteLine = 0;
  /** Column of the opening quote of the current quoted field; -1 until it
   * is needed (computed from quotePos/quoteLineStart/quoteColBase). */
  private quoteCol = 0;
  private quotePos = 0;
  private quoteLineStart = 0;
  private quoteColBase = 0;
  // Cached positions in the chunk string being scanned by slow().
  private scanText = '';
  private nextNl = -1;
  private nextCr = -1;
  private nextDelim = -1;

  constructor(
    private readonly sink: CsvRowSink,
    options: CsvParserOptions | string = ',',
  ) {
    const o = typeof options === 'string' ? { delimiter: options } : options;
    const delimiter = o.delimiter ?? ',';
    if (delimiter.length !== 1) throw new UsageError('delimiter must be one character');
    this.d = delimiter;
    this.dc = delimiter.charCodeAt(0);
    this.quote = o.quote ?? true;
    this.escapes = !this.quote && (o.escapes ?? false);
    this.hint = o.quoteHint ?? '';
    this.line = o.firstLine ?? 1;
    this.esc = escapeFinder(delimiter, this.quote);
  }

  push(text: string): void {
    if (!this.started) {
      if (text.length === 0) return;
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length === 0) return;
    const z = text.indexOf('\0');
    if (z !== -1) {
      if (z > 0) this.feed(text.slice(0, z));
      throw binaryData(this.inRow ? this.curLine : this.line);
    }
    this.feed(text);
  }

  end(): void {
    if (!this.inRow && this.rest.length > 0) this.feed('\n');
    if (!this.inRow) return;
    if (this.st === St.Quoted) throw new DataError(UNTERMINATED, this.quoteLine, this.quoteCol);
    this.fields.push(this.field);
    this.inRow = false;
    this.field = '';
    this.sink.row(this.fields, this.rowLine, false);
  }

  private nextEsc(s: string, from: number): number {
    const re = this.esc;
    re.lastIndex = from;
    const m = re.exec(s);
    return m === null ? s.length : m.index;
  }

  private feed(text: string): void {
    this.crBefore = this.crEnd;
    this.crEnd = false;
    let s: string;
    let pos = 0;
    let line: number;
    if (this.inRow) {
      s = text;
      pos = this.slow(s, 0);
      if (pos < 0) return;
      line = this.curLine;
    } else {
      line = this.line;
      if (this.crBefore && text.charCodeAt(0) === LF) pos = 1; // a CRLF split between chunks
      if (this.rest.length > 0) {
        if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
          this.rest += text;
          return;
        }
        s = this.rest + text;
        this.rest = '';
      } else s = text;
    }
    const n = s.length;
    const d = this.d;
    const sink = this.sink;
    const fast = sink.line !== undefined;
    let nq = this.quote ? -1 : FAR; // next '"'
    let nb = this.escapes ? -1 : FAR; // next '\\' (escapes to decode)
    let ne = -1; // next character needing JSON escaping
    let nl = -1; // next LF
    let ncr = -1; // next CR
    for (;;) {
      if (nl < pos) {
        nl = s.indexOf('\n', pos);
        if (nl === -1) nl = n;
      }
      if (ncr < pos) {
        ncr = s.indexOf('\r', pos);
        if (ncr === -1) ncr = n;
      }
      const end = nl < ncr ? nl : ncr;
      if (end === n) break;
      if (nq < pos) {
        nq = s.indexOf('"', pos);
        if (nq === -1) nq = n;
      }
      if (nq < end) {
        this.startRow(line, pos);
        pos = this.slow(s, pos);
        if (pos < 0) return;
        line = this.curLine;
        continue;
      }
      let next = end + 1;
      if (end === ncr) {
        if (next < n) {
          if (s.charCodeAt(next) === LF) next++;
        } else this.crEnd = true;
      }
      if (end === pos) {
        if (sink.blank !== undefined) sink.blank(line);
      } else {
        if (nb < pos) {
          nb = s.indexOf('\\', pos);
          if (nb === -1) nb = n;
        }
        if (nb < end) sink.row(unescapeRow(s.slice(pos, end), d), line, false);
        else {
          if (ne < pos) ne = this.nextEsc(s, pos);
          if (fast) sink.line!(s, pos, end, line, ne >= end);
          else sink.row(s.slice(pos, end).split(d), line, ne >= end);
        }
      }
      line++;
      pos = next;
    }
    this.rest = pos < n ? s.slice(pos) : '';
    this.line = line;
  }

  private startRow(line: number, pos: number): void {
    this.inRow = true;
    this.st = St.FieldStart;
    this.fields = [];
    this.field = '';
    this.rowLine = line;
    this.curLine = line;
    this.lineStart = pos;
    this.colBase = 0;
  }

  private col(s: string, i: number): number {
    return this.colBase + countCodePoints(s, this.lineStart, i) + 1;
  }

  /** Run the state machine from s[pos]; returns the position after the
   * row's line end, or -1 when s ran out inside the row (state is kept). */
  private slow(s: string, pos: number): number {
    const n = s.length;
    const dc = this.dc;
    const fields = this.fields;
    let st = this.st;
    let field = this.field;
    let line = this.curLine;
    let i = pos;
    while (i < n) {
      if (st === St.FieldStart) {
        if (s.charCodeAt(i) === QUOTE) {
          this.quoteLine = line;
          this.quoteCol = -1;
          this.quotePos = i;
          this.quoteLineStart = this.lineStart;
          this.quoteColBase = this.colBase;
          st = St.Quoted;
          i++;
          continue;
        }
        st = St.Unquoted;
      }
      if (st === St.Unquoted) {
        const j = this.fieldEnd(s, i);
        field += s.slice(i, j);
        if (j === n) {
          i = n;
          break;
        }
        fields.push(field);
        if (j === this.nextDelim) {
          field = '';
          st = St.FieldStart;
          i = j + 1;
          continue;
        }
        return this.rowEnd(s, j, line);
      }
      if (st === St.Quoted) {
        const q = s.indexOf('"', i);
        const stop = q === -1 ? n : q;
        line += this.breaks(s, i, stop);
        field += s.slice(i, stop);
        if (q === -1) {
          i = n;
          break;
        }
        st = St.QuoteSeen;
        i = q + 1;
        continue;
      }
      // St.QuoteSeen
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        field += '"';
        st = St.Quoted;
        i++;
        continue;
      }
      if (c === dc) {
        fields.push(field);
        field = '';
        st = St.FieldStart;
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        fields.push(field);
        return this.rowEnd(s, i, line);
      }
      throw new DataError(AFTER_QUOTE + this.hint, line, this.col(s, i));
    }
    this.suspend(s, st, field, line);
    return -1;
  }

  /** Forget cached positions when the scanned string changes (a
   * content-equal new chunk compares equal once, then by pointer). */
  private scanning(s: string): void {
    if (this.scanText !== s) this.nextNl = this.nextCr = this.nextDelim = -1;
    this.scanText = s;
  }

  /** The next LF or CR at or after s[i] (s.length if none), cached. */
  private nextBreak(s: string, i: number): number {
    const n = s.length;
    let nl = this.nextNl;
    if (nl < i) {
      nl = s.indexOf('\n', i);
      this.nextNl = nl = nl === -1 ? n : nl;
    }
    let cr = this.nextCr;
    if (cr < i) {
      cr = s.indexOf('\r', i);
      this.nextCr = cr = cr === -1 ? n : cr;
    }
    return nl < cr ? nl : cr;
  }

  /** End of an unquoted field starting at s[i]: the next delimiter or line
   * end (s.length if neither). */
  private fieldEnd(s: string, i: number): number {
    this.scanning(s);
    const e = this.nextBreak(s, i);
    let dp = this.nextDelim;
    if (dp < i) {
      dp = s.indexOf(this.d, i);
      this.nextDelim = dp = dp === -1 ? s.length : dp;
    }
    return dp < e ? dp : e;
  }

  /** Line breaks in s[from, to), inside a quoted field: LF, CR and CRLF
   * count one each; the current line then starts after the last one. */
  private breaks(s: string, from: number, to: number): number {
    this.scanning(s);
    let count = 0;
    let k = from;
    for (;;) {
      const b = this.nextBreak(s, k);
      if (b >= to) return count;
      const crlfTail = s.charCodeAt(b) === LF && (b === 0 ? this.crBefore : s.charCodeAt(b - 1) === CR);
      if (!crlfTail) count++;
      k = b + 1;
      this.lineStart = k;
      this.colBase = 0;
    }
  }

  /** s ran out inside a row: keep the state machine's state for the next chunk. */
  private suspend(s: string, st: St, field: string, line: number): void {
    this.st = st;
    this.field = field;
    this.curLine = line;
    if (st === St.Quoted && this.quoteCol === -1) {
      // the opening quote is in this chunk: its column, before s goes away
      this.quoteCol = this.quoteColBase + countCodePoints(s, this.quoteLineStart, this.quotePos) + 1;
    }
    this.colBase += countCodePoints(s, this.lineStart, s.length);
    this.lineStart = 0;
    this.crEnd = st === St.Quoted && s.charCodeAt(s.length - 1) === CR;
  }

  /** The row ends at the line end at s[j] (LF, CR or CRLF): the position
   * after it. */
  private rowEnd(s: string, j: number, line: number): number {
    let next = j + 1;
    if (s.charCodeAt(j) === CR) {
      if (next < s.length) {
        if (s.charCodeAt(next) === LF) next++;
      } else this.crEnd = true;
    }
    this.inRow = false;
    this.curLine = line + 1;
    this.field = '';
    this.sink.row(this.fields, this.rowLine, false);
    return next;
  }
}

/** Parse a whole CSV text (convenience for tests and small inputs). */
export function parseCsv(text: string | Iterable<string>, options: CsvParserOptions | string = ','): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  const p = new CsvParser({ row: (fields, line) => rows.push({ fields, line }) }, options);
  if (typeof text === 'string') p.push(text);
  else for (const t of text) p.push(t);
  p.end();
  return rows;
}
