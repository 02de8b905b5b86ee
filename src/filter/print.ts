// JSON output exactly as jq prints it: jq's number format, its string
// escapes, compact and indented dumps, and big integer literals passed
// through as written (literals.ts).
import { bigLiteral, currentRecord } from './literals.js';
import { sortedKeys, type Value } from './values.js';

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

/** 2^53: integers beyond may be big literals (literals.ts). */
const MAX_EXACT = 9007199254740992;

function bigNumber(x: number, mirror: Value | undefined): string {
  return bigLiteral(x, mirror) ?? formatNumber(x);
}

/** The input value at the same place as child key k of an output value. */
function mirrorOf(mirror: Value | undefined, k: string | number): Value | undefined {
  if (mirror === null || typeof mirror !== 'object') return undefined;
  return (mirror as Record<string, Value>)[k];
}

/** True when JSON.stringify(v) already prints v the way jq does. */
function stringifySafe(v: Value, depth = 0): boolean {
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

function quoteString(s: string): string {
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
    return dumpSlow(v, currentRecord());
  }
  if (typeof v === 'number') return v < MAX_EXACT && v > -MAX_EXACT ? formatNumber(v) : bigNumber(v, currentRecord());
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

/** Non-ASCII characters of s as \uXXXX escapes (UTF-16 units). */
export function asciiEscape(s: string): string {
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
  return rec(v, '', currentRecord());
}
