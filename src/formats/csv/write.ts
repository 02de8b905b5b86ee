// NDJSON text -> CSV text (write mode), pure logic. NDJSON lines are read by
// a small scanner of the top-level object (JSON.parse only for escaped
// strings, nested values and errors), so each value's CSV text is a slice of
// the input: `1.50` stays `1.50`, a nested value is its compacted text.
import { DataError } from '../../kit/exit.js';
import { compactJson, JsonNumber, numberEnd, parseLosslessLine, stringifyLossless } from '../../kit/lossless.js';
import { expectObject } from '../../kit/records.js';
import { throwIfMarked } from '../../kit/mark.js';
import type { CsvWriteOptions } from './options.js';
import { CR, QUOTE, regexClassChar } from './parse.js';

const CONTROL = /[\u0000-\u001f]/;
const TSV_SPECIAL = /[\\\t\n\r]/g;
const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

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

  /** TSV convention: backslash escapes instead of quoting. */
  private readonly escapes: boolean;
  /** A record whose only field is empty ('' would be a skipped blank line
   * in CSV; in TSV a blank line is how that record reads back). */
  private readonly lonelyEmpty: string;
  /** The NDJSON line being written (for the error of escaped()). */
  private lineNo = 0;
  /** A key not in the header becomes a new last column (union.ts then
   * rewrites the header), instead of an error. */
  private readonly union: boolean;
  /** Columns were added after the header was written. */
  grew = false;

  constructor(opts: CsvWriteOptions = {}) {
    this.d = opts.delimiter ?? ',';
    this.writeHeader = opts.header ?? true;
    this.escapes = opts.escapes ?? false;
    this.lonelyEmpty = this.escapes ? '' : '""';
    this.union = opts.union ?? false;
    const dc = regexClassChar(this.d.charCodeAt(0));
    this.needsQuote = this.escapes ? new RegExp('[' + dc + '\\\\\\t\\r\\n]') : new RegExp('[' + dc + '"\\r\\n]');
    this.special = new RegExp('[\\u0000-\\u001f\\\\' + dc + ']');
  }

  /** A CSV field for a string: quoted only when it holds the delimiter, a
   * quote, CR or LF; in TSV mode tab, LF, CR and backslash are escaped
   * (\t \n \r \\) and nothing is quoted. */
  field(s: string): string {
    if (!this.needsQuote.test(s)) return s;
    if (this.escapes) return this.escaped(s);
    return '"' + (s.indexOf('"') === -1 ? s : s.replace(/"/g, '""')) + '"';
  }

  private escaped(s: string): string {
    const e = s.replace(TSV_SPECIAL, (c) => TSV_ESCAPES[c]);
    if (e.indexOf(this.d) !== -1) {
      throw new DataError(`a value holds the delimiter ${JSON.stringify(this.d)}, which TSV without quoting cannot write (add ?quote=true)`, this.lineNo);
    }
    return e;
  }

  /** The CSV text of a JSON value. */
  value(v: unknown): string {
    if (typeof v === 'string') return v.length === 0 ? v : this.field(v);
    if (typeof v === 'number') return '' + v;
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v instanceof JsonNumber) return v.text;
    return this.field(stringifyLossless(v));
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

  /** A new last column (union mode). */
  private addColumn(key: string): number {
    const keys = this.keys!;
    const token = JSON.stringify(key);
    keys.push(key);
    this.keyTokens.push(token);
    this.seps.push((keys.length === 1 ? '{' : ',') + token + ':');
    this.index.set(key, keys.length - 1);
    this.slots.push('');
    this.grew = true;
    return keys.length - 1;
  }

  /** The header line for the columns as they are now (union.ts). */
  headerLine(): string {
    return this.writeHeader && this.keys ? this.join(this.keys.map((k) => this.field(k))) : '';
  }

  /** The number of columns now (union.ts). */
  width(): number {
    return this.keys?.length ?? 0;
  }

  private join(fields: string[]): string {
    const n = fields.length;
    if (n === 0) return '';
    // A lone empty field would read back as a blank (skipped) line.
    if (n === 1) return (fields[0] === '' ? this.lonelyEmpty : fields[0]) + '\n';
    let o = fields[0];
    for (let i = 1; i < n; i++) o += this.d + fields[i];
    return o + '\n';
  }

  private notInHeader(key: string, lineNo: number): DataError {
    return new DataError(
      `field ${JSON.stringify(key)} is not in the header (${this.keys!.join(', ')}); CSV needs one set of columns: written to a file (jn put x.csv) the header grows to every key, here normalise with jn filter first`,
      lineNo,
    );
  }

  /** The CSV text for one record parsed by kit/lossless (the general path;
   * the header, when this is the first record, is its keys in order). */
  record(obj: Map<string, unknown>, lineNo: number): string {
    let head = '';
    if (this.keys === null) head = this.setHeader([...obj.keys()]);
    const index = this.index;
    const slots = this.slots;
    for (const [k, v] of obj) {
      let i = index.get(k);
      if (i === undefined) {
        if (!this.union) {
          slots.fill('');
          throw this.notInHeader(k, lineNo);
        }
        i = this.addColumn(k);
      }
      this.slots[i] = this.value(v);
    }
    const line = this.join(this.slots);
    this.slots.fill('');
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
      return this.escapes ? this.escaped(content) : '"' + content + '"'; // holds the delimiter (and no quote)
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
      const text = s.slice(p, e + 1);
      try {
        JSON.parse(text);
      } catch {
        return null;
      }
      this.end = e + 1;
      return this.field(compactJson(text)); // keys in order, numbers as written
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
      if (!this.union) throw this.notInHeader(unknown, lineNo);
      return this.record(parseLosslessLine(s, lineNo) as Map<string, unknown>, lineNo); // adds the new columns
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
    if (ncol === 1 && o === '') return this.lonelyEmpty + '\n';
    return o + '\n';
  }

  private reset<T>(result: T): T {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) slots[i] = '';
    return result;
  }

  /** One NDJSON line (without its newline) -> CSV text ('' for a blank line). */
  jsonLine(text: string, lineNo: number): string {
    this.lineNo = lineNo;
    const r = this.scan(text, lineNo);
    if (r !== null) return r;
    try {
      JSON.parse(text);
    } catch (err) {
      throwIfMarked(text); // an upstream stage's failure mark
      throw new DataError(`invalid JSON: ${(err as Error).message}`, lineNo);
    }
    const v = parseLosslessLine(text, lineNo);
    expectObject(v, lineNo);
    // Valid JSON the scanner did not take (it should take all): general path.
    return this.record(v as Map<string, unknown>, lineNo);
  }
}

/** Write mode: NDJSON text chunks -> CSV text, handed to `emit` in blocks.
 * Lines written before an error are emitted before it is thrown. */
export function ndjsonToCsv(chunks: Iterable<string>, emit: (text: string) => void, opts: CsvWriteOptions = {}): CsvWriter {
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
  return w;
}
