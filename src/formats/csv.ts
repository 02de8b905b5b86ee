// CSV/TSV <-> NDJSON, pure logic (no I/O): an incremental RFC 4180 parser,
// the value typing, the NDJSON record builder and the CSV writer. The plugin
// entries (plugins/csv.ts, plugins/tsv.ts) wire these to stdin/stdout.
//
// Speed matters here (every `jn cat x.csv` goes through it), so the reader is
// built around a per-line fast path: a line that holds no '"' is split with
// String.prototype.split, and the JSON text of the record is assembled from
// precomputed `"key":` prefixes. Only rows that contain a quote go through
// the character state machine, which is resumable so that a quoted field may
// span any number of lines and input chunks.
import { DataError, UsageError, type PluginMeta, type Options } from '../plugins/sdk.js';

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

function regexClassChar(c: string): string {
  const code = c.charCodeAt(0);
  return '\\u' + code.toString(16).padStart(4, '0');
}

/** Characters that need JSON escaping, other than the delimiter, CR and LF
 * (the line splitter deals with those). */
function escapeFinder(delimiter: string): RegExp {
  const cls: string[] = ['\\\\'];
  for (let c = 0; c < 0x20; c++) {
    if (c === LF || c === CR || c === delimiter.charCodeAt(0)) continue;
    cls.push(regexClassChar(String.fromCharCode(c)));
  }
  return new RegExp('[' + cls.join('') + ']', 'g');
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
  private quoteCol = 0;

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
      sink.row(s.slice(pos, end).split(d), line, ne >= end && ncr >= end);
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
          this.quoteCol = this.col(s, lineStart, i);
          st = St.Quoted;
          i++;
          continue;
        }
        st = St.Unquoted;
      }
      if (st === St.Unquoted) {
        let j = i;
        let c = 0;
        while (j < n) {
          c = s.charCodeAt(j);
          if (c === dc || c === LF) break;
          j++;
        }
        field += s.slice(i, j);
        if (j === n) {
          i = n;
          break;
        }
        if (c === dc) {
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

/** Is s a JSON number literal (no leading zero) that survives as a number:
 * not an integer beyond Number.MAX_SAFE_INTEGER, not overflowing to Infinity. */
export function isTypedNumber(s: string): boolean {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45) {
    i = 1;
    c = s.charCodeAt(1);
  }
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) {
    i++;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  } else return false;
  if (i === n) {
    const digits = s.charCodeAt(0) === 45 ? n - 1 : n;
    return digits <= MAX_SAFE_DIGITS || Number.isSafeInteger(Number(s));
  }
  c = s.charCodeAt(i);
  if (c === 46) {
    const start = ++i;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === start) return false;
    if (i === n) return n < 300 || Number.isFinite(Number(s));
    c = s.charCodeAt(i);
  }
  if (c !== 101 && c !== 69) return false;
  i++;
  c = s.charCodeAt(i);
  if (c === 43 || c === 45) i++;
  const start = i;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  if (i === start || i !== n) return false;
  return Number.isFinite(Number(s));
}

/** The JSON text of one CSV field under the typing rules: numbers verbatim,
 * true/false, everything else a string. */
export function typedJson(s: string, plain: boolean): string {
  const c = s.charCodeAt(0);
  if (c <= 57) {
    if ((c >= 48 || c === 45) && isTypedNumber(s)) return s;
  } else if (c === 116) {
    if (s === 'true') return s;
  } else if (c === 102) {
    if (s === 'false') return s;
  }
  return plain ? '"' + s + '"' : JSON.stringify(s);
}

/** The value a CSV field is typed as (reference form of typedJson). */
export function typeValue(s: string): string | number | boolean {
  const t = typedJson(s, false);
  return t.charCodeAt(0) === QUOTE ? s : (JSON.parse(t) as number | boolean);
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

/** A CsvRowSink that turns rows into NDJSON text, handed to `emit` in
 * blocks of about 64 KiB (call flush() at the end). */
export class NdjsonBuilder implements CsvRowSink {
  private keys: string[] | null = null;
  private pre: string[] = [];
  private ncol = 0;
  private buf = '';
  private readonly header: boolean;
  private readonly infer: boolean;
  private readonly ragged: boolean;

  constructor(
    private readonly emit: (text: string) => void,
    opts: CsvReadOptions = {},
  ) {
    this.header = opts.header ?? true;
    this.infer = opts.infer ?? true;
    this.ragged = opts.allowRagged ?? false;
  }

  private setKeys(keys: string[]): void {
    this.keys = keys;
    this.ncol = keys.length;
    this.pre = keys.map((k, i) => (i === 0 ? '{' : ',') + JSON.stringify(k) + ':');
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
    if (n !== this.ncol) return this.raggedRow(fields, line, plain);
    const pre = this.pre;
    let o: string;
    if (this.infer) {
      o = pre[0] + typedJson(fields[0], plain);
      for (let i = 1; i < n; i++) o += pre[i] + typedJson(fields[i], plain);
    } else if (plain) {
      o = pre[0] + '"' + fields[0] + '"';
      for (let i = 1; i < n; i++) o += pre[i] + '"' + fields[i] + '"';
    } else {
      o = pre[0] + JSON.stringify(fields[0]);
      for (let i = 1; i < n; i++) o += pre[i] + JSON.stringify(fields[i]);
    }
    this.buf += o + '}\n';
    if (this.buf.length >= 65536) this.flush();
  }

  private raggedRow(fields: string[], line: number, plain: boolean): void {
    const n = fields.length;
    if (!this.ragged) {
      throw new DataError(`expected ${this.ncol} fields (from the ${this.header ? 'header' : 'first row'}), got ${n}`, line);
    }
    const pre = this.pre;
    for (let i = pre.length; i < n; i++) pre.push(',' + JSON.stringify(String(i + 1)) + ':');
    let o = '';
    for (let i = 0; i < n; i++) o += pre[i] + (this.infer ? typedJson(fields[i], plain) : plain ? '"' + fields[i] + '"' : JSON.stringify(fields[i]));
    for (let i = n; i < this.ncol; i++) o += pre[i] + '""';
    this.buf += o + '}\n';
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

/** NDJSON -> CSV, one input line at a time. */
export class CsvWriter {
  private readonly d: string;
  private readonly needsQuote: RegExp;
  private readonly writeHeader: boolean;
  private keys: string[] | null = null;
  /** keys[i] also names something on Object.prototype: check ownership. */
  private protoKey: boolean[] = [];

  constructor(opts: CsvWriteOptions = {}) {
    this.d = opts.delimiter ?? ',';
    this.writeHeader = opts.header ?? true;
    this.needsQuote = new RegExp('[' + regexClassChar(this.d) + '"\\r\\n]');
  }

  /** A CSV field for a string: quoted only when it holds the delimiter, a
   * quote, CR or LF. */
  field(s: string): string {
    if (!this.needsQuote.test(s)) return s;
    return '"' + (s.indexOf('"') === -1 ? s : s.replace(/"/g, '""')) + '"';
  }

  value(v: unknown): string {
    if (typeof v === 'string') return v.length === 0 ? v : this.field(v);
    if (typeof v === 'number') return '' + v;
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return this.field(JSON.stringify(v));
  }

  /** The CSV text for one record (with the header line before the first). */
  record(obj: Record<string, unknown>, lineNo: number): string {
    let keys = this.keys;
    let head = '';
    if (keys === null) {
      keys = this.keys = Object.keys(obj);
      this.protoKey = keys.map((k) => k in Object.prototype);
      if (this.writeHeader && keys.length > 0) head = this.line(keys.map((k) => this.field(k)));
    }
    const n = keys.length;
    const protoKey = this.protoKey;
    let present = 0;
    let o = '';
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      const v = obj[k];
      let t = '';
      if (v !== undefined && (!protoKey[i] || Object.hasOwn(obj, k))) {
        present++;
        t = this.value(v);
      }
      o = i === 0 ? t : o + this.d + t;
    }
    let count = 0;
    for (const _ in obj) count++;
    if (count !== present) {
      const extra = Object.keys(obj).find((k) => !keys.includes(k))!;
      throw new DataError(
        `field ${JSON.stringify(extra)} is not in the header (${keys.join(', ')}); CSV needs one set of columns — normalise with jn filter first`,
        lineNo,
      );
    }
    if (n === 0) return head;
    // A lone empty field would read back as a blank (skipped) line.
    if (n === 1 && o.length === 0) o = '""';
    return head + o + '\n';
  }

  private line(fields: string[]): string {
    if (fields.length === 1 && fields[0] === '') return '""\n';
    return fields.join(this.d) + '\n';
  }

  /** One NDJSON line (without its newline) -> CSV text ('' for a blank line). */
  jsonLine(text: string, lineNo: number): string {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      if (text.trim() === '') return '';
      throw new DataError(`invalid JSON: ${(err as Error).message}`, lineNo);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new DataError(`expected a JSON object, got ${typeName(v)}`, lineNo);
    }
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
  try {
    for (const text of chunks) {
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
