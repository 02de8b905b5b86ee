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

/** x as Python's format(x, "g") with `precision` significant digits. */
export function formatG(x: number, precision = 6): string {
  if (Number.isNaN(x)) return 'nan';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (!Number.isFinite(x)) return `${sign}inf`;
  if (x === 0) return `${sign}0`;
  const p = Math.max(1, precision);
  let { digits, exp } = exactDigits(Math.abs(x));
  if (digits.length > p) {
    const keep = digits.slice(0, p);
    const rest = digits.slice(p);
    const up = rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || Number(keep[p - 1]) % 2 === 1));
    digits = keep;
    if (up) {
      const next = (BigInt(keep) + 1n).toString();
      if (next.length > p) exp += 1;
      digits = next.slice(0, p);
    }
    digits = digits.replace(/0+$/, '') || '0';
  }
  if (exp >= -4 && exp < p) {
    let text: string;
    if (exp < 0) text = '0.' + '0'.repeat(-exp - 1) + digits;
    else if (digits.length <= exp + 1) text = digits + '0'.repeat(exp + 1 - digits.length);
    else text = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
    return sign + text;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp);
  return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}
