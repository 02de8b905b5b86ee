// CSV/TSV <-> NDJSON, pure logic (no I/O): an incremental RFC 4180 parser,
// the value typing, the NDJSON record builder and the CSV writer. The plugin
// entries (plugins/csv.ts, plugins/tsv.ts) wire these to stdin/stdout.
//
// Speed matters here (every `jn cat x.csv` goes through it):
// - read: a line holding no '"' takes a fast path: the sink (NdjsonBuilder)
//   walks it with indexOf(delimiter), types each field with char-code checks
//   and appends precomputed `,"key":` prefixes + the field text to one big
//   string. Only rows with a quote go through the character state machine,
//   which is resumable, so a quoted field may span any number of lines and
//   input chunks. Numbers are emitted with their original text.
// - write: NDJSON lines are read by a small scanner of the top-level object
//   (JSON.parse only for escaped strings, nested values and errors), so each
//   value's CSV text is a slice of the input: `1.50` stays `1.50`.
import { DataError, UsageError, type PluginMeta, type Options } from '../../kit/sdk.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;

// ---------------------------------------------------------------- options

export interface CsvReadOptions {
  /** One character (default ','). */
  delimiter?: string;
  /** First row is the header (default true); else keys are "1", "2", ... */
  header?: boolean;
  /** Type numbers and booleans (default true). */
  infer?: boolean;
  /** Pad short rows with "", name extra fields by column number (default false). */
  allowRagged?: boolean;
}

export interface CsvWriteOptions {
  delimiter?: string;
  /** Write a header line (default true). */
  header?: boolean;
}

const NAMED_DELIMITERS: Record<string, string> = {
  tab: '\t',
  '\\t': '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
  space: ' ',
};

/** Turn a --delimiter value into the one character it names. */
export function parseDelimiter(value: string): string {
  const d = NAMED_DELIMITERS[value] ?? value;
  if (d.length !== 1) throw new UsageError(`--delimiter: expected one character (or tab, \\t, comma, semicolon, pipe, space), got ${JSON.stringify(value)}`);
  if (d === '"' || d === '\n' || d === '\r' || d === '\0') throw new UsageError(`--delimiter: ${JSON.stringify(d)} cannot be a delimiter`);
  return d;
}

function parseBoolText(value: string, what: string): boolean {
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new UsageError(`${what}: expected true or false, got ${JSON.stringify(value)}`);
}

/** Read options from the command line (and JN_CSV_INFER; the command line wins). */
export function readOptionsFrom(opts: Options, defaultDelimiter: string, env: NodeJS.ProcessEnv = {}): Required<CsvReadOptions> {
  let infer = true;
  const envInfer = env.JN_CSV_INFER;
  if (envInfer !== undefined && envInfer !== '') infer = parseBoolText(envInfer, 'JN_CSV_INFER');
  if (opts.has('infer')) infer = opts.bool('infer', true);
  if (opts.bool('strings', false)) infer = false;
  return {
    delimiter: parseDelimiter(opts.str('delimiter', defaultDelimiter)),
    header: opts.bool('header', true),
    infer,
    allowRagged: opts.bool('allow-ragged', false),
  };
}

export function writeOptionsFrom(opts: Options, defaultDelimiter: string): Required<CsvWriteOptions> {
  return {
    delimiter: parseDelimiter(opts.str('delimiter', defaultDelimiter)),
    header: opts.bool('header', true),
  };
}

/** The --jn-meta answer of the csv (or tsv) plugin. */
export function csvPluginMeta(name: string, matches: string[], defaultDelimiter: string): PluginMeta {
  const shown = defaultDelimiter === '\t' ? 'tab' : defaultDelimiter;
  return {
    name,
    version: '0.1.0',
    description: `${name === 'tsv' ? 'tab' : 'comma'}-separated values (RFC 4180 quoting) <-> NDJSON`,
    matches,
    role: 'format',
    modes: ['read', 'write'],
    options: [
      { name: 'delimiter', description: `field separator, one character (default ${shown}); also tab, \\t, comma, semicolon, pipe, space` },
      { name: 'header', description: 'read: --no-header (--header=false) treats the first row as data, keys are column numbers "1", "2", ...; write: --no-header writes no header line' },
      { name: 'allow-ragged', description: 'read: a short row gets "" for its missing fields, extra fields get keys named by column number (default: such a row is an error)' },
      { name: 'strings', description: 'read: keep every value a string (no number/boolean typing); same as --infer=false' },
      { name: 'infer', description: 'read: type plain JSON number literals as numbers and true/false as booleans (default true; env JN_CSV_INFER=false turns it off, the option wins)' },
    ],
  };
}

// ----------------------------------------------------------------- parser

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

function regexClassChar(code: number): string {
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
        const j = dp < nl ? dp : nl;
        field += s.slice(i, j);
        if (j === n) {
          i = n;
          break;
        }
        if (j === dp) {
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
    this.st = st;
    this.field = field;
    this.curLine = line;
    if (st === St.Quoted && this.quoteCol === -1) {
      // the opening quote is in this chunk: its column, before s goes away
      this.quoteCol = this.quoteColBase + countCodePoints(s, this.quoteLineStart, this.quotePos) + 1;
    }
    this.colBase += countCodePoints(s, lineStart, n);
    this.lineStart = 0;
    return -1;
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

// ----------------------------------------------------------------- typing

const MAX_SAFE_DIGITS = 15; // every integer of up to 15 digits is safe

/** Is s[a, b) a JSON number literal (no leading zero) that survives as a
 * number: not an integer beyond Number.MAX_SAFE_INTEGER, not overflowing to
 * Infinity? Character checks first; Number() only for the rare long cases. */
function numberAt(s: string, a: number, b: number): boolean {
  let i = a;
  let c = s.charCodeAt(i);
  if (c === 45) {
    if (++i === b) return false;
    c = s.charCodeAt(i);
  }
  const digits0 = i;
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) {
    i++;
    while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  } else return false;
  if (i === b) return b - digits0 <= MAX_SAFE_DIGITS || Number.isSafeInteger(Number(s.slice(a, b)));
  c = s.charCodeAt(i);
  if (c === 46) {
    const start = ++i;
    while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === start) return false;
    if (i === b) return b - a < 300 || Number.isFinite(Number(s.slice(a, b)));
    c = s.charCodeAt(i);
  }
  if (c !== 101 && c !== 69) return false;
  if (++i === b) return false;
  c = s.charCodeAt(i);
  if (c === 43 || c === 45) i++;
  const start = i;
  while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  if (i === start || i !== b) return false;
  return Number.isFinite(Number(s.slice(a, b)));
}

/** Is s[a, b) typed as a bare JSON literal (number or true/false), to be
 * emitted verbatim? */
function bareAt(s: string, a: number, b: number): boolean {
  if (a === b) return false;
  const c = s.charCodeAt(a);
  if (c <= 57) return (c >= 48 || c === 45) && numberAt(s, a, b);
  if (c === 116) return b - a === 4 && s.charCodeAt(a + 1) === 114 && s.charCodeAt(a + 2) === 117 && s.charCodeAt(a + 3) === 101;
  if (c === 102) {
    return b - a === 5 && s.charCodeAt(a + 1) === 97 && s.charCodeAt(a + 2) === 108 && s.charCodeAt(a + 3) === 115 && s.charCodeAt(a + 4) === 101;
  }
  return false;
}

/** Is s a JSON number literal that the typing turns into a number? */
export function isTypedNumber(s: string): boolean {
  return s.length > 0 && numberAt(s, 0, s.length);
}

/** The JSON text of one CSV field under the typing rules: numbers verbatim,
 * true/false, everything else a string. */
export function typedJson(s: string): string {
  return bareAt(s, 0, s.length) ? s : JSON.stringify(s);
}

/** The value a CSV field is typed as. */
export function typeValue(s: string): string | number | boolean {
  return bareAt(s, 0, s.length) ? (JSON.parse(s) as number | boolean) : s;
}

// ------------------------------------------------------- header, records

/** Header names as keys: an empty name becomes its 1-based column number,
 * duplicates become a, a_2, a_3 (Miller's rule). */
export function headerKeys(names: string[]): string[] {
  const seen = new Set<string>();
  const next = new Map<string, number>();
  const keys: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const base = names[i] === '' ? String(i + 1) : names[i];
    let key = base;
    if (seen.has(key)) {
      let k = next.get(base) ?? 2;
      while (seen.has(`${base}_${k}`)) k++;
      key = `${base}_${k}`;
      next.set(base, k + 1);
    }
    seen.add(key);
    keys.push(key);
  }
  return keys;
}

const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f]/;

/**
 * A CsvRowSink that turns rows into NDJSON text, handed to `emit` in blocks
 * of about 64 KiB (call flush() at the end).
 *
 * Output is assembled from precomputed pieces: for column i there are four
 * prefixes, by whether the previous value was a string (its closing quote
 * goes first) and whether this one is (its opening quote goes last), e.g.
 * `",\"b\":"`. So a plain field costs one concatenation of prefix + text.
 */
export class NdjsonBuilder implements CsvRowSink {
  private keys: string[] | null = null;
  /** pre[i * 4 + prevIsString * 2 + thisIsString] */
  private pre: string[] = [];
  private ncol = 0;
  private buf = '';
  private readonly header: boolean;
  private readonly infer: boolean;
  private readonly ragged: boolean;
  private readonly d: string;
  // cache of the next delimiter position in the current chunk string
  private dText = '';
  private dPos = -1;

  constructor(
    private readonly emit: (text: string) => void,
    opts: CsvReadOptions = {},
  ) {
    this.header = opts.header ?? true;
    this.infer = opts.infer ?? true;
    this.ragged = opts.allowRagged ?? false;
    this.d = opts.delimiter ?? ',';
  }

  private setKeys(keys: string[]): void {
    this.keys = keys;
    this.ncol = keys.length;
    this.pre = [];
    for (let i = 0; i < keys.length; i++) this.addPrefixes(i, keys[i]);
  }

  private addPrefixes(i: number, key: string): void {
    const k = JSON.stringify(key) + ':';
    const lead = i === 0 ? '{' : ',';
    this.pre[i * 4] = lead + k;
    this.pre[i * 4 + 1] = lead + k + '"';
    this.pre[i * 4 + 2] = i === 0 ? lead + k : '"' + lead + k;
    this.pre[i * 4 + 3] = i === 0 ? lead + k + '"' : '"' + lead + k + '"';
  }

  /** Fast path: s[start, end) is a whole row holding no '"' (so no quoting). */
  line(s: string, start: number, end: number, line: number, plain: boolean): void {
    if (this.keys === null || !plain) {
      this.row(s.slice(start, end).split(this.d), line, plain);
      return;
    }
    const d = this.d;
    const pre = this.pre;
    const ncol = this.ncol;
    const infer = this.infer;
    // (a content-equal new chunk compares equal once, then by pointer)
    if (this.dText !== s) this.dPos = -1;
    this.dText = s;
    let q = this.dPos;
    let o = this.buf; // appended to directly; dropped if the row is ragged
    let ps = 0;
    let p = start;
    let i = 0;
    for (;;) {
      if (i === ncol) {
        i = -1; // more fields than columns
        break;
      }
      if (q < p) {
        q = s.indexOf(d, p);
        if (q === -1) q = s.length;
      }
      const e = q < end ? q : end;
      const cs = infer && bareAt(s, p, e) ? 0 : 1;
      o += pre[(i << 2) | (ps << 1) | cs] + s.slice(p, e);
      ps = cs;
      i++;
      if (e === end) break;
      p = e + 1;
    }
    this.dPos = q;
    if (i !== ncol) {
      // ragged: the general path pads, extends or complains
      this.row(s.slice(start, end).split(d), line, plain);
      return;
    }
    this.buf = o + (ps === 1 ? '"}\n' : '}\n');
    if (this.buf.length >= 65536) this.flush();
  }

  row(fields: string[], line: number, plain: boolean): void {
    if (this.keys === null) {
      if (this.header) {
        this.setKeys(headerKeys(fields));
        return;
      }
      this.setKeys(fields.map((_, i) => String(i + 1)));
    }
    const n = fields.length;
    if (n !== this.ncol) {
      if (!this.ragged) {
        throw new DataError(`expected ${this.ncol} fields (from the ${this.header ? 'header' : 'first row'}), got ${n}`, line);
      }
      for (let i = this.pre.length >> 2; i < n; i++) this.addPrefixes(i, String(i + 1));
    }
    const pre = this.pre;
    const infer = this.infer;
    let o = '';
    let ps = 0;
    for (let i = 0; i < n; i++) {
      const f = fields[i];
      if (infer && bareAt(f, 0, f.length)) {
        o += pre[(i << 2) | (ps << 1)] + f;
        ps = 0;
      } else if (plain || !NEEDS_JSON_ESCAPE.test(f)) {
        o += pre[(i << 2) | (ps << 1) | 1] + f;
        ps = 1;
      } else {
        o += pre[(i << 2) | (ps << 1)] + JSON.stringify(f);
        ps = 0;
      }
    }
    for (let i = n; i < this.ncol; i++) {
      o += pre[(i << 2) | (ps << 1) | 1];
      ps = 1;
    }
    this.buf += o + (ps === 1 ? '"}\n' : '}\n');
    if (this.buf.length >= 65536) this.flush();
  }

  flush(): void {
    if (this.buf.length === 0) return;
    const b = this.buf;
    this.buf = '';
    this.emit(b);
  }
}

/** Read mode: CSV text chunks -> NDJSON text, handed to `emit` in blocks.
 * Rows produced before an error are emitted before it is thrown. */
export function csvToNdjson(chunks: Iterable<string>, emit: (text: string) => void, opts: CsvReadOptions = {}): void {
  const builder = new NdjsonBuilder(emit, opts);
  const parser = new CsvParser(builder, opts.delimiter ?? ',');
  try {
    for (const text of chunks) parser.push(text);
    parser.end();
  } finally {
    builder.flush();
  }
}

// ----------------------------------------------------------------- writer

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const CONTROL = /[\u0000-\u001f]/;

function skipWs(s: string, p: number): number {
  let c = s.charCodeAt(p);
  while (c === 32 || c === 9 || c === 13 || c === 10) c = s.charCodeAt(++p);
  return p;
}

/** Index of the quote closing the JSON string token opening at s[p], or -1. */
function stringEnd(s: string, p: number): number {
  const n = s.length;
  for (let i = p + 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

/** Index of the bracket closing the JSON object/array opening at s[p], or -1. */
function nestedEnd(s: string, p: number): number {
  const n = s.length;
  let depth = 0;
  for (let i = p; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(s, i);
      if (i === -1) return -1;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (--depth === 0) return i;
    }
  }
  return -1;
}

/** End (exclusive) of the JSON number starting at s[p], or -1 if there is
 * no valid number there. */
function numberEnd(s: string, p: number): number {
  let i = p;
  let c = s.charCodeAt(i);
  if (c === 45) c = s.charCodeAt(++i);
  if (c === 48) c = s.charCodeAt(++i);
  else if (c >= 49 && c <= 57) {
    do c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  } else return -1;
  if (c === 46) {
    const start = i + 1;
    do c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57);
    if (i === start) return -1;
  }
  if (c === 101 || c === 69) {
    c = s.charCodeAt(++i);
    if (c === 43 || c === 45) c = s.charCodeAt(++i);
    const start = i;
    while (c >= 48 && c <= 57) c = s.charCodeAt(++i);
    if (i === start) return -1;
  }
  return i;
}

/**
 * NDJSON -> CSV, one input line at a time.
 *
 * Lines are read with a small scanner of the top-level JSON object rather than
 * JSON.parse: values keep their exact text (a number stays `1.50`), keys keep
 * their written order, and no object is built. Escaped strings and nested
 * values are checked and decoded by JSON.parse on their own token. A line the
 * scanner does not accept is handed to JSON.parse, which names the error.
 */
export class CsvWriter {
  private readonly d: string;
  private readonly needsQuote: RegExp;
  /** Raw string content that needs a closer look: control, backslash, delimiter. */
  private readonly special: RegExp;
  private readonly writeHeader: boolean;
  private keys: string[] | null = null;
  /** JSON text of each key (for the in-order fast match). */
  private keyTokens: string[] = [];
  /** `{"a":`, `,"b":`, ... : what compact JSON has before each value. */
  private seps: string[] = [];
  private index = new Map<string, number>();
  /** CSV text of the current record's values, by column ('' when missing). */
  private slots: string[] = [];

  constructor(opts: CsvWriteOptions = {}) {
    this.d = opts.delimiter ?? ',';
    this.writeHeader = opts.header ?? true;
    const dc = regexClassChar(this.d.charCodeAt(0));
    this.needsQuote = new RegExp('[' + dc + '"\\r\\n]');
    this.special = new RegExp('[\\u0000-\\u001f\\\\' + dc + ']');
  }

  /** A CSV field for a string: quoted only when it holds the delimiter, a
   * quote, CR or LF. */
  field(s: string): string {
    if (!this.needsQuote.test(s)) return s;
    return '"' + (s.indexOf('"') === -1 ? s : s.replace(/"/g, '""')) + '"';
  }

  /** The CSV text of a JSON value. */
  value(v: unknown): string {
    if (typeof v === 'string') return v.length === 0 ? v : this.field(v);
    if (typeof v === 'number') return '' + v;
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return this.field(JSON.stringify(v));
  }

  private setHeader(keys: string[]): string {
    this.keys = keys;
    this.keyTokens = keys.map((k) => JSON.stringify(k));
    this.seps = this.keyTokens.map((t, i) => (i === 0 ? '{' : ',') + t + ':');
    this.index = new Map(keys.map((k, i) => [k, i]));
    this.slots = keys.map(() => '');
    if (!this.writeHeader || keys.length === 0) return '';
    return this.join(keys.map((k) => this.field(k)));
  }

  private join(fields: string[]): string {
    const n = fields.length;
    if (n === 0) return '';
    // A lone empty field would read back as a blank (skipped) line.
    if (n === 1) return (fields[0] === '' ? '""' : fields[0]) + '\n';
    let o = fields[0];
    for (let i = 1; i < n; i++) o += this.d + fields[i];
    return o + '\n';
  }

  private notInHeader(key: string, lineNo: number): DataError {
    return new DataError(
      `field ${JSON.stringify(key)} is not in the header (${this.keys!.join(', ')}); CSV needs one set of columns — normalise with jn filter first`,
      lineNo,
    );
  }

  /** The CSV text for one parsed record (the general path; the header, when
   * this is the first record, comes from Object.keys). */
  record(obj: Record<string, unknown>, lineNo: number): string {
    let head = '';
    if (this.keys === null) head = this.setHeader(Object.keys(obj));
    const index = this.index;
    const slots = this.slots;
    for (const k of Object.keys(obj)) {
      const i = index.get(k);
      if (i === undefined) {
        slots.fill('');
        throw this.notInHeader(k, lineNo);
      }
      slots[i] = this.value(obj[k]);
    }
    const line = this.join(slots);
    slots.fill('');
    return head + line;
  }

  /** End of the value last read by scanValue. */
  private end = 0;

  /** The CSV text of the JSON value at s[p] (its end goes to this.end); null
   * if it is not valid JSON. */
  private scanValue(s: string, p: number): string | null {
    const c = s.charCodeAt(p);
    if (c === QUOTE) {
      const q = s.indexOf('"', p + 1);
      if (q === -1) return null;
      const content = s.slice(p + 1, q);
      this.end = q + 1;
      if (!this.special.test(content)) return content;
      if (content.indexOf('\\') !== -1) {
        const e = stringEnd(s, p);
        if (e === -1) return null;
        let v: string;
        try {
          v = JSON.parse(s.slice(p, e + 1)) as string;
        } catch {
          return null;
        }
        this.end = e + 1;
        return this.field(v);
      }
      if (CONTROL.test(content)) return null;
      return '"' + content + '"'; // holds the delimiter (and no quote)
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      const e = numberEnd(s, p);
      if (e === -1) return null;
      this.end = e;
      return s.slice(p, e);
    }
    if (c === 116) {
      this.end = p + 4;
      return s.startsWith('true', p) ? 'true' : null;
    }
    if (c === 102) {
      this.end = p + 5;
      return s.startsWith('false', p) ? 'false' : null;
    }
    if (c === 110) {
      this.end = p + 4;
      return s.startsWith('null', p) ? '' : null;
    }
    if (c === 123 || c === 91) {
      const e = nestedEnd(s, p);
      if (e === -1) return null;
      let v: unknown;
      try {
        v = JSON.parse(s.slice(p, e + 1));
      } catch {
        return null;
      }
      this.end = e + 1;
      return this.field(JSON.stringify(v));
    }
    return null;
  }

  /** CSV text for one NDJSON line, or null when it is not a valid JSON
   * object ('' for a blank line). */
  private scan(s: string, lineNo: number): string | null {
    if (this.keys !== null) {
      const r = this.scanCompact(s);
      if (r !== null) return r;
    }
    const n = s.length;
    let p = s.charCodeAt(0) === 123 ? 0 : skipWs(s, 0);
    if (p === n) return '';
    if (s.charCodeAt(p) !== 123) return null;
    if (s.charCodeAt(++p) <= 32) p = skipWs(s, p);
    const first = this.keys === null;
    const firstKeys: string[] = first ? [] : (undefined as unknown as string[]);
    const firstVals: string[] = first ? [] : (undefined as unknown as string[]);
    const tokens = this.keyTokens;
    const ncol = tokens.length;
    const slots = this.slots;
    let unknown: string | undefined;
    if (s.charCodeAt(p) === 125) p++;
    else {
      for (let j = 0; ; j++) {
        if (s.charCodeAt(p) !== QUOTE) return this.reset(null);
        let idx = -1;
        let key: string | undefined;
        if (j < ncol && s.startsWith(tokens[j], p)) {
          idx = j;
          p += tokens[j].length;
        } else {
          const e = stringEnd(s, p);
          if (e === -1) return this.reset(null);
          const tok = s.slice(p, e + 1);
          if (tok.indexOf('\\') !== -1) {
            try {
              key = JSON.parse(tok) as string;
            } catch {
              return this.reset(null);
            }
          } else if (CONTROL.test(tok)) return this.reset(null);
          else key = tok.slice(1, -1);
          idx = this.index.get(key) ?? -1;
          p = e + 1;
        }
        if (s.charCodeAt(p) <= 32) p = skipWs(s, p);
        if (s.charCodeAt(p) !== 58) return this.reset(null);
        if (s.charCodeAt(++p) <= 32) p = skipWs(s, p);
        const r = this.scanValue(s, p);
        if (r === null) return this.reset(null);
        p = this.end;
        if (first) {
          const at = firstKeys.indexOf(key!);
          if (at === -1) {
            firstKeys.push(key!);
            firstVals.push(r);
          } else firstVals[at] = r;
        } else if (idx !== -1) slots[idx] = r;
        else if (unknown === undefined) unknown = key;
        let c = s.charCodeAt(p);
        if (c <= 32) c = s.charCodeAt((p = skipWs(s, p)));
        if (c === 44) {
          if (s.charCodeAt(++p) <= 32) p = skipWs(s, p);
          continue;
        }
        if (c !== 125) return this.reset(null);
        p++;
        break;
      }
    }
    if (skipWs(s, p) !== n) return this.reset(null);
    if (unknown !== undefined) {
      this.reset(null);
      throw this.notInHeader(unknown, lineNo);
    }
    if (first) return this.setHeader(firstKeys) + this.join(firstVals);
    const line = this.join(slots);
    return this.reset(line);
  }

  /** Fast path: a compact line with every header key, in header order. */
  private scanCompact(s: string): string | null {
    const seps = this.seps;
    const ncol = seps.length;
    const d = this.d;
    let p = 0;
    let o = '';
    for (let j = 0; j < ncol; j++) {
      const sep = seps[j];
      if (!s.startsWith(sep, p)) return null;
      const v = this.scanValue(s, p + sep.length);
      if (v === null) return null;
      o = j === 0 ? v : o + d + v;
      p = this.end;
    }
    if (p !== s.length - 1 || s.charCodeAt(p) !== 125) return null;
    if (ncol === 1 && o === '') return '""\n';
    return o + '\n';
  }

  private reset<T>(result: T): T {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) slots[i] = '';
    return result;
  }

  /** One NDJSON line (without its newline) -> CSV text ('' for a blank line). */
  jsonLine(text: string, lineNo: number): string {
    const r = this.scan(text, lineNo);
    if (r !== null) return r;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      throw new DataError(`invalid JSON: ${(err as Error).message}`, lineNo);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new DataError(`expected a JSON object, got ${typeName(v)}`, lineNo);
    }
    // Valid JSON the scanner did not take (it should take all): general path.
    return this.record(v as Record<string, unknown>, lineNo);
  }
}

/** Write mode: NDJSON text chunks -> CSV text, handed to `emit` in blocks.
 * Lines written before an error are emitted before it is thrown. */
export function ndjsonToCsv(chunks: Iterable<string>, emit: (text: string) => void, opts: CsvWriteOptions = {}): void {
  const w = new CsvWriter(opts);
  let out = '';
  let carry = '';
  let lineNo = 0;
  let started = false;
  try {
    for (let text of chunks) {
      if (!started && text.length > 0) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 BOM
      }
      let s: string;
      if (carry.length > 0) {
        if (text.indexOf('\n') === -1) {
          carry += text;
          continue;
        }
        s = carry + text;
      } else s = text;
      let pos = 0;
      let nl: number;
      while ((nl = s.indexOf('\n', pos)) !== -1) {
        lineNo++;
        let e = nl;
        if (e > pos && s.charCodeAt(e - 1) === CR) e--;
        if (e > pos) {
          out += w.jsonLine(s.slice(pos, e), lineNo);
          if (out.length >= 65536) {
            emit(out);
            out = '';
          }
        }
        pos = nl + 1;
      }
      carry = pos < s.length ? s.slice(pos) : '';
    }
    if (carry.length > 0) {
      lineNo++;
      out += w.jsonLine(carry.charCodeAt(carry.length - 1) === CR ? carry.slice(0, -1) : carry, lineNo);
    }
  } finally {
    if (out.length > 0) emit(out);
  }
}
