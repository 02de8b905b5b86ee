// Math builtins: libm's one- and two-argument functions on numbers,
// frexp, modf, fma, nan and infinities, now.
import { desc, err } from '../errors.js';
import type { Value } from '../values.js';
import { table } from './registry.js';

const { map, v0, vN } = table();

/** x, which must be a number. */
export function num(x: Value): number {
  if (typeof x !== 'number') throw err(`${desc(x)} number required`);
  return x;
}
const math1: Record<string, (x: number) => number> = {
  floor: Math.floor,
  ceil: Math.ceil,
  round: (x) => (x < 0 ? -Math.round(-x) : Math.round(x)),
  sqrt: Math.sqrt,
  fabs: Math.abs,
  trunc: Math.trunc,
  rint: roundEven,
  nearbyint: roundEven,
  exp: Math.exp,
  exp2: (x) => Math.pow(2, x),
  exp10: (x) => Math.pow(10, x),
  pow10: (x) => Math.pow(10, x),
  expm1: Math.expm1,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  cbrt: Math.cbrt,
  significand: (x) => {
    if (x === 0 || !isFinite(x)) return x;
    const e = Math.floor(Math.log2(Math.abs(x)));
    let m = x / Math.pow(2, e);
    if (Math.abs(m) >= 2) m /= 2;
    if (Math.abs(m) < 1) m *= 2;
    return m;
  },
  logb: (x) => (x === 0 ? -Infinity : !isFinite(x) ? Math.abs(x) : frexp(x)[1] - 1),
  gamma: lgamma,
  lgamma,
  tgamma: (x) => gammaFn(x),
  lgamma_r: lgamma,
  ceil10: Math.ceil,
};
function roundEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
/** The Lanczos approximation (g = 7) at x + 1: t and the series sum a,
 * with Γ(x + 1) = √(2π) t^(x + ½) e^(-t) a. */
function lanczos(x: number): { t: number; a: number } {
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return { t, a };
}
function gammaFn(x: number): number {
  if (Number.isInteger(x) && x <= 0) return NaN;
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFn(1 - x));
  x -= 1;
  const { t, a } = lanczos(x);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}
function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  x -= 1;
  const { t, a } = lanczos(x);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
function frexp(x: number): [number, number] {
  if (x === 0 || !isFinite(x) || isNaN(x)) return [x, 0];
  let e = Math.ceil(Math.log2(Math.abs(x)));
  let m = x / Math.pow(2, e);
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  return [m, e];
}
for (const [name, fn] of Object.entries(math1)) v0(name, (x) => fn(num(x)));
v0('frexp', (x) => frexp(num(x)));
v0('modf', (x) => {
  const n = num(x);
  if (!isFinite(n)) return [isNaN(n) ? n : 0 * Math.sign(n), n];
  const ip = Math.trunc(n);
  return [n - ip, ip];
});
const math2: Record<string, (a: number, b: number) => number> = {
  pow: Math.pow,
  atan2: Math.atan2,
  fmin: Math.min,
  fmax: Math.max,
  fmod: (a, b) => a % b,
  hypot: Math.hypot,
  ldexp: (a, b) => a * Math.pow(2, Math.trunc(b)),
  scalb: (a, b) => a * Math.pow(2, b),
  scalbln: (a, b) => a * Math.pow(2, Math.trunc(b)),
  nextafter: nextafter,
  nexttoward: nextafter,
  copysign: (a, b) => Math.abs(a) * (b < 0 || Object.is(b, -0) ? -1 : 1),
  drem: (a, b) => {
    const q = roundEven(a / b);
    return a - q * b;
  },
  fdim: (a, b) => (a > b ? a - b : 0),
};
function nextafter(a: number, b: number): number {
  if (isNaN(a) || isNaN(b)) return NaN;
  if (a === b) return b;
  if (a === 0) return b > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  let bits = buf.getBigUint64(0);
  if (b > a === a > 0) bits += 1n;
  else bits -= 1n;
  buf.setBigUint64(0, bits);
  return buf.getFloat64(0);
}
for (const [name, fn] of Object.entries(math2)) vN(name, 2, (_x, a, b) => fn(num(a), num(b)));
vN('fma', 3, (_x, a, b, c) => num(a) * num(b) + num(c));
v0('infinite', () => Infinity);
v0('nan', () => NaN);
v0('isinfinite', (x) => num(x) === Infinity || x === -Infinity);
v0('isnan', (x) => isNaN(num(x)));
v0('isnormal', (x) => {
  const n = num(x);
  return isFinite(n) && n !== 0 && Math.abs(n) >= 2.2250738585072014e-308;
});
v0('now', () => Date.now() / 1000);

/** The builtins of this file. */
export const MATH = map;
