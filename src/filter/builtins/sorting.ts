// Builtins that order: sort, sort_by, group_by, unique, min/max, bsearch.
import { fromV, type C, type Env } from '../closures.js';
import { desc, err } from '../errors.js';
import { compare, equals } from '../runtime.js';
import type { Value } from '../values.js';
import { collect, table } from './registry.js';

const { map, def, v0, vN } = table();

function sortArr(x: Value, what = 'sorted'): Value[] {
  if (!Array.isArray(x)) throw err(`${desc(x)} cannot be ${what}, as it is not an array`);
  return x;
}
v0('sort', (x) => sortArr(x).slice().sort((a, b) => compare(a, b)));
function keyed(c: C, x: Value[], e: Env | null): { k: Value; v: Value; i: number }[] {
  return x.map((v, i) => ({ k: collect(c, v, e), v, i }));
}
function byKey(a: { k: Value; i: number }, b: { k: Value; i: number }): number {
  return compare(a.k, b.k) || a.i - b.i;
}
def('sort_by', 1, ([c]) => fromV((i, e) => keyed(c, sortArr(i), e).sort(byKey).map((t) => t.v)));
def('group_by', 1, ([c]) =>
  fromV((i, e) => {
    const ks = keyed(c, sortArr(i, 'grouped'), e).sort(byKey);
    const out: Value[][] = [];
    let prev: Value | undefined;
    for (const t of ks) {
      if (out.length && equals(prev!, t.k)) out[out.length - 1].push(t.v);
      else out.push([t.v]);
      prev = t.k;
    }
    return out;
  }),
);
def('unique_by', 1, ([c]) =>
  fromV((i, e) => {
    const ks = keyed(c, sortArr(i), e).sort(byKey);
    const out: Value[] = [];
    let prev: Value | undefined;
    for (const t of ks) {
      if (out.length && equals(prev!, t.k)) continue;
      out.push(t.v);
      prev = t.k;
    }
    return out;
  }),
);
v0('unique', (x) => {
  const s = sortArr(x).slice().sort((a, b) => compare(a, b));
  return s.filter((v, j) => j === 0 || compare(s[j - 1], v) !== 0);
});
function minMax(x: Value, keys: Value[] | null, max: boolean): Value {
  const a = sortArr(x);
  if (a.length === 0) return null;
  let best = 0;
  for (let j = 1; j < a.length; j++) {
    const c = keys ? compare(keys[j], keys[best]) : compare(a[j], a[best]);
    if (max ? c >= 0 : c < 0) best = j;
  }
  return a[best];
}
v0('min', (x) => minMax(x, null, false));
v0('max', (x) => minMax(x, null, true));
def('min_by', 1, ([c]) => fromV((i, e) => minMax(i, Array.isArray(i) ? i.map((v) => collect(c, v, e)) : null, false)));
def('max_by', 1, ([c]) => fromV((i, e) => minMax(i, Array.isArray(i) ? i.map((v) => collect(c, v, e)) : null, true)));
vN('bsearch', 1, (x, t) => {
  if (!Array.isArray(x)) throw err(`${desc(x)} cannot be searched from`);
  let lo = 0;
  let hi = x.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(x[mid], t);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1 - lo;
});

/** The builtins of this file. */
export const SORTING = map;
