// jq values as plain JavaScript values: null, booleans, numbers (IEEE
// doubles), strings, arrays and plain objects (insertion-ordered); their
// truthiness, property access that never sees Object.prototype, and jq's
// order of strings and keys. (Type names: kit/text's typeName.)

export type Value = null | boolean | number | string | Value[] | { [k: string]: Value };
export type Obj = { [k: string]: Value };

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
// ---- strings as code points ----

const SURROGATE = /[\ud800-\udfff]/;
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
