// An incremental RFC 4180 parser (pure logic, no I/O). Speed matters: a
// line holding no '"' takes a fast path (the sink walks it with
// indexOf(delimiter)); only rows with a quote go through the character state
// machine, which is resumable, so a quoted field may span any number of lines
// and input chunks.
import { DataError, UsageError } from '../../kit/exit.js';

const LF = 10;
export const CR = 13;
export const QUOTE = 34;

/** Receives the rows of a CsvParser. `plain` is a hint: true when no field
 * contains '"', '\\' or a control character (so needs no JSON escaping). */
export interface CsvRowSink {
  row(fields: string[], line: number, plain: boolean): void;
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
  AfterCr,
}

const UNTERMINATED = 'unterminated quoted field';
const AFTER_QUOTE = 'unexpected character after closing quote';
const BINARY = 'binary data (NUL byte) — not a CSV file';

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
function escapeFinder(delimiter: string): RegExp {
  const skip = new Set([LF, CR, delimiter.charCodeAt(0)]);
  const ranges: string[] = ['\\\\'];
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

/**
 * Incremental CSV parser. push() decoded text chunks (split anywhere), then
 * end(). Each row goes to the sink with the physical (1-based) line number
 * where it started. A UTF-8 BOM at the start is dropped, blank lines are
 * skipped, CRLF and LF line ends are both accepted.
 */
export class CsvParser {
  private readonly d: string;
  private readonly dc: number;
  private readonly esc: RegExp;
  private started = false;
  /** Unconsumed tail (fast mode): the start of a line without its '\n'. */
  private rest = '';
  /** Physical line number of the start of `rest` (fast mode). */
  private line = 1;

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
  private nextDelim = -1;

  constructor(
    private readonly sink: CsvRowSink,
    delimiter = ',',
  ) {
    if (delimiter.length !== 1) throw new UsageError('delimiter must be one character');
    this.d = delimiter;
    this.dc = delimiter.charCodeAt(0);
    this.esc = escapeFinder(delimiter);
  }

  push(text: string): void {
    if (!this.started) {
      if (text.length === 0) return;
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const z = text.indexOf('\0');
    if (z !== -1) {
      this.feed(text.slice(0, z));
      throw new DataError(BINARY, this.inRow ? this.curLine : this.line);
    }
    this.feed(text);
  }

  end(): void {
    if (!this.inRow && this.rest.length > 0) this.feed('\n');
    if (!this.inRow) return;
    switch (this.st) {
      case St.Quoted:
        throw new DataError(UNTERMINATED, this.quoteLine, this.quoteCol);
      case St.Unquoted: {
        const f = this.field;
        this.fields.push(f.charCodeAt(f.length - 1) === CR ? f.slice(0, -1) : f);
        break;
      }
      default:
        this.fields.push(this.field);
    }
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
      if (this.rest.length > 0) {
        if (text.indexOf('\n') === -1) {
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
    let nq = -1; // next '"'
    let ne = -1; // next character needing JSON escaping
    let ncr = -1; // next CR
    for (;;) {
      const nl = s.indexOf('\n', pos);
      if (nl === -1) break;
      if (nq < pos) {
        nq = s.indexOf('"', pos);
        if (nq === -1) nq = n;
      }
      if (nq < nl) {
        this.startRow(line, pos);
        pos = this.slow(s, pos);
        if (pos < 0) return;
        line = this.curLine;
        continue;
      }
      let end = nl;
      if (end > pos && s.charCodeAt(end - 1) === CR) end--;
      if (end === pos) {
        line++;
        pos = nl + 1;
        continue;
      }
      if (ne < pos) ne = this.nextEsc(s, pos);
      if (ncr < pos) {
        ncr = s.indexOf('\r', pos);
        if (ncr === -1) ncr = n;
      }
      if (fast) sink.line!(s, pos, end, line, ne >= end && ncr >= end);
      else sink.row(s.slice(pos, end).split(d), line, ne >= end && ncr >= end);
      line++;
      pos = nl + 1;
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

  private col(s: string, lineStart: number, i: number): number {
    return this.colBase + countCodePoints(s, lineStart, i) + 1;
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
    let lineStart = this.lineStart;
    let i = pos;
    while (i < n) {
      if (st === St.FieldStart) {
        if (s.charCodeAt(i) === QUOTE) {
          this.quoteLine = line;
          this.quoteCol = -1;
          this.quotePos = i;
          this.quoteLineStart = lineStart;
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
        if (j === this.nextDelim) {
          fields.push(field);
          field = '';
          st = St.FieldStart;
          i = j + 1;
          continue;
        }
        if (field.charCodeAt(field.length - 1) === CR) field = field.slice(0, -1);
        fields.push(field);
        return this.endRow(j + 1, line + 1);
      }
      if (st === St.Quoted) {
        const q = s.indexOf('"', i);
        const stop = q === -1 ? n : q;
        let k = s.indexOf('\n', i);
        while (k !== -1 && k < stop) {
          line++;
          lineStart = k + 1;
          this.colBase = 0;
          k = s.indexOf('\n', k + 1);
        }
        field += s.slice(i, stop);
        if (q === -1) {
          i = n;
          break;
        }
        st = St.QuoteSeen;
        i = q + 1;
        continue;
      }
      const c = s.charCodeAt(i);
      if (st === St.QuoteSeen) {
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
        if (c === LF) {
          fields.push(field);
          return this.endRow(i + 1, line + 1);
        }
        if (c === CR) {
          st = St.AfterCr;
          i++;
          continue;
        }
        throw new DataError(AFTER_QUOTE, line, this.col(s, lineStart, i));
      }
      // St.AfterCr: a CR after a closing quote must start a CRLF line end.
      if (c === LF) {
        fields.push(field);
        return this.endRow(i + 1, line + 1);
      }
      throw new DataError(AFTER_QUOTE, line, this.col(s, lineStart, i) - 1);
    }
    this.suspend(s, st, field, line, lineStart);
    return -1;
  }

  /** End of an unquoted field starting at s[i]: the next delimiter or line
   * end (s.length if neither), with both positions cached for the row. */
  private fieldEnd(s: string, i: number): number {
    const n = s.length;
    // (a content-equal new chunk compares equal once, then by pointer)
    if (this.scanText !== s) this.nextNl = this.nextDelim = -1;
    this.scanText = s;
    let nl = this.nextNl;
    if (nl < i) {
      nl = s.indexOf('\n', i);
      this.nextNl = nl = nl === -1 ? n : nl;
    }
    let dp = this.nextDelim;
    if (dp < i) {
      dp = s.indexOf(this.d, i);
      this.nextDelim = dp = dp === -1 ? n : dp;
    }
    return dp < nl ? dp : nl;
  }

  /** s ran out inside a row: keep the state machine's state for the next chunk. */
  private suspend(s: string, st: St, field: string, line: number, lineStart: number): void {
    this.st = st;
    this.field = field;
    this.curLine = line;
    if (st === St.Quoted && this.quoteCol === -1) {
      // the opening quote is in this chunk: its column, before s goes away
      this.quoteCol = this.quoteColBase + countCodePoints(s, this.quoteLineStart, this.quotePos) + 1;
    }
    this.colBase += countCodePoints(s, lineStart, s.length);
    this.lineStart = 0;
  }

  private endRow(next: number, line: number): number {
    this.inRow = false;
    this.curLine = line;
    this.field = '';
    this.sink.row(this.fields, this.rowLine, false);
    return next;
  }
}

/** Parse a whole CSV text (convenience for tests and small inputs). */
export function parseCsv(text: string | Iterable<string>, delimiter = ','): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  const p = new CsvParser({ row: (fields, line) => rows.push({ fields, line }) }, delimiter);
  if (typeof text === 'string') p.push(text);
  else for (const t of text) p.push(t);
  p.end();
  return rows;
}
