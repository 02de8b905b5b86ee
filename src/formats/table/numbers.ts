// Numbers as Python's tabulate sees and prints them: which cell texts are
// numbers (Python's int() and float() grammars, so CSV strings like "9.99"
// count), how a float column prints ('g': six significant digits, rounded
// half to even on the exact binary value, as Python's format(x, "g")), and
// how many characters follow the decimal point (decimal alignment).

const WS = '[ \\t\\n\\v\\f\\r\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const DIGITS = '\\d(?:_?\\d)*';
const INT = new RegExp(`^${WS}*[+-]?${DIGITS}${WS}*$`);
const FLOAT = new RegExp(`^${WS}*[+-]?(?:(?:${DIGITS})?\\.${DIGITS}|${DIGITS}\\.?)(?:[eE][+-]?${DIGITS})?${WS}*$`);
const SPECIAL = /^(?:inf|-inf|nan)$/i;
const STRIP = new RegExp(`^${WS}+|${WS}+$`, 'g');

/** s without the whitespace around it, as Python's str.strip(). */
export function pyStrip(s: string): string {
  return s.replace(STRIP, '');
}

/** Does Python's int() take s? */
export function isIntText(s: string): boolean {
  return INT.test(s);
}

/** Is s a number to tabulate: float() takes it and it is finite, or it is
 * exactly inf, -inf or nan (any case). */
export function isNumberText(s: string): boolean {
  if (SPECIAL.test(s)) return true;
  if (!FLOAT.test(s)) return false;
  return Number.isFinite(Number(pyStrip(s).replace(/_/g, '')));
}

/** The value of a number text (isNumberText). */
export function numberValue(s: string): number {
  const t = pyStrip(s).toLowerCase();
  if (t === 'nan') return NaN;
  if (t === 'inf') return Infinity;
  if (t === '-inf') return -Infinity;
  return Number(t.replace(/_/g, ''));
}

/** Characters after the decimal point (or after the `e` of an exponent
 * without a point) of a number text; -1 for integers and non-numbers. */
export function afterPoint(s: string): number {
  if (!isNumberText(s) && s !== '') return -1;
  if (s === '' || isIntText(s)) return -1;
  let pos = s.lastIndexOf('.');
  if (pos < 0) pos = s.toLowerCase().lastIndexOf('e');
  return pos >= 0 ? s.length - pos - 1 : -1;
}

/** The exact decimal digits of a finite x > 0 (no leading or trailing
 * zeros) and the power of ten of the first one. */
function exactDigits(x: number): { digits: string; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  let digits: string;
  let point: number; // digits.length + power of ten of the last digit
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    point = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    point = digits.length + e2;
  }
  const trimmed = digits.replace(/0+$/, '');
  return { digits: trimmed, exp: point - 1 };
}

/** digits (exact, first at power of ten exp) rounded half to even to n
 * significant digits (n may be 0 or less: rounding at a higher power). */
function roundTo(digits: string, exp: number, n: number): { digits: string; exp: number } {
  if (digits.length <= n) return { digits, exp };
  const keep = n > 0 ? digits.slice(0, n) : '';
  const rest = n > 0 ? digits.slice(n) : '0'.repeat(-n) + digits;
  const odd = keep !== '' && Number(keep[keep.length - 1]) % 2 === 1;
  const up = rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || odd));
  if (!up) return keep === '' ? { digits: '0', exp: 0 } : { digits: keep.replace(/0+$/, '') || '0', exp };
  const next = (BigInt(keep || '0') + 1n).toString();
  const grown = next.length > Math.max(keep.length, 0) || keep === '';
  const newExp = keep === '' ? exp - n + 1 : grown ? exp + 1 : exp;
  return { digits: next.replace(/0+$/, '') || '0', exp: newExp };
}

function fixed(digits: string, exp: number, decimals: number): string {
  let int: string;
  let frac: string;
  if (exp < 0) {
    int = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  } else {
    int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    frac = digits.slice(exp + 1);
  }
  frac = frac.padEnd(decimals, '0').slice(0, decimals);
  return decimals > 0 ? `${int}.${frac}` : int;
}

function scientific(digits: string, exp: number, decimals: number): string {
  const mantissa = digits.padEnd(decimals + 1, '0');
  const e = Math.abs(exp);
  return `${mantissa[0]}${decimals > 0 ? '.' + mantissa.slice(1, decimals + 1) : ''}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

/** A --floatfmt: Python's format spec `g`, `f` or `e` with an optional
 * precision (`.2f`, `.3g`). */
export const FLOAT_FORMAT = /^(?:\.(\d{1,2}))?([gfe])$/;

/** x as Python's format(x, spec) for a spec of FLOAT_FORMAT (default 'g':
 * six significant digits, no trailing zeros). */
export function formatFloat(x: number, spec = 'g'): string {
  const [, prec, type] = FLOAT_FORMAT.exec(spec) ?? ['', undefined, 'g'];
  const p = prec === undefined ? 6 : Number(prec);
  if (Number.isNaN(x)) return 'nan';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (!Number.isFinite(x)) return `${sign}inf`;
  if (x === 0) {
    if (type === 'f') return sign + fixed('0', 0, p);
    if (type === 'e') return sign + scientific('0', 0, p);
    return `${sign}0`;
  }
  const exact = exactDigits(Math.abs(x));
  if (type === 'f') {
    const r = roundTo(exact.digits, exact.exp, exact.exp + 1 + p);
    return sign + fixed(r.digits, r.exp, p);
  }
  if (type === 'e') {
    const r = roundTo(exact.digits, exact.exp, p + 1);
    return sign + scientific(r.digits, r.exp, p);
  }
  const sig = Math.max(1, p);
  const { digits, exp } = roundTo(exact.digits, exact.exp, sig);
  if (exp >= -4 && exp < sig) return sign + fixed(digits, exp, Math.max(0, digits.length - exp - 1));
  return sign + scientific(digits, exp, digits.length - 1);
}
