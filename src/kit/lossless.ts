// Records without loss: the one representation for stages that must look
// inside a record and write it out again (merge's labels, join, the writers)
// and the pass-through of lines that only need checking.
//
// - Objects are Maps: a plain object would put integer-like keys ("2023")
//   first and reorder columns.
// - A number whose text a double does not give back (12345678901234567890,
//   1e400, 1.0, -0, 1E+2, 0.10) is a JsonNumber carrying its text; every
//   other number is a plain number (String(n) is its text), so code that
//   looks at ordinary numbers still sees numbers.
// - stringifyLossless writes a value back: keys in their order, numbers as
//   written, strings as JSON.stringify writes them.
// - compactJson removes the blanks outside strings and changes nothing else:
//   what a stage that does not look inside a line passes on; indentJson lays
//   such text out as JSON.stringify(v, null, 2) would, tokens unchanged.
import { DataError } from './exit.js';
import { parseJsonLine } from './json.js';

/** A JSON number kept as the text it was written with. */
export class JsonNumber {
  constructor(readonly text: string) {}
  /** The nearest double (Infinity for 1e400), for code that computes. */
  valueOf(): number {
    return Number(this.text);
  }
}

export type Lossless = null | boolean | number | string | JsonNumber | Lossless[] | LosslessObject;
export type LosslessObject = Map<string, Lossless>;

/** A number's value from its text: a plain number when String() gives the
 * same text back, else a JsonNumber. */
function losslessNumber(text: string): number | JsonNumber {
  const n = Number(text);
  return String(n) === text ? n : new JsonNumber(text);
}

/** True for a number in either form. */
export function isJsonNumber(v: unknown): v is number | JsonNumber {
  return typeof v === 'number' || v instanceof JsonNumber;
}

/** The exact decimal value of a JSON number's text, in one spelling:
 * `1`, `1.0`, `1E+0` and `10e-1` give the same; `12345678901234567890`
 * and `12345678901234567891` do not (as doubles they would). For keys
 * that compare numbers by value (jn join). */
export function numberKey(v: number | JsonNumber): string {
  const text = typeof v === 'number' ? String(v) : v.text;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return text; // NaN, Infinity: only from computed numbers
  const all = m[2] + (m[3] ?? '');
  const lead = all.search(/[1-9]/);
  if (lead === -1) return '0';
  const digits = all.slice(lead).replace(/0+$/, '');
  // value = 0.<digits> * 10^point
  const point = m[2].length - lead + Number(m[4] ?? 0);
  return `${m[1]}0.${digits}e${point}`;
}

/** End (exclusive) of the JSON number at s[p], or -1 when none starts there. */
export function numberEnd(s: string, p: number): number {
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

/** How deep arrays and objects may nest in a parsed record (the parse
 * recurses; JSON.parse alone would take more). */
const MAX_DEPTH = 2000;

class TooDeep extends Error {}

/** A recursive-descent parse into Maps and JsonNumbers; throws SyntaxError
 * (the callers let JSON.parse name the error), TooDeep past MAX_DEPTH. */
class Parser {
  i = 0;
  depth = 0;
  constructor(readonly s: string) {}

  enter(): void {
    if (++this.depth > MAX_DEPTH) throw new TooDeep();
  }

  fail(): never {
    throw new SyntaxError(`invalid JSON at position ${this.i}`);
  }

  ws(): void {
    const s = this.s;
    let i = this.i;
    for (let c = s.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = s.charCodeAt(++i));
    this.i = i;
  }

  str(): string {
    const s = this.s;
    const start = this.i++;
    let escaped = false;
    for (let i = this.i; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        this.i = i + 1;
        return escaped ? (JSON.parse(s.slice(start, i + 1)) as string) : s.slice(start + 1, i);
      }
      if (c === 92) {
        escaped = true;
        i++;
      } else if (c < 32) break;
    }
    return this.fail();
  }

  value(): Lossless {
    this.ws();
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c === 123) return this.object();
    if (c === 91) {
      this.i++;
      this.enter();
      const a: Lossless[] = [];
      this.ws();
      if (s.charCodeAt(this.i) === 93) {
        this.i++;
        this.depth--;
        return a;
      }
      for (;;) {
        a.push(this.value());
        this.ws();
        const d = s.charCodeAt(this.i++);
        if (d === 93) {
          this.depth--;
          return a;
        }
        if (d !== 44) this.fail();
      }
    }
    if (c === 34) return this.str();
    if (c === 116 && s.startsWith('true', this.i)) return this.literal(4, true);
    if (c === 102 && s.startsWith('false', this.i)) return this.literal(5, false);
    if (c === 110 && s.startsWith('null', this.i)) return this.literal(4, null);
    const end = numberEnd(s, this.i);
    if (end === -1) this.fail();
    const text = s.slice(this.i, end);
    this.i = end;
    return losslessNumber(text);
  }

  literal<T>(length: number, v: T): T {
    this.i += length;
    return v;
  }

  object(): LosslessObject {
    const s = this.s;
    this.i++;
    this.enter();
    const m: LosslessObject = new Map();
    this.ws();
    if (s.charCodeAt(this.i) === 125) {
      this.i++;
      this.depth--;
      return m;
    }
    for (;;) {
      this.ws();
      if (s.charCodeAt(this.i) !== 34) this.fail();
      const k = this.str();
      this.ws();
      if (s.charCodeAt(this.i++) !== 58) this.fail();
      m.set(k, this.value()); // a repeated key keeps its first place and takes the last value (as JSON.parse)
      this.ws();
      const d = s.charCodeAt(this.i++);
      if (d === 125) {
        this.depth--;
        return m;
      }
      if (d !== 44) this.fail();
    }
  }
}

/** Parse JSON text losslessly; SyntaxError when it is not valid JSON, a
 * DataError when it nests deeper than MAX_DEPTH. */
export function parseLossless(text: string): Lossless {
  const p = new Parser(text);
  let v: Lossless;
  try {
    v = p.value();
  } catch (err) {
    if (err instanceof TooDeep) throw new DataError(`arrays and objects nest deeper than ${MAX_DEPTH} levels`);
    throw err;
  }
  p.ws();
  if (p.i !== text.length) p.fail();
  return v;
}

/** A record line, parsed losslessly; DataError naming the line and column
 * (JSON.parse's message, as every stage gives) when it is not valid JSON. */
export function parseLosslessLine(line: string, lineNo: number): Lossless {
  try {
    return parseLossless(line);
  } catch (err) {
    if (err instanceof DataError) throw new DataError(err.message, lineNo);
    parseJsonLine(line, lineNo); // throws with JSON.parse's message and the column
    throw new DataError('invalid JSON', lineNo); // not reached: both parsers take the same JSON
  }
}

/** Compact JSON text of a lossless value (also of plain objects and arrays,
 * e.g. computed ones): keys in order, numbers as written. */
export function stringifyLossless(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object' || v === null) return JSON.stringify(v) ?? 'null';
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + stringifyLossless(v[i] === undefined ? null : v[i]);
    return out + ']';
  }
  const entries: Iterable<[string, unknown]> = v instanceof Map ? v : Object.entries(v);
  let out = '{';
  for (const [k, x] of entries) {
    if (x === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(k) + ':' + stringifyLossless(x);
  }
  return out + '}';
}

/** The value as plain JavaScript (objects, doubles) for code that computes
 * on it (the filter engine); what it loses does not come back. */
export function toPlain(v: Lossless): unknown {
  if (v instanceof JsonNumber) return Number(v.text);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) Object.defineProperty(o, k, { value: toPlain(x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return v;
}

/** True when c is a JSON blank (space, tab, LF, CR). */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Index just past the string whose opening quote is at s[i]. */
function afterString(s: string, i: number): number {
  let q = s.indexOf('"', i + 1);
  for (;;) {
    let b = q - 1;
    while (s.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1; // an even run of backslashes: not escaped
    q = s.indexOf('"', q + 1);
  }
}

/** Compact JSON text laid out as JSON.stringify(v, null, indent) does, each
 * line after the first starting with at; the tokens stay as written. */
export function indentJson(s: string, indent: number, at = ''): string {
  const step = ' '.repeat(indent);
  let pad = at;
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      i = afterString(s, i);
      continue;
    }
    let put: string;
    if (c === 123 || c === 91) {
      const d = s.charCodeAt(i + 1);
      if (d === 125 || d === 93) {
        i += 2; // {} and [] stay as they are
        continue;
      }
      pad += step;
      put = s[i] + '\n' + pad;
    } else if (c === 125 || c === 93) {
      pad = pad.slice(indent);
      put = '\n' + pad + s[i];
    } else if (c === 44) put = ',\n' + pad;
    else if (c === 58) put = ': ';
    else {
      i++;
      continue;
    }
    out += s.slice(from, i) + put;
    from = ++i;
  }
  return out + s.slice(from);
}

/** Valid JSON text without the blanks outside its strings: everything else
 * (key order, numbers' text, escapes, repeated keys) exactly as written.
 * The text must already be known to be valid JSON. */
export function compactJson(s: string): string {
  const n = s.length;
  let out = '';
  let from = 0; // start of the part not yet copied
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 34) i = afterString(s, i);
    else if (isBlank(c)) {
      let j = i + 1;
      while (j < n && isBlank(s.charCodeAt(j))) j++;
      out += s.slice(from, i);
      from = i = j;
    } else i++;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** A record line checked (DataError as parseJsonLine) and compacted: what
 * the jsonl plugin passes on. */
export function compactLine(line: string, lineNo: number): string {
  parseJsonLine(line, lineNo);
  return compactJson(line);
}
