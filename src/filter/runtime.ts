// jq value semantics on plain JavaScript values: null, booleans, numbers
// (IEEE doubles), strings, arrays and plain objects (insertion-ordered).
// Type names, the total order, equality, arithmetic with jq's error
// messages, and jq-compatible JSON output.

export type Value = null | boolean | number | string | Value[] | { [k: string]: Value };
export type Obj = { [k: string]: Value };

/** A jq error: carries any jq value (error({a:1}) is legal). */
export class JqError extends Error {
  constructor(readonly value: Value) {
    super(typeof value === 'string' ? value : '');
  }
  /** The message jq prints for an uncaught error. */
  describe(): string {
    const v = this.value;
    if (typeof v === 'string') return v;
    if (v === null) return 'null (null) not a string';
    return `${dumpJq(v)} (not a string)`;
  }
}

export function err(msg: string): JqError {
  return new JqError(msg);
}

export function typeOf(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
  }
  return Array.isArray(v) ? 'array' : 'object';
}

export function isObject(v: Value): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function truthy(v: Value): boolean {
  return v !== null && v !== false;
}

// ---- property access that never sees Object.prototype ----

const PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

export function hasKey(o: Obj, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

export function getKey(o: Obj, k: string): Value {
  const v = o[k];
  if (v === undefined) return null;
  if (PROTO_KEYS.has(k) && !hasKey(o, k)) return null;
  return v;
}

export function setKey(o: Obj, k: string, v: Value): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

export function copyObj(o: Obj): Obj {
  const r: Obj = {};
  for (const k in o) setKey(r, k, o[k]);
  return r;
}

// ---- value dumps for messages ----

const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

function truncBytes(s: string, max: number): string {
  const b = utf8.encode(s);
  if (b.length <= max) return s;
  let n = max;
  while (n > 0 && (b[n] & 0xc0) === 0x80) n--;
  return utf8d.decode(b.subarray(0, n));
}

/** jq's truncated dump used inside error messages (`string ("abc...")`). */
export function dumpTrunc(v: Value): string {
  const d = dumpJq(v);
  if (utf8.encode(d).length <= 29) return d;
  if (typeof v === 'string') {
    const inner = truncBytes(d.slice(1, -1), 24);
    return `"${inner}..."`;
  }
  return truncBytes(d, 26) + '...';
}

export function desc(v: Value): string {
  return `${typeOf(v)} (${dumpTrunc(v)})`;
}

// ---- ordering and equality ----

function rank(v: Value): number {
  if (v === null) return 0;
  switch (typeof v) {
    case 'boolean':
      return v ? 2 : 1;
    case 'number':
      return 3;
    case 'string':
      return 4;
  }
  return Array.isArray(v) ? 5 : 6;
}

export function compareStrings(a: string, b: string): number {
  // jq compares UTF-8 bytes, i.e. code points; UTF-16 order differs only
  // when a surrogate pair meets a BMP character above U+D7FF.
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800 && (x < 0xe000) !== (y < 0xe000)) return x < 0xe000 ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export function sortedKeys(o: Obj): string[] {
  return Object.keys(o).sort(compareStrings);
}

export function compare(a: Value, b: Value, depth = 0): number {
  if (depth > 10000) throw err('Comparison too deep');
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 3:
      return (a as number) < (b as number) ? -1 : (a as number) === (b as number) ? 0 : (a as number) > (b as number) ? 1 : isNaN(a as number) ? (isNaN(b as number) ? 0 : -1) : 1;
    case 4:
      return compareStrings(a as string, b as string);
    case 5: {
      const x = a as Value[];
      const y = b as Value[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compare(x[i], y[i], depth + 1);
        if (c) return c;
      }
      return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
    }
    case 6: {
      const ka = sortedKeys(a as Obj);
      const kb = sortedKeys(b as Obj);
      const c = compare(ka, kb, depth + 1);
      if (c) return c;
      for (const k of ka) {
        const c2 = compare((a as Obj)[k], (b as Obj)[k], depth + 1);
        if (c2) return c2;
      }
      return 0;
    }
  }
  return 0;
}

export function equals(a: Value, b: Value, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (depth > 10000) throw err('Equality check too deep');
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equals(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!hasKey(b, k) || !equals(a[k], b[k], depth + 1)) return false;
  }
  return true;
}

// ---- arithmetic ----

export function add(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  if (isObject(a) && isObject(b)) {
    const r = copyObj(a);
    for (const k in b) setKey(r, k, b[k]);
    return r;
  }
  throw err(`${desc(a)} and ${desc(b)} cannot be added`);
}

export function sub(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => equals(x, y)));
  throw err(`${desc(a)} and ${desc(b)} cannot be subtracted`);
}

function deepMerge(a: Obj, b: Obj, depth: number): Obj {
  if (depth > 10000) throw err('Object merge too deep');
  const r = copyObj(a);
  for (const k in b) {
    const bv = b[k];
    const av = hasKey(r, k) ? r[k] : undefined;
    if (av !== undefined && isObject(av) && isObject(bv)) setKey(r, k, deepMerge(av, bv, depth + 1));
    else setKey(r, k, bv);
  }
  return r;
}

function repeat(s: string, n: number): Value {
  if (isNaN(n) || n < 0) return null;
  const times = Math.floor(n);
  if (times <= 0) return '';
  if (s.length * times > 0x1fffffe8) throw err('Repeat string result too long');
  return s.repeat(times);
}

export function mul(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (typeof a === 'string' && typeof b === 'number') return repeat(a, b);
  if (typeof a === 'number' && typeof b === 'string') return repeat(b, a);
  if (isObject(a) && isObject(b)) return deepMerge(a, b, 0);
  throw err(`${desc(a)} and ${desc(b)} cannot be multiplied`);
}

export function div(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) throw err(`${desc(a)} and ${desc(b)} cannot be divided because the divisor is zero`);
    return a / b;
  }
  if (typeof a === 'string' && typeof b === 'string') return splitStr(a, b);
  throw err(`${desc(a)} and ${desc(b)} cannot be divided`);
}

function toInt64(x: number): bigint {
  if (x >= 9223372036854775807) return 9223372036854775807n;
  if (x <= -9223372036854775808) return -9223372036854775808n;
  return BigInt(Math.trunc(x));
}

export function mod(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    if (isNaN(a) || isNaN(b)) return NaN;
    if (a < 9007199254740992 && a > -9007199254740992 && b < 9007199254740992 && b > -9007199254740992) {
      const ib = Math.trunc(b);
      if (ib === 0) throw err(`${desc(a)} and ${desc(b)} cannot be divided (remainder) because the divisor is zero`);
      const r = Math.trunc(a) % ib;
      return r === 0 ? 0 : r;
    }
    const ia = toInt64(a);
    const ib = toInt64(b);
    if (ib === 0n) throw err(`${desc(a)} and ${desc(b)} cannot be divided (remainder) because the divisor is zero`);
    if (ib === -1n) return 0;
    return Number(ia % ib);
  }
  throw err(`${desc(a)} and ${desc(b)} cannot be divided (remainder)`);
}

export function splitStr(s: string, sep: string): Value[] {
  if (s === '') return [];
  return s.split(sep);
}

export function negate(v: Value): Value {
  if (typeof v === 'number') return -v;
  throw err(`${desc(v)} cannot be negated`);
}

// ---- strings as code points ----

const SURROGATE = /[\ud800-\udfff]/;

export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

export function cpLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) i++;
    }
    n++;
  }
  return n;
}

export function codepoints(s: string): number[] {
  const r: number[] = [];
  for (const ch of s) r.push(ch.codePointAt(0)!);
  return r;
}

/** Code-point slice of a string. */
export function cpSlice(s: string, from: number, to: number): string {
  if (!SURROGATE.test(s)) return s.slice(from, to);
  return Array.from(s).slice(from, to).join('');
}

/** UTF-16 index -> code point index. */
export function cpIndex(s: string, i: number): number {
  if (!SURROGATE.test(s)) return i;
  return cpLength(s.slice(0, i));
}

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

// ---- JSON output exactly as jq prints it ----

/** jq's number format: shortest round-trip digits, exponent form when the
 * decimal exponent is < -4 or more than 15 beyond the digits, 2-digit
 * exponents (1e-05, 1e+17), -0 kept, NaN as null, infinities clamped. */
export function formatNumber(x: number): string {
  if (x !== x) return 'null';
  if (x === Infinity) return '1.7976931348623157e+308';
  if (x === -Infinity) return '-1.7976931348623157e+308';
  if (x === 0) return 1 / x < 0 ? '-0' : '0';
  if (x < 1e16 && x > -1e16 && (x >= 1e-4 || x <= -1e-4)) return String(x);
  const e = x.toExponential();
  const ei = e.indexOf('e');
  let mant = e.slice(0, ei);
  const exp = Number(e.slice(ei + 1));
  const neg = mant[0] === '-';
  if (neg) mant = mant.slice(1);
  const digits = mant.replace('.', '');
  const decpt = exp + 1;
  let out: string;
  if (decpt <= -4 || decpt > digits.length + 15) {
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const ae = Math.abs(exp);
    out = m + 'e' + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' + ae : String(ae));
  } else if (decpt <= 0) {
    out = '0.' + '0'.repeat(-decpt) + digits;
  } else if (decpt >= digits.length) {
    out = digits + '0'.repeat(decpt - digits.length);
  } else {
    out = digits.slice(0, decpt) + '.' + digits.slice(decpt);
  }
  return neg ? '-' + out : out;
}

function safeNumber(x: number): boolean {
  return x < MAX_EXACT && x > -MAX_EXACT && (x >= 1e-4 || x <= -1e-4 || (x === 0 && 1 / x > 0));
}

// Large integer literals that are only passed through keep their text (as in
// jq 1.7): in `jn filter .`, 100000000000000000001 is printed as written, not
// as the double 100000000000000000000. Keeping every number's text would slow
// down every record; instead, when the printer meets an integer beyond 2^53,
// it looks at the same place in the input record: if the same value is there,
// the number was passed through, and its text is found in the input line.
// A value moved elsewhere (`.[0]`, `.x | tojson`) or computed (`. + 0`)
// prints as a double, as jq 1.7 does after arithmetic.
const MAX_EXACT = 9007199254740992;
const BIG_LITERAL = /(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;
export const bigLiterals = {
  /** Text of the current input (the line of the record; the lines with big
   * numbers for -s). Set per record by jn filter. */
  input: '',
  /** The current input value. */
  record: undefined as Value | undefined,
};

function bigNumber(x: number, mirror: Value | undefined): string {
  if (mirror === x && bigLiterals.input) {
    for (const m of bigLiterals.input.matchAll(BIG_LITERAL)) if (Number(m[0]) === x) return m[0];
  }
  return formatNumber(x);
}

/** The input value at the same place as child key k of an output value. */
function mirrorOf(mirror: Value | undefined, k: string | number): Value | undefined {
  if (mirror === null || typeof mirror !== 'object') return undefined;
  return (mirror as Record<string, Value>)[k];
}

/** True when JSON.stringify(v) already prints v the way jq does. */
export function stringifySafe(v: Value, depth = 0): boolean {
  switch (typeof v) {
    case 'number':
      return safeNumber(v);
    case 'object':
      if (v === null) return true;
      if (depth > 500) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          if (typeof x === 'number') {
            if (!safeNumber(x)) return false;
          } else if (typeof x === 'object' && x !== null && !stringifySafe(x, depth + 1)) return false;
        }
        return true;
      }
      for (const k in v) {
        const x = v[k];
        if (typeof x === 'number') {
          if (!safeNumber(x)) return false;
        } else if (typeof x === 'object' && x !== null && !stringifySafe(x, depth + 1)) return false;
      }
      return true;
  }
  return true;
}

const NEEDS_FIX = /[\u007f\ud800-\udfff]/;

function fixString(json: string): string {
  // JSON.stringify leaves DEL raw and escapes lone surrogates; jq prints
  // \u007f and replaces invalid UTF-16 with U+FFFD.
  return json.replace(/\u007f/g, '\\u007f').replace(/\\ud[89a-f][0-9a-f]{2}/g, '\ufffd');
}

export function quoteString(s: string): string {
  const j = JSON.stringify(s);
  return NEEDS_FIX.test(s) ? fixString(j) : j;
}

/** Compact dump exactly like `jq -c`. */
export function dumpJq(v: Value): string {
  if (typeof v === 'object' && v !== null) {
    if (stringifySafe(v)) {
      const s = JSON.stringify(v);
      return NEEDS_FIX.test(s) ? fixString(s) : s;
    }
    return dumpSlow(v, bigLiterals.record);
  }
  if (typeof v === 'number') return v < MAX_EXACT && v > -MAX_EXACT ? formatNumber(v) : bigNumber(v, bigLiterals.record);
  if (typeof v === 'string') return quoteString(v);
  return v === null ? 'null' : v ? 'true' : 'false';
}

function dumpSlow(v: Value, mirror: Value | undefined): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return v < MAX_EXACT && v > -MAX_EXACT ? formatNumber(v) : bigNumber(v, mirror);
    case 'string':
      return quoteString(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (Array.isArray(v)) {
    const m = Array.isArray(mirror) ? mirror : undefined;
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + dumpSlow(v[i], m?.[i]);
    return s + ']';
  }
  const m = mirror !== null && typeof mirror === 'object' && !Array.isArray(mirror) ? mirror : undefined;
  let s = '{';
  let first = true;
  for (const k in v) {
    s += (first ? '' : ',') + quoteString(k) + ':' + dumpSlow(v[k], m?.[k]);
    first = false;
  }
  return s + '}';
}

export interface DumpOptions {
  indent?: number | string; // 0 = compact
  sortKeys?: boolean;
  ascii?: boolean;
}

function asciiEscape(s: string): string {
  return s.replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** General dump: indentation, sorted keys, ASCII output. */
export function dumpWith(v: Value, o: DumpOptions): string {
  const ind = typeof o.indent === 'string' ? o.indent : ' '.repeat(o.indent ?? 0);
  if (!ind && !o.sortKeys && !o.ascii) return dumpJq(v);
  const q = o.ascii ? (s: string) => asciiEscape(quoteString(s)) : quoteString;
  const rec = (x: Value, pad: string, mirror: Value | undefined): string => {
    if (x === null || typeof x !== 'object') return typeof x === 'string' ? q(x) : typeof x === 'number' ? dumpSlow(x, mirror) : dumpJq(x);
    const inner = pad + ind;
    const nl = ind ? '\n' : '';
    const sep = ind ? ': ' : ':';
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return '[' + nl + x.map((e, i) => inner + rec(e, inner, mirrorOf(mirror, i))).join(',' + nl) + nl + pad + ']';
    }
    const keys = o.sortKeys ? sortedKeys(x) : Object.keys(x);
    if (keys.length === 0) return '{}';
    return '{' + nl + keys.map((k) => inner + q(k) + sep + rec(x[k], inner, Array.isArray(mirror) ? undefined : mirrorOf(mirror, k))).join(',' + nl) + nl + pad + '}';
  };
  return rec(v, '', bigLiterals.record);
}

export function sortKeysDeep(v: Value): Value {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (isObject(v)) {
    const r: Obj = {};
    for (const k of sortedKeys(v)) setKey(r, k, sortKeysDeep(v[k]));
    return r;
  }
  return v;
}

// ---- JSON input (a lenient parser for the slow paths: NaN, BOM, errors) ----

export class JsonParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parse one JSON text (jq's extensions: nan/NaN literals). Throws
 * JsonParseError with jq-like messages. */
export function parseJson(text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch {
    // fall through to the careful parser for NaN and error messages
  }
  const p = new JsonParser(text);
  p.ws();
  if (p.i >= text.length) throw new JsonParseError('Expected JSON value', p.i);
  const v = p.value(0);
  p.ws();
  if (p.i < text.length) throw new JsonParseError('Unexpected extra JSON values', p.i);
  return v;
}

export class JsonParser {
  i = 0;
  constructor(readonly s: string) {
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
  }
  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }
  fail(msg: string): never {
    throw new JsonParseError(msg, this.i);
  }
  value(depth: number): Value {
    if (depth > 10000) this.fail('Exceeds depth limit for parsing');
    const s = this.s;
    const c = s[this.i];
    if (c === '{') {
      this.i++;
      const o: Obj = {};
      this.ws();
      if (s[this.i] === '}') {
        this.i++;
        return o;
      }
      for (;;) {
        this.ws();
        if (s[this.i] === "'") this.quoteFail();
        if (s[this.i] !== '"') this.fail('Object keys must be strings');
        const k = this.str();
        this.ws();
        if (s[this.i] !== ':') this.fail("Objects must consist of key:value pairs");
        this.i++;
        this.ws();
        setKey(o, k, this.value(depth + 1));
        this.ws();
        if (s[this.i] === ',') {
          this.i++;
          continue;
        }
        if (s[this.i] === '}') {
          this.i++;
          return o;
        }
        this.fail(this.i >= s.length ? 'Unfinished JSON term' : "Expected separator between values");
      }
    }
    if (c === '[') {
      this.i++;
      const a: Value[] = [];
      this.ws();
      if (s[this.i] === ']') {
        this.i++;
        return a;
      }
      for (;;) {
        this.ws();
        a.push(this.value(depth + 1));
        this.ws();
        if (s[this.i] === ',') {
          this.i++;
          continue;
        }
        if (s[this.i] === ']') {
          this.i++;
          return a;
        }
        this.fail(this.i >= s.length ? 'Unfinished JSON term' : 'Expected separator between values');
      }
    }
    if (c === '"') return this.str();
    if (c === "'") this.quoteFail();
    // literal / number token
    const start = this.i;
    while (this.i < s.length && !/[\s,\]}:[{"]/.test(s[this.i])) this.i++;
    const tok = s.slice(start, this.i);
    if (tok === '') this.fail(this.i >= s.length ? 'Unfinished JSON term' : `Unexpected character '${s[this.i]}'`);
    if (tok === 'null') return null;
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    if (tok === 'nan' || tok === 'NaN' || tok === '-nan' || tok === '-NaN') return NaN;
    if (tok === 'Infinity' || tok === 'infinity') return Infinity;
    if (tok === '-Infinity' || tok === '-infinity') return -Infinity;
    if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(tok)) return Number(tok);
    if (this.i >= s.length) this.fail('Invalid numeric literal at EOF');
    this.fail('Invalid numeric literal');
  }
  quoteFail(): never {
    // jq reports the position just after the bare token's delimiter
    const s = this.s;
    while (this.i < s.length && !/[\s,:\]}]/.test(s[this.i])) this.i++;
    if (this.i < s.length) this.i++;
    this.fail("Invalid string literal; expected \", but got '");
  }
  str(): string {
    const s = this.s;
    const start = this.i;
    this.i++;
    let simple = true;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 34) break;
      if (c === 92) {
        simple = false;
        this.i += 2;
        continue;
      }
      this.i++;
    }
    if (this.i >= s.length) this.fail('Unfinished string');
    this.i++;
    const raw = s.slice(start, this.i);
    if (simple && !/[\u0000-\u001f]/.test(raw)) return raw.slice(1, -1);
    try {
      return JSON.parse(raw.replace(/[\u0000-\u001f]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0')));
    } catch {
      this.fail('Invalid escape');
    }
  }
}

/** Line/column (1-based) of an offset. */
export function lineCol(text: string, offset: number): [number, number] {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return [line, col];
}
