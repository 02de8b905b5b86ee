// CSV text -> NDJSON text (read mode), pure logic: the first chunks decide
// the dialect (dialect.ts), then CsvParser's rows go to an NdjsonBuilder,
// which appends precomputed `,"key":` prefixes + the field text to one big
// string, typing each field with char-code checks. Numbers are emitted with
// their original text.
import { DataError } from '../../kit/exit.js';
import type { BadRecords } from '../../kit/onerror.js';
import { dataStart, sampleComplete, sniffDialect, type Dialect } from './dialect.js';
import type { CsvReadOptions } from './options.js';
import { CsvParser, type CsvRowSink } from './parse.js';
import { bareAt, headerKeys } from './typing.js';

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
class NdjsonBuilder implements CsvRowSink {
  private keys: string[] | null = null;
  /** pre[i * 4 + prevIsString * 2 + thisIsString] */
  private pre: string[] = [];
  private ncol = 0;
  private buf = '';
  private readonly header: boolean;
  private readonly infer: boolean;
  private readonly ragged: boolean;
  private readonly bad: BadRecords | undefined;
  /** One-column TSV with escapes: a blank line is a record with "". */
  private readonly blankRecords: boolean;
  private readonly d: string;
  /** Said about the delimiter when a row has the wrong number of fields. */
  private readonly delimiterNote: string;
  // cache of the next delimiter position in the current chunk string
  private dText = '';
  private dPos = -1;

  constructor(
    private readonly emit: (text: string) => void,
    opts: CsvReadOptions,
    dialect: Dialect,
  ) {
    this.header = opts.header ?? true;
    this.infer = opts.infer ?? true;
    this.ragged = opts.allowRagged ?? false;
    this.bad = opts.bad;
    this.blankRecords = opts.escapes ?? false;
    this.d = dialect.delimiter;
    this.delimiterNote =
      dialect.source === 'option' ? '' : `; the delimiter ${JSON.stringify(this.d)} was ${dialect.source === 'detected' ? 'detected from the first rows' : dialect.source === 'sep line' ? 'named by the sep= line' : 'the default'}, ?delimiter= names another`;
  }

  /** A blank line: skipped, except in one-column TSV, where it is how the
   * writer writes an empty value. */
  blank(line: number): void {
    if (this.blankRecords && this.keys !== null && this.ncol === 1) this.row([''], line, true);
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
        const note = this.ncol === 1 ? this.delimiterNote : '';
        const err = new DataError(`expected ${this.ncol} field${this.ncol === 1 ? '' : 's'} (from the ${this.header ? 'header' : 'first row'}), got ${n}; add ?allow-ragged=true to read ragged rows${note}`, line);
        if (!this.bad) throw err;
        this.bad.bad(err); // --on-error=skip|report: the row is left out
        return;
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

/** What reads rows for csvToNdjson: CsvParser, or the relaxed (csv-parse)
 * reader of relaxed.ts. */
export interface RowReader {
  push(text: string): void;
  end(): void;
}

/** Makes the RowReader for a dialect; firstLine: the physical line number
 * of the text it is given first. */
export type RowReaderFactory = (sink: CsvRowSink, dialect: Dialect, firstLine: number) => RowReader;

const QUOTE_HINTS = {
  csv: ' (add ?relax-quotes=true to keep stray quotes as text)',
  tsv: ' (?quote=false reads quotes as text)',
};

function ourParser(opts: CsvReadOptions): RowReaderFactory {
  return (sink, dialect, firstLine) =>
    new CsvParser(sink, { delimiter: dialect.delimiter, quote: opts.quote ?? true, escapes: opts.escapes ?? false, firstLine, quoteHint: QUOTE_HINTS[opts.flavor ?? 'csv'] });
}

/** The start of the input: chunks up to its whole first row (see
 * sampleComplete), and the dialect they show. */
function readHead(chunks: Iterator<string>, opts: CsvReadOptions): { head: string; dialect: Dialect } {
  let head = '';
  while (!sampleComplete(head, opts.quote ?? true)) {
    const r = chunks.next();
    if (r.done) break;
    head += r.value;
  }
  return { head, dialect: sniffDialect(head, opts) };
}

/** Read mode: CSV text chunks -> NDJSON text, handed to `emit` in blocks.
 * Rows produced before an error are emitted before it is thrown. */
export function csvToNdjson(chunks: Iterable<string>, emit: (text: string) => void, opts: CsvReadOptions = {}, reader?: RowReaderFactory): void {
  const it = chunks[Symbol.iterator]();
  const { head, dialect } = readHead(it, opts);
  const builder = new NdjsonBuilder(emit, opts, dialect);
  const start = dialect.sepLine ? dataStart(head) : 0;
  const parser = (reader ?? ourParser(opts))(builder, dialect, dialect.sepLine ? 2 : 1);
  try {
    parser.push(start === 0 ? head : head.slice(start));
    for (let r = it.next(); !r.done; r = it.next()) parser.push(r.value);
    parser.end();
  } finally {
    builder.flush();
  }
}
