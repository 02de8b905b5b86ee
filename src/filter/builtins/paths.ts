// Builtins on paths: recurse, path, paths, getpath, setpath, delpaths,
// del, and the update helpers of the prelude (_modify, map_values,
// to_entries).
import { firstOf, fromV, nonPath, type Emit, type F, type PF } from '../closures.js';
import { modify } from '../compile-bind.js';
import { desc, dumpTrunc, err, invalidPath } from '../errors.js';
import { delpaths, getpath, setpath, type Path } from '../indexing.js';
import { dumpJq } from '../print.js';
import { isObject, type Value } from '../values.js';
import { table } from './registry.js';

const { map, def, vN, alias } = table();

function recurseAll(v: Value, emit: Emit): void {
  emit(v);
  if (Array.isArray(v)) for (let j = 0; j < v.length; j++) recurseAll(v[j], emit);
  else if (isObject(v)) for (const k in v) recurseAll(v[k], emit);
}
function recursePaths(v: Value, p: Path | null, emit: (v: Value, p: Path | null) => void): void {
  emit(v, p);
  if (p === null) {
    if (Array.isArray(v) || isObject(v)) throw invalidPath(v, 'iterate through');
    return;
  }
  if (Array.isArray(v)) for (let j = 0; j < v.length; j++) recursePaths(v[j], [...p, j], emit);
  else if (isObject(v)) for (const k in v) recursePaths(v[k], [...p, k], emit);
}
def('recurse', 0, () => ({ f: (i, _e, emit) => recurseAll(i, emit), p: (i, path, _e, emit) => recursePaths(i, path, emit) }));

def('path', 1, ([c]) => {
  const f: F = (i, e, emit) =>
    c.p(i, [], e, (v, p) => {
      if (p === null) throw err(`Invalid path expression with result ${dumpTrunc(v)}`);
      emit(p);
    });
  return { f, p: nonPath(f) };
});
def('paths', 0, () => {
  const f: F = (i, _e, emit) =>
    recursePaths(i, [], (_v, p) => {
      if (p!.length > 0) emit(p);
    });
  return { f, p: nonPath(f) };
});
def('getpath', 1, ([pc]) => ({
  f: (i, e, emit) =>
    pc.f(i, e, (p) => emit(getpath(i, p))),
  p: (i, path, e, emit) =>
    pc.f(i, e, (p) => {
      if (!Array.isArray(p)) throw err('Path must be specified as an array');
      if (path === null) throw invalidPath(i, `access element ${dumpJq(p)} of`);
      emit(getpath(i, p), [...path, ...p]);
    }),
}));
vN('setpath', 2, (i, p, v) => setpath(i, p, v));
vN('delpaths', 1, (i, ps) => delpaths(i, ps));
def('del', 1, ([c]) => {
  const f: F = (i, e, emit) => {
    const ps: Value[] = [];
    c.p(i, [], e, (v, p) => {
      if (p === null) throw err(`Invalid path expression with result ${dumpTrunc(v)}`);
      ps.push(p);
    });
    emit(delpaths(i, ps));
  };
  return { f, p: nonPath(f) };
});
alias('drop/1', 'del/1');

// ---- update helpers used by the prelude ----

def('_modify', 2, ([paths, upd]) => {
  const f: F = (i, e, emit) => emit(modify(paths, i, e, (old) => firstOf(upd, old, e)));
  return { f, p: nonPath(f) };
});
def('map_values', 1, ([upd], cc) => {
  const each = cc.compileCall('_iter', []);
  const f: F = (i, e, emit) => emit(modify(each, i, e, (old) => firstOf(upd, old, e)));
  return { f, p: nonPath(f) };
});
def('_iter', 0, () => {
  const f: F = (i, _e, emit) => {
    if (Array.isArray(i)) i.forEach((x) => emit(x));
    else if (isObject(i)) for (const k in i) emit(i[k]);
    else throw err(`Cannot iterate over ${i === null ? 'null' : desc(i)}`);
  };
  const p: PF = (i, path, _e, emit) => {
    if (path === null) throw invalidPath(i, 'iterate through');
    if (Array.isArray(i)) i.forEach((x, j) => emit(x, [...path, j]));
    else if (isObject(i)) for (const k in i) emit(i[k], [...path, k]);
    else if (i !== null) throw err(`Cannot iterate over ${desc(i)}`);
  };
  return { f, p };
});
def('to_entries', 0, () =>
  fromV((i) => {
    if (!isObject(i)) {
      if (Array.isArray(i)) return i.map((v, k) => ({ key: k, value: v }));
      throw err(`${desc(i)} has no keys`);
    }
    const out: Value[] = [];
    for (const k in i) out.push({ key: k, value: i[k] });
    return out;
  }),
);

/** The builtins of this file. */
export const PATHS = map;
