// jq value semantics on plain JavaScript values (values.ts): the total
// order, equality, and arithmetic with jq's error messages.
import { desc, err } from './errors.js';
import { compareStrings, copyObj, hasKey, isObject, setKey, sortedKeys, type Obj, type Value } from './values.js';

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
