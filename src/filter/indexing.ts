// Indexing and paths on values: .[k], slices, getpath, setpath (copy on
// write) and delpaths, with jq's error messages.
import { typeName } from '../kit/text.js';
import { err, dumpTrunc, type JqError } from './errors.js';
import { compare, equals } from './runtime.js';
import { copyObj, cpLength, cpSlice, getKey, hasKey, isObject, setKey, type Obj, type Value } from './values.js';

/** A path into a value: keys, indices and slices ({start, end}). */
export type Path = Value[];

function indexErr(t: Value, k: Value): JqError {
  if (typeof k === 'string' || typeof k === 'number') return err(`Cannot index ${typeName(t)} with ${typeName(k)} (${dumpTrunc(k)})`);
  return err(`Cannot index ${typeName(t)} with ${typeName(k)}`);
}

function clampSliceIndex(x: Value, len: number, isEnd: boolean): number {
  if (x === null) return isEnd ? len : 0;
  if (typeof x !== 'number') throw err('Start and end indices of an array slice must be numbers');
  if (isNaN(x)) return isEnd ? len : 0;
  let i = isEnd ? Math.ceil(x) : Math.floor(x);
  if (i < 0) i += len;
  if (i < 0) i = 0;
  if (i > len) i = len;
  return i;
}

export function slice(t: Value, from: Value, to: Value): Value {
  if (t === null) return null;
  if (typeof t === 'string') {
    const len = cpLength(t);
    const s = clampSliceIndex(from, len, false);
    const e = clampSliceIndex(to, len, true);
    return e <= s ? '' : cpSlice(t, s, e);
  }
  if (Array.isArray(t)) {
    const s = clampSliceIndex(from, t.length, false);
    const e = clampSliceIndex(to, t.length, true);
    return e <= s ? [] : t.slice(s, e);
  }
  throw err(`Cannot index ${typeName(t)} with object`);
}

function arrayIndices(a: Value[], b: Value[]): Value {
  if (b.length === 0) return null;
  const r: number[] = [];
  for (let i = 0; i + b.length <= a.length; i++) {
    let ok = true;
    for (let j = 0; j < b.length; j++)
      if (!equals(a[i + j], b[j])) {
        ok = false;
        break;
      }
    if (ok) r.push(i);
  }
  return r;
}

export function index(t: Value, k: Value): Value {
  if (typeof k === 'string') {
    if (isObject(t)) return getKey(t, k);
    if (t === null) return null;
    throw indexErr(t, k);
  }
  if (typeof k === 'number') {
    if (Array.isArray(t)) {
      if (k !== k) return null;
      let i = Math.floor(k);
      if (i < 0) i += t.length;
      const r = t[i];
      return r === undefined ? null : r;
    }
    if (t === null) return null;
    throw indexErr(t, k);
  }
  if (isObject(k) && (Array.isArray(t) || t === null || typeof t === 'string')) {
    if (hasKey(k, 'start') || hasKey(k, 'end')) return slice(t, getKey(k, 'start'), getKey(k, 'end'));
  }
  if (Array.isArray(k) && Array.isArray(t)) return arrayIndices(t, k);
  if (t === null && (k === null || isObject(k))) return null;
  throw indexErr(t, k);
}

// ---------- paths: getpath / setpath / delpaths ----------

export function getpath(v: Value, p: Value): Value {
  if (!Array.isArray(p)) throw err('Path must be specified as an array');
  if (p.length > 10000) throw err('Path too deep');
  let cur = v;
  for (const k of p) {
    if (cur === null) return null;
    cur = index(cur, k);
  }
  return cur;
}

/** Copy-on-write setpath. `owned` holds containers created by this update
 * sequence, which may be mutated in place. */
export function setpath(v: Value, p: Value, x: Value, owned?: WeakSet<object>): Value {
  if (!Array.isArray(p)) throw err('Path must be specified as an array');
  if (p.length > 10000) throw err('Path too deep');
  return setIn(v, p, 0, x, owned);
}

function setIn(v: Value, p: Value[], i: number, x: Value, owned?: WeakSet<object>): Value {
  if (i === p.length) return x;
  const k = p[i];
  if (typeof k === 'string') {
    if (v === null) v = {};
    if (!isObject(v)) throw indexErr(v, k);
    const child = setIn(getKey(v, k), p, i + 1, x, owned);
    const o = owned && owned.has(v) ? v : copyObj(v);
    if (owned && o !== v) owned.add(o);
    setKey(o, k, child);
    return o;
  }
  if (typeof k === 'number') {
    if (v === null) v = [];
    if (!Array.isArray(v)) throw indexErr(v, k);
    if (k !== k) throw err('Cannot set array element at NaN index');
    let idx = Math.trunc(k);
    if (idx < 0) {
      idx += v.length;
      if (idx < 0) throw err('Out of bounds negative array index');
    }
    if (idx > 536870911) throw err('Array index too large');
    const cur = idx < v.length ? v[idx] : null;
    const child = setIn(cur, p, i + 1, x, owned);
    const a = owned && owned.has(v) ? v : v.slice();
    if (owned && a !== v) owned.add(a);
    while (a.length < idx) a.push(null);
    a[idx] = child;
    return a;
  }
  if (isObject(k)) {
    if (v === null) v = [];
    if (typeof v === 'string') throw err('Cannot update string slices');
    if (!Array.isArray(v)) throw err(`Cannot update field at object index of ${typeName(v)}`);
    const s = clampSliceIndex(getKey(k, 'start'), v.length, false);
    let e = clampSliceIndex(getKey(k, 'end'), v.length, true);
    if (e < s) e = s;
    const cur = v.slice(s, e);
    const repl = setIn(cur, p, i + 1, x, owned);
    if (!Array.isArray(repl)) throw err('A slice of an array can only be assigned another array');
    return v.slice(0, s).concat(repl, v.slice(e));
  }
  if (Array.isArray(k)) {
    if (Array.isArray(v) || v === null) throw err('Cannot update field at array index of array');
  }
  throw indexErr(v, k);
}

function normalizePath(v: Value, p: Value[]): Value[] {
  // make negative indices and slice bounds absolute against the original
  const out: Value[] = [];
  let cur: Value = v;
  for (const k of p) {
    let kk = k;
    if (Array.isArray(cur)) {
      if (typeof k === 'number' && k < 0) kk = k + cur.length;
      else if (isObject(k)) {
        const s = clampSliceIndex(getKey(k, 'start'), cur.length, false);
        let e = clampSliceIndex(getKey(k, 'end'), cur.length, true);
        if (e < s) e = s;
        kk = { start: s, end: e };
      }
    }
    out.push(kk);
    try {
      cur = cur === null ? null : index(cur, kk);
    } catch {
      cur = null;
    }
  }
  return out;
}

function delIn(v: Value, p: Value[], i: number): Value {
  if (v === null) return null;
  const k = p[i];
  if (i === p.length - 1) {
    if (typeof k === 'string') {
      if (!isObject(v)) throw err(`Cannot delete field at object index of ${typeName(v)}`);
      if (!hasKey(v, k)) return v;
      const o: Obj = {};
      for (const kk in v) if (kk !== k) setKey(o, kk, v[kk]);
      return o;
    }
    if (typeof k === 'number') {
      if (!Array.isArray(v)) throw err(`Cannot delete field at index of ${typeName(v)}`);
      if (k !== k) return v;
      let idx = Math.trunc(k);
      if (idx < 0) idx += v.length;
      if (idx < 0 || idx >= v.length) return v;
      const a = v.slice();
      a.splice(idx, 1);
      return a;
    }
    if (isObject(k)) {
      if (!Array.isArray(v)) throw err(`Cannot delete slice of ${typeName(v)}`);
      const s = clampSliceIndex(getKey(k, 'start'), v.length, false);
      const e = clampSliceIndex(getKey(k, 'end'), v.length, true);
      if (e <= s) return v;
      return v.slice(0, s).concat(v.slice(e));
    }
    throw err(`Cannot delete field at index of ${typeName(v)}`);
  }
  const child = index(v, k);
  if (child === null) return v;
  const nc = delIn(child, p, i + 1);
  if (nc === child) return v;
  return setIn(v, [k], 0, nc);
}

export function delpaths(v: Value, paths: Value): Value {
  if (!Array.isArray(paths)) throw err('Paths must be specified as an array');
  const ps = paths.map((p) => {
    if (!Array.isArray(p)) throw err('Path must be specified as an array');
    if (p.length > 10000) throw err('Path too deep');
    return normalizePath(v, p);
  });
  ps.sort((a, b) => compare(b, a));
  for (const p of ps) {
    if (p.length === 0) return null;
    v = delIn(v, p, 0);
  }
  return v;
}
