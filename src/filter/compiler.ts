// AST -> closures. Every node compiles to a C:
//   f(input, env, emit)        generates the node's outputs (CPS: each output
//                              is passed to emit; returning = backtracking)
//   p(input, path, env, emit)  path mode: emits (value, path) pairs; path is
//                              null for a value that is not a path into the
//                              input (assignment and path() reject those)
//   v(input, env)              optional: the single output of a node that
//                              always yields exactly one value (fast path)
// Variables and closure parameters live in an immutable linked env of cells;
// the compiler resolves each name to a cell position, so a lookup is a fixed
// number of `.next` hops. Function calls walk up to the definition's env and
// push one closure cell per parameter.
import type { FuncDef, Node, Pattern } from './ast.js';
import { SyntaxError } from './lexer.js';
import {
  add,
  compare,
  copyObj,
  desc,
  div,
  dumpJq,
  dumpTrunc,
  equals,
  err,
  getKey,
  isObject,
  JqError,
  mod,
  mul,
  negate,
  setKey,
  sub,
  truthy,
  typeOf,
  cpLength,
  cpSlice,
  hasKey,
  type Obj,
  type Value,
} from './runtime.js';

export type Path = Value[];
export interface Env {
  v: any;
  next: Env | null;
}
export type Emit = (v: Value) => void;
export type PEmit = (v: Value, p: Path | null) => void;
export type F = (input: Value, env: Env | null, emit: Emit) => void;
export type PF = (input: Value, path: Path | null, env: Env | null, emit: PEmit) => void;
export type V = (input: Value, env: Env | null) => Value;
export interface C {
  f: F;
  p: PF;
  v?: V;
}
interface Closure {
  f: F;
  p: PF;
  env: Env | null;
}

/** Error raised downstream of a try body: must pass through that try. */
export class Downstream {
  constructor(
    readonly err: JqError,
    readonly tag: object,
  ) {}
}

export function wrapDownstream(emit: Emit, tag: object): Emit {
  return (v) => {
    try {
      emit(v);
    } catch (e) {
      if (e instanceof JqError) throw new Downstream(e, tag);
      throw e;
    }
  };
}

// ---------- runtime context ----------

export interface RunCtx {
  /** Next input value, or undefined at the end (for input/inputs). */
  nextInput: () => Value | undefined;
  /** 1-based index of the current input record. */
  rownum: number;
  stderr: (s: string) => void;
  halt: ((code: number) => never) | null;
}

export class HaltSignal {
  constructor(
    readonly code: number,
    readonly message: string | null,
  ) {}
}

// ---------- compile-time scope ----------

interface FuncInfo {
  name: string;
  arity: number;
  kind: 'def' | 'param';
  /** def: env cells in scope where it was defined; param: its cell. */
  depth: number;
  cell: number;
  def?: FuncDef;
  scope?: Scope;
  c?: C;
}

interface Scope {
  depth: number;
  vars: { name: string; cell: number; next: Scope['vars'] } | null;
  funcs: { info: FuncInfo; next: Scope['funcs'] } | null;
  labels: { name: string; cell: number; next: Scope['labels'] } | null;
}

export type NativeFn = (args: C[], cc: Compiler, pos: number) => C;

export interface CompileOptions {
  /** Named variables ($name) available to the program (--arg etc.). */
  vars?: Record<string, Value>;
}

export function walkEnv(env: Env | null, n: number): Env | null {
  while (n-- > 0) env = env!.next;
  return env;
}

function cellGetter(n: number): (env: Env | null) => any {
  switch (n) {
    case 0:
      return (env) => env!.v;
    case 1:
      return (env) => env!.next!.v;
    case 2:
      return (env) => env!.next!.next!.v;
    default:
      return (env) => {
        let e = env!;
        for (let i = n; i > 0; i--) e = e.next!;
        return e.v;
      };
  }
}

export function nonPath(f: F): PF {
  return (input, _path, env, emit) => f(input, env, (v) => emit(v, null));
}

/** A C from a single-valued function. */
export function fromV(v: V): C {
  const f: F = (input, env, emit) => emit(v(input, env));
  return { f, p: nonPath(f), v };
}

export function invalidPath(v: Value, what: string): JqError {
  return err(`Invalid path expression near attempt to ${what} ${dumpTrunc(v)}`);
}

// ---------- indexing ----------

function indexErr(t: Value, k: Value): JqError {
  if (typeof k === 'string' || typeof k === 'number') return err(`Cannot index ${typeOf(t)} with ${typeOf(k)} (${dumpTrunc(k)})`);
  return err(`Cannot index ${typeOf(t)} with ${typeOf(k)}`);
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
  throw err(`Cannot index ${typeOf(t)} with object`);
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
    if (!Array.isArray(v)) throw err(`Cannot update field at object index of ${typeOf(v)}`);
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
      if (!isObject(v)) throw err(`Cannot delete field at object index of ${typeOf(v)}`);
      if (!hasKey(v, k)) return v;
      const o: Obj = {};
      for (const kk in v) if (kk !== k) setKey(o, kk, v[kk]);
      return o;
    }
    if (typeof k === 'number') {
      if (!Array.isArray(v)) throw err(`Cannot delete field at index of ${typeOf(v)}`);
      if (k !== k) return v;
      let idx = Math.trunc(k);
      if (idx < 0) idx += v.length;
      if (idx < 0 || idx >= v.length) return v;
      const a = v.slice();
      a.splice(idx, 1);
      return a;
    }
    if (isObject(k)) {
      if (!Array.isArray(v)) throw err(`Cannot delete slice of ${typeOf(v)}`);
      const s = clampSliceIndex(getKey(k, 'start'), v.length, false);
      const e = clampSliceIndex(getKey(k, 'end'), v.length, true);
      if (e <= s) return v;
      return v.slice(0, s).concat(v.slice(e));
    }
    throw err(`Cannot delete field at index of ${typeOf(v)}`);
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

// ---------- the compiler ----------

const emptyF: F = () => {};
const identity: C = { f: (i, _e, emit) => emit(i), p: (i, path, _e, emit) => emit(i, path), v: (i) => i };

export class Compiler {
  private preludeInfos = new Map<string, FuncInfo>();
  constructor(
    readonly rt: RunCtx,
    private readonly natives: Map<string, NativeFn>,
    private readonly preludeDefs: Map<string, FuncDef>,
    private readonly globals: Map<string, Value>,
  ) {}

  static emptyScope(): Scope {
    return { depth: 0, vars: null, funcs: null, labels: null };
  }

  fail(msg: string, pos: number): never {
    throw new SyntaxError(msg, pos);
  }

  /** Compile a call to a builtin by name (used by natives for composition). */
  compileCall(name: string, args: C[], pos = 0): C {
    const nf = this.natives.get(`${name}/${args.length}`);
    if (nf) return nf(args, this, pos);
    this.fail(`${name}/${args.length} is not defined`, pos);
  }

  compileProgram(n: Node): C {
    return this.compile(n, Compiler.emptyScope());
  }

  private lookupFunc(scope: Scope, name: string, arity: number): FuncInfo | NativeFn | undefined {
    for (let f = scope.funcs; f; f = f.next) if (f.info.name === name && f.info.arity === arity) return f.info;
    const key = `${name}/${arity}`;
    let info = this.preludeInfos.get(key);
    if (info) return info;
    const def = this.preludeDefs.get(key);
    if (def) {
      info = { name, arity, kind: 'def', depth: 0, cell: -1, def, scope: Compiler.emptyScope() };
      this.preludeInfos.set(key, info);
      this.compileDefBody(info);
      return info;
    }
    return this.natives.get(key);
  }

  hasFunction(name: string, arity: number): boolean {
    return this.preludeDefs.has(`${name}/${arity}`) || this.natives.has(`${name}/${arity}`);
  }

  private compileDefBody(info: FuncInfo): void {
    const def = info.def!;
    let scope = info.scope!;
    // the function itself, then its parameters (closure cells)
    scope = { ...scope, funcs: { info, next: scope.funcs } };
    for (const p of def.params) {
      const pinfo: FuncInfo = { name: p.name, arity: 0, kind: 'param', depth: 0, cell: scope.depth };
      scope = { ...scope, depth: scope.depth + 1, funcs: { info: pinfo, next: scope.funcs } };
    }
    let body = def.body;
    for (let i = def.params.length - 1; i >= 0; i--) {
      const p = def.params[i];
      if (p.isVar) body = { k: 'bind', pos: def.pos, source: { k: 'call', pos: def.pos, name: p.name, args: [] }, patterns: [{ k: 'pvar', name: p.name, pos: def.pos }], body };
    }
    info.c = { f: emptyF, p: () => {} }; // placeholder for recursion during compile
    const c = this.compile(body, scope);
    info.c.f = c.f;
    info.c.p = c.p;
  }

  compile(n: Node, scope: Scope): C {
    switch (n.k) {
      case 'identity':
        return identity;
      case 'recurse':
        return this.compileCall('recurse', [], n.pos);
      case 'literal': {
        const val = n.value;
        const f: F = (_i, _e, emit) => emit(val);
        return { f, p: nonPath(f), v: () => val };
      }
      case 'index':
        return this.compileIndex(this.compile(n.target, scope), this.compile(n.index, scope));
      case 'slice':
        return this.compileSlice(n, scope);
      case 'iterate':
        return this.compileIterate(this.compile(n.target, scope));
      case 'try':
        return this.compileTry(this.compile(n.body, scope), n.handler ? this.compile(n.handler, scope) : null);
      case 'string':
        return this.compileString(n, scope);
      case 'format':
        return this.compileCall('format', [this.compile({ k: 'literal', pos: n.pos, value: n.name }, scope)], n.pos);
      case 'array':
        return this.compileArray(n.body ? this.compile(n.body, scope) : null);
      case 'object':
        return this.compileObject(n, scope);
      case 'neg': {
        const b = this.compile(n.body, scope);
        if (b.v) {
          const bv = b.v;
          return fromV((i, e) => negate(bv(i, e)));
        }
        const f: F = (i, e, emit) => b.f(i, e, (x) => emit(negate(x)));
        return { f, p: nonPath(f) };
      }
      case 'pipe':
        return this.compilePipe(this.compile(n.left, scope), this.compile(n.right, scope));
      case 'comma': {
        const l = this.compile(n.left, scope);
        const r = this.compile(n.right, scope);
        return {
          f: (i, e, emit) => {
            l.f(i, e, emit);
            r.f(i, e, emit);
          },
          p: (i, path, e, emit) => {
            l.p(i, path, e, emit);
            r.p(i, path, e, emit);
          },
        };
      }
      case 'binop':
        return this.compileBinop(n.op, this.compile(n.left, scope), this.compile(n.right, scope));
      case 'and':
      case 'or':
        return this.compileLogic(n.k, this.compile(n.left, scope), this.compile(n.right, scope));
      case 'alt':
        return this.compileAlt(this.compile(n.left, scope), this.compile(n.right, scope));
      case 'assign':
        return this.compileAssign(n.op, this.compile(n.left, scope), this.compile(n.right, scope));
      case 'if':
        return this.compileIf(this.compile(n.cond, scope), this.compile(n.then, scope), n.else ? this.compile(n.else, scope) : identity);
      case 'reduce':
        return this.compileReduce(n, scope);
      case 'foreach':
        return this.compileForeach(n, scope);
      case 'bind':
        return this.compileBind(n, scope);
      case 'label': {
        const inner: Scope = { ...scope, depth: scope.depth + 1, labels: { name: n.name, cell: scope.depth, next: scope.labels } };
        const body = this.compile(n.body, inner);
        return {
          f: (i, e, emit) => {
            const token = {};
            try {
              body.f(i, { v: token, next: e }, emit);
            } catch (x) {
              if (x !== token) throw x;
            }
          },
          p: (i, path, e, emit) => {
            const token = {};
            try {
              body.p(i, path, { v: token, next: e }, emit);
            } catch (x) {
              if (x !== token) throw x;
            }
          },
        };
      }
      case 'break': {
        let l = scope.labels;
        while (l && l.name !== n.name) l = l.next;
        if (!l) this.fail(`$*label-${n.name} is not defined`, n.pos);
        const get = cellGetter(scope.depth - 1 - l.cell);
        return {
          f: (_i, e) => {
            throw get(e);
          },
          p: (_i, _p, e) => {
            throw get(e);
          },
        };
      }
      case 'funcdefs': {
        let s = scope;
        for (const d of n.defs) {
          const info: FuncInfo = { name: d.name, arity: d.params.length, kind: 'def', depth: s.depth, cell: -1, def: d, scope: s };
          s = { ...s, funcs: { info, next: s.funcs } };
          this.compileDefBody(info);
        }
        return this.compile(n.body, s);
      }
      case 'call':
        return this.compileCallNode(n, scope);
      case 'var': {
        let b = scope.vars;
        while (b && b.name !== n.name) b = b.next;
        if (!b) {
          if (n.name === 'ENV') return this.compileCall('$ENV', [], n.pos);
          if (n.name === '__prog_args') {
            const val: Value = [];
            return fromV(() => val);
          }
          if (this.globals.has(n.name)) {
            const val = this.globals.get(n.name)!;
            return fromV(() => val);
          }
          this.fail(`$${n.name} is not defined`, n.pos);
        }
        const get = cellGetter(scope.depth - 1 - b.cell);
        return fromV((_i, e) => get(e));
      }
    }
  }

  private compileCallNode(n: Extract<Node, { k: 'call' }>, scope: Scope): C {
    const target = this.lookupFunc(scope, n.name, n.args.length);
    if (!target) this.fail(`${n.name}/${n.args.length} is not defined`, n.pos);
    if (typeof target === 'function') {
      const args = n.args.map((a) => this.compile(a, scope));
      return target(args, this, n.pos);
    }
    const info = target;
    if (info.kind === 'param') {
      const get = cellGetter(scope.depth - 1 - info.cell);
      return {
        f: (i, e, emit) => {
          const c = get(e) as Closure;
          c.f(i, c.env, emit);
        },
        p: (i, path, e, emit) => {
          const c = get(e) as Closure;
          c.p(i, path, c.env, emit);
        },
      };
    }
    const up = scope.depth - info.depth;
    const args = n.args.map((a) => this.compile(a, scope));
    const nargs = args.length;
    if (nargs === 0) {
      return {
        f: (i, e, emit) => info.c!.f(i, walkEnv(e, up), emit),
        p: (i, path, e, emit) => info.c!.p(i, path, walkEnv(e, up), emit),
      };
    }
    const mkEnv = (e: Env | null): Env | null => {
      let ne = walkEnv(e, up);
      for (let k = 0; k < nargs; k++) ne = { v: { f: args[k].f, p: args[k].p, env: e } as Closure, next: ne };
      return ne;
    };
    return {
      f: (i, e, emit) => info.c!.f(i, mkEnv(e), emit),
      p: (i, path, e, emit) => info.c!.p(i, path, mkEnv(e), emit),
    };
  }

  compilePipe(l: C, r: C): C {
    if (l === identity) return r;
    if (r === identity) return l;
    const lf = l.f;
    const rf = r.f;
    const lp = l.p;
    const rp = r.p;
    let v: V | undefined;
    if (l.v && r.v) {
      const lv = l.v;
      const rv = r.v;
      v = (i, e) => rv(lv(i, e), e);
    }
    const f: F = l.v
      ? ((lv) => (i, e, emit) => rf(lv(i, e), e, emit))(l.v)
      : (i, e, emit) => lf(i, e, (x) => rf(x, e, emit));
    return { f, p: (i, path, e, emit) => lp(i, path, e, (x, xp) => rp(x, xp, e, emit)), v };
  }

  compileIndex(t: C, k: C): C {
    const tf = t.f;
    const kf = k.f;
    const tp = t.p;
    let v: V | undefined;
    let f: F;
    if (t.v && k.v) {
      const tv = t.v;
      const kv = k.v;
      if (t === identity) v = (i, e) => index(i, kv(i, e));
      else v = (i, e) => index(tv(i, e), kv(i, e));
      const vv = v;
      f = (i, e, emit) => emit(vv(i, e));
    } else if (k.v) {
      const kv = k.v;
      f = (i, e, emit) => {
        const key = kv(i, e);
        tf(i, e, (x) => emit(index(x, key)));
      };
    } else f = (i, e, emit) => kf(i, e, (key) => tf(i, e, (x) => emit(index(x, key))));
    const p: PF = (i, path, e, emit) =>
      kf(i, e, (key) =>
        tp(i, path, e, (x, xp) => {
          if (xp === null) throw invalidPath(x, `access element ${dumpJq(key)} of`);
          emit(x === null ? null : index(x, key), [...xp, key]);
        }),
      );
    return { f, p, v };
  }

  private compileSlice(n: Extract<Node, { k: 'slice' }>, scope: Scope): C {
    const t = this.compile(n.target, scope);
    const from = n.from ? this.compile(n.from, scope) : null;
    const to = n.to ? this.compile(n.to, scope) : null;
    const gen = (i: Value, e: Env | null, cb: (s: Value, t: Value) => void) => {
      const withFrom = (fv: Value) => (to ? to.f(i, e, (tv) => cb(fv, tv)) : cb(fv, null));
      if (from) from.f(i, e, withFrom);
      else withFrom(null);
    };
    return {
      f: (i, e, emit) => gen(i, e, (s, en) => t.f(i, e, (x) => emit(slice(x, s, en)))),
      p: (i, path, e, emit) =>
        gen(i, e, (s, en) =>
          t.p(i, path, e, (x, xp) => {
            const key = { start: s, end: en };
            if (xp === null) throw invalidPath(x, `access element ${dumpJq(key)} of`);
            emit(slice(x, s, en), [...xp, key]);
          }),
        ),
    };
  }

  private compileIterate(t: C): C {
    const each = (x: Value, emit: Emit) => {
      if (Array.isArray(x)) {
        for (let j = 0; j < x.length; j++) emit(x[j]);
      } else if (isObject(x)) {
        for (const k in x) emit(x[k]);
      } else throw err(`Cannot iterate over ${x === null ? 'null' : desc(x)}`);
    };
    const tf = t.f;
    const f: F = t === identity ? (i, _e, emit) => each(i, emit) : (i, e, emit) => tf(i, e, (x) => each(x, emit));
    const p: PF = (i, path, e, emit) =>
      t.p(i, path, e, (x, xp) => {
        if (xp === null) throw invalidPath(x, 'iterate through');
        if (Array.isArray(x)) {
          for (let j = 0; j < x.length; j++) emit(x[j], [...xp, j]);
        } else if (isObject(x)) {
          for (const k in x) emit(x[k], [...xp, k]);
        } else if (x === null) {
          // jq: iterating null in path mode yields nothing
        } else throw err(`Cannot iterate over ${desc(x)}`);
      });
    return { f, p };
  }

  compileTry(body: C, handler: C | null): C {
    const bf = body.f;
    const bp = body.p;
    return {
      f: (i, e, emit) => {
        const tag = {};
        try {
          bf(i, e, wrapDownstream(emit, tag));
        } catch (x) {
          if (x instanceof Downstream) {
            if (x.tag === tag) throw x.err;
            throw x;
          }
          if (!(x instanceof JqError)) throw x;
          if (handler) handler.f(x.value, e, emit);
        }
      },
      p: (i, path, e, emit) => {
        const tag = {};
        try {
          bp(i, path, e, (v, vp) => {
            try {
              emit(v, vp);
            } catch (x) {
              if (x instanceof JqError) throw new Downstream(x, tag);
              throw x;
            }
          });
        } catch (x) {
          if (x instanceof Downstream) {
            if (x.tag === tag) throw x.err;
            throw x;
          }
          if (!(x instanceof JqError)) throw x;
          if (handler) handler.p(x.value, null, e, emit);
        }
      },
    };
  }

  private compileString(n: Extract<Node, { k: 'string' }>, scope: Scope): C {
    const fmt = n.fmt ?? 'text';
    const fmtC = this.compileCall('format', [this.compile({ k: 'literal', pos: n.pos, value: fmt }, scope)], n.pos);
    const parts = n.parts.map((p) => (typeof p === 'string' ? p : this.compilePipe(this.compile(p, scope), fmtC)));
    if (parts.every((p) => typeof p === 'string' || p.v)) {
      const ps = parts.map((p) => (typeof p === 'string' ? p : p.v!));
      return fromV((i, e) => {
        let s = '';
        for (const p of ps) {
          if (typeof p === 'string') s += p;
          else s += p(i, e) as string;
        }
        return s;
      });
    }
    const f: F = (i, e, emit) => {
      const rec = (k: number, right: string): void => {
        if (k < 0) {
          emit(right);
          return;
        }
        const p = parts[k];
        if (typeof p === 'string') rec(k - 1, p + right);
        else p.f(i, e, (v) => rec(k - 1, (v as string) + right));
      };
      rec(parts.length - 1, '');
    };
    return { f, p: nonPath(f) };
  }

  private compileArray(body: C | null): C {
    if (!body) return fromV(() => []);
    const bf = body.f;
    if (body.v) {
      const bv = body.v;
      return fromV((i, e) => [bv(i, e)]);
    }
    return fromV((i, e) => {
      const out: Value[] = [];
      bf(i, e, (v) => {
        out.push(v);
      });
      return out;
    });
  }

  private compileObject(n: Extract<Node, { k: 'object' }>, scope: Scope): C {
    type Ent = { key: string | C; val: C };
    const ents: Ent[] = n.entries.map((en) => {
      let key: string | C;
      if (typeof en.key === 'string') key = en.key;
      else key = this.compile(en.key, scope);
      let val: C;
      if (en.value) val = this.compile(en.value, scope);
      else if (en.varName !== undefined) val = this.compile({ k: 'var', pos: en.pos, name: en.varName }, scope);
      else if (typeof en.key === 'string') val = this.compileIndex(identity, fromV(((k) => () => k)(en.key)));
      else val = this.compileIndex(identity, key as C);
      return { key, val };
    });
    const checkKey = (k: Value): string => {
      if (typeof k !== 'string') throw err(`Object keys must be strings`);
      return k;
    };
    if (ents.every((en) => typeof en.key === 'string' && en.val.v)) {
      const keys = ents.map((en) => en.key as string);
      const vals = ents.map((en) => en.val.v!);
      const safe = keys.every((k) => k !== '__proto__');
      const nk = keys.length;
      return fromV((i, e) => {
        const o: Obj = {};
        if (safe) for (let j = 0; j < nk; j++) o[keys[j]] = vals[j](i, e);
        else for (let j = 0; j < nk; j++) setKey(o, keys[j], vals[j](i, e));
        return o;
      });
    }
    const nEnt = ents.length;
    const f: F = (i, e, emit) => {
      const ks: string[] = new Array(nEnt);
      const vs: Value[] = new Array(nEnt);
      const rec = (j: number): void => {
        if (j === nEnt) {
          const o: Obj = {};
          for (let m = 0; m < nEnt; m++) setKey(o, ks[m], vs[m]);
          emit(o);
          return;
        }
        const en = ents[j];
        const withKey = (k: string) => {
          en.val.f(i, e, (v) => {
            ks[j] = k;
            vs[j] = v;
            rec(j + 1);
          });
        };
        if (typeof en.key === 'string') withKey(en.key);
        else en.key.f(i, e, (k) => withKey(checkKey(k)));
      };
      rec(0);
    };
    return { f, p: nonPath(f) };
  }

  private compileBinop(op: string, l: C, r: C): C {
    let fn: (a: Value, b: Value) => Value;
    switch (op) {
      case '+':
        fn = add;
        break;
      case '-':
        fn = sub;
        break;
      case '*':
        fn = mul;
        break;
      case '/':
        fn = div;
        break;
      case '%':
        fn = mod;
        break;
      case '==':
        fn = (a, b) => equals(a, b);
        break;
      case '!=':
        fn = (a, b) => !equals(a, b);
        break;
      case '<':
        fn = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a < b : compare(a, b) < 0);
        break;
      case '<=':
        fn = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a <= b : compare(a, b) <= 0);
        break;
      case '>':
        fn = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a > b : compare(a, b) > 0);
        break;
      case '>=':
        fn = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a >= b : compare(a, b) >= 0);
        break;
      default:
        throw new Error(op);
    }
    if (l.v && r.v) {
      const lv = l.v;
      const rv = r.v;
      return fromV((i, e) => {
        const b = rv(i, e);
        return fn(lv(i, e), b);
      });
    }
    const lf = l.f;
    const rf = r.f;
    const f: F = (i, e, emit) => rf(i, e, (b) => lf(i, e, (a) => emit(fn(a, b))));
    return { f, p: nonPath(f) };
  }

  private compileLogic(kind: 'and' | 'or', l: C, r: C): C {
    if (l.v && r.v) {
      const lv = l.v;
      const rv = r.v;
      return fromV(kind === 'and' ? (i, e) => truthy(lv(i, e)) && truthy(rv(i, e)) : (i, e) => truthy(lv(i, e)) || truthy(rv(i, e)));
    }
    const f: F =
      kind === 'and'
        ? (i, e, emit) =>
            l.f(i, e, (a) => {
              if (!truthy(a)) emit(false);
              else r.f(i, e, (b) => emit(truthy(b)));
            })
        : (i, e, emit) =>
            l.f(i, e, (a) => {
              if (truthy(a)) emit(true);
              else r.f(i, e, (b) => emit(truthy(b)));
            });
    return { f, p: nonPath(f) };
  }

  private compileAlt(l: C, r: C): C {
    return {
      f: (i, e, emit) => {
        let any = false;
        const tag = {};
        try {
          l.f(i, e, (v) => {
            if (truthy(v)) {
              any = true;
              try {
                emit(v);
              } catch (x) {
                if (x instanceof JqError) throw new Downstream(x, tag);
                throw x;
              }
            }
          });
        } catch (x) {
          if (x instanceof Downstream && x.tag === tag) throw x.err;
          if (!(x instanceof JqError)) throw x;
        }
        if (!any) r.f(i, e, emit);
      },
      p: (i, path, e, emit) => {
        let any = false;
        const tag = {};
        try {
          l.p(i, path, e, (v, vp) => {
            if (truthy(v)) {
              any = true;
              try {
                emit(v, vp);
              } catch (x) {
                if (x instanceof JqError) throw new Downstream(x, tag);
                throw x;
              }
            }
          });
        } catch (x) {
          if (x instanceof Downstream && x.tag === tag) throw x.err;
          if (!(x instanceof JqError)) throw x;
        }
        if (!any) r.p(i, path, e, emit);
      },
    };
  }

  /** All paths of `lhs` on input (evaluated before any update). */
  private paths(lhs: C, i: Value, e: Env | null): Path[] {
    const out: Path[] = [];
    lhs.p(i, [], e, (v, p) => {
      if (p === null) throw err(`Invalid path expression with result ${dumpTrunc(v)}`);
      out.push(p);
    });
    return out;
  }

  private compileAssign(op: string, l: C, r: C): C {
    let f: F;
    if (op === '|=') {
      f = (i, e, emit) => emit(this.modify(l, i, e, (old) => firstOf(r, old, e)));
    } else if (op === '=') {
      f = (i, e, emit) =>
        r.f(i, e, (val) => {
          const owned = new WeakSet<object>();
          let out = i;
          for (const p of this.paths(l, i, e)) out = setpath(out, p, val, owned);
          emit(out);
        });
    } else {
      const base = op.slice(0, -1);
      const fn: (a: Value, b: Value) => Value =
        base === '+' ? add : base === '-' ? sub : base === '*' ? mul : base === '/' ? div : base === '%' ? mod : (a, b) => (truthy(a) ? a : b);
      f = (i, e, emit) =>
        r.f(i, e, (rv) => {
          const owned = new WeakSet<object>();
          let out = i;
          for (const p of this.paths(l, i, e)) out = setpath(out, p, fn(getpath(out, p), rv), owned);
          emit(out);
        });
    }
    return { f, p: nonPath(f) };
  }

  /** jq's _modify: update each path with the first output of `upd`;
   * paths whose update is empty are deleted at the end. */
  modify(l: C, i: Value, e: Env | null, upd: (old: Value) => Value | undefined): Value {
    const owned = new WeakSet<object>();
    let out = i;
    const dels: Path[] = [];
    for (const p of this.paths(l, i, e)) {
      const nv = upd(getpath(out, p));
      if (nv === undefined) dels.push(p);
      else out = setpath(out, p, nv, owned);
    }
    return dels.length ? delpaths(out, dels) : out;
  }

  private compileIf(cond: C, then: C, els: C): C {
    if (cond.v) {
      const cv = cond.v;
      let v: V | undefined;
      if (then.v && els.v) {
        const tv = then.v;
        const ev = els.v;
        v = (i, e) => (truthy(cv(i, e)) ? tv(i, e) : ev(i, e));
      }
      return {
        f: (i, e, emit) => (truthy(cv(i, e)) ? then.f(i, e, emit) : els.f(i, e, emit)),
        p: (i, path, e, emit) => (truthy(cv(i, e)) ? then.p(i, path, e, emit) : els.p(i, path, e, emit)),
        v,
      };
    }
    return {
      f: (i, e, emit) => cond.f(i, e, (c) => (truthy(c) ? then.f(i, e, emit) : els.f(i, e, emit))),
      p: (i, path, e, emit) => cond.f(i, e, (c) => (truthy(c) ? then.p(i, path, e, emit) : els.p(i, path, e, emit))),
    };
  }

  // ---- variables and destructuring ----

  private patternVars(ps: Pattern[]): string[] {
    const names: string[] = [];
    const add = (n: string) => {
      if (!names.includes(n)) names.push(n);
    };
    const walk = (p: Pattern) => {
      if (p.k === 'pvar') add(p.name);
      else if (p.k === 'parray') p.elems.forEach(walk);
      else
        for (const en of p.entries) {
          if (en.varName) add(en.varName);
          if (en.value) walk(en.value);
        }
    };
    ps.forEach(walk);
    return names;
  }

  /** Compile a pattern to a destructuring function that fills vals. */
  private compilePattern(p: Pattern, names: string[], scope: Scope): (v: Value, e: Env | null, vals: Value[], k: () => void) => void {
    if (p.k === 'pvar') {
      const idx = names.indexOf(p.name);
      return (v, _e, vals, k) => {
        vals[idx] = v;
        k();
      };
    }
    if (p.k === 'parray') {
      const subs = p.elems.map((el) => this.compilePattern(el, names, scope));
      return (v, e, vals, k) => {
        if (v !== null && !Array.isArray(v)) throw err(`Cannot index ${typeOf(v)} with number`);
        const rec = (j: number): void => {
          if (j === subs.length) return k();
          subs[j](index(v, j), e, vals, () => rec(j + 1));
        };
        rec(0);
      };
    }
    const ents = p.entries.map((en) => {
      const key: string | C = en.key === null ? en.varName! : typeof en.key === 'string' ? en.key : this.compile(en.key, scope);
      return {
        key,
        varIdx: en.varName ? names.indexOf(en.varName) : -1,
        sub: en.value ? this.compilePattern(en.value, names, scope) : null,
      };
    });
    return (v, e, vals, k) => {
      const rec = (j: number): void => {
        if (j === ents.length) return k();
        const en = ents[j];
        const withKey = (key: Value) => {
          if (typeof key !== 'string') throw err(`Cannot index ${typeOf(v)} with ${typeOf(key)}`);
          if (v !== null && !isObject(v)) throw err(`Cannot index ${typeOf(v)} with ${typeOf(key)} (${dumpTrunc(key)})`);
          const fv = index(v, key);
          if (en.varIdx >= 0) vals[en.varIdx] = fv;
          if (en.sub) en.sub(fv, e, vals, () => rec(j + 1));
          else rec(j + 1);
        };
        if (typeof en.key === 'string') withKey(en.key);
        else en.key.f(v, e, withKey);
      };
      rec(0);
    };
  }

  private bindScope(scope: Scope, names: string[]): Scope {
    let s = scope;
    for (const name of names) s = { ...s, depth: s.depth + 1, vars: { name, cell: s.depth, next: s.vars } };
    return s;
  }

  /** Destructuring with ?// alternatives: calls cb(env2) per binding. */
  private makeBinder(patterns: Pattern[], scope: Scope): { inner: Scope; bind: (v: Value, e: Env | null, cb: (e2: Env | null) => void, retryOnError: boolean) => void } {
    const names = this.patternVars(patterns);
    const inner = this.bindScope(scope, names);
    const nn = names.length;
    if (patterns.length === 1 && patterns[0].k === 'pvar') {
      return { inner, bind: (v, e, cb) => cb({ v, next: e }) };
    }
    const dests = patterns.map((p) => this.compilePattern(p, names, scope));
    const push = (e: Env | null, vals: Value[]): Env | null => {
      let ne = e;
      for (let j = 0; j < nn; j++) ne = { v: vals[j], next: ne };
      return ne;
    };
    return {
      inner,
      bind: (v, e, cb, retry) => {
        for (let a = 0; a < dests.length; a++) {
          const vals: Value[] = new Array(nn).fill(null);
          if (a === dests.length - 1) {
            dests[a](v, e, vals, () => cb(push(e, vals)));
            return;
          }
          const tag = {};
          try {
            dests[a](v, e, vals, () => {
              if (!retry) {
                try {
                  cb(push(e, vals));
                } catch (x) {
                  if (x instanceof JqError) throw new Downstream(x, tag);
                  throw x;
                }
              } else cb(push(e, vals));
            });
            return;
          } catch (x) {
            if (x instanceof Downstream && x.tag === tag) throw x.err;
            if (!(x instanceof JqError)) throw x;
          }
        }
      },
    };
  }

  private compileBind(n: Extract<Node, { k: 'bind' }>, scope: Scope): C {
    const source = this.compile(n.source, scope);
    const { inner, bind } = this.makeBinder(n.patterns, scope);
    const body = this.compile(n.body, inner);
    const alts = n.patterns.length > 1;
    if (!alts && n.patterns[0].k === 'pvar') {
      const bf = body.f;
      const f: F = source.v
        ? ((sv) => (i, e, emit) => bf(i, { v: sv(i, e), next: e }, emit))(source.v)
        : (i, e, emit) => source.f(i, e, (v) => bf(i, { v, next: e }, emit));
      let v: V | undefined;
      if (source.v && body.v) {
        const sv = source.v;
        const bv = body.v;
        v = (i, e) => bv(i, { v: sv(i, e), next: e });
      }
      return { f, p: (i, path, e, emit) => source.f(i, e, (v) => body.p(i, path, { v, next: e }, emit)), v };
    }
    return {
      f: (i, e, emit) =>
        source.f(i, e, (v) => {
          if (!alts) {
            bind(v, e, (e2) => body.f(i, e2, emit), false);
            return;
          }
          const tag = {};
          try {
            bind(v, e, (e2) => body.f(i, e2, wrapDownstream(emit, tag)), true);
          } catch (x) {
            if (x instanceof Downstream && x.tag === tag) throw x.err;
            throw x;
          }
        }),
      p: (i, path, e, emit) => source.f(i, e, (v) => bind(v, e, (e2) => body.p(i, path, e2, emit), alts)),
    };
  }

  private compileReduce(n: Extract<Node, { k: 'reduce' }>, scope: Scope): C {
    const source = this.compile(n.source, scope);
    const init = this.compile(n.init, scope);
    const { inner, bind } = this.makeBinder(n.patterns, scope);
    const update = this.compile(n.update, inner);
    const uf = update.f;
    const f: F = (i, e, emit) =>
      init.f(i, e, (acc0) => {
        let acc: Value = acc0;
        source.f(i, e, (v) =>
          bind(
            v,
            e,
            (e2) => {
              let last: Value | undefined;
              uf(acc, e2, (r) => {
                last = r;
              });
              acc = last === undefined ? null : last;
            },
            false,
          ),
        );
        emit(acc);
      });
    return { f, p: nonPath(f) };
  }

  private compileForeach(n: Extract<Node, { k: 'foreach' }>, scope: Scope): C {
    const source = this.compile(n.source, scope);
    const init = this.compile(n.init, scope);
    const { inner, bind } = this.makeBinder(n.patterns, scope);
    const update = this.compile(n.update, inner);
    const extract = n.extract ? this.compile(n.extract, inner) : null;
    const f: F = (i, e, emit) =>
      init.f(i, e, (acc0) => {
        let acc: Value = acc0;
        source.f(i, e, (v) =>
          bind(
            v,
            e,
            (e2) =>
              update.f(acc, e2, (r) => {
                acc = r;
                if (extract) extract.f(r, e2, emit);
                else emit(r);
              }),
            false,
          ),
        );
      });
    return { f, p: nonPath(f) };
  }
}

/** First output of c on input, or undefined when it is empty. */
export function firstOf(c: C, input: Value, env: Env | null): Value | undefined {
  if (c.v) return c.v(input, env);
  const stop = {};
  let out: Value | undefined;
  try {
    c.f(input, env, (v) => {
      out = v;
      throw stop;
    });
  } catch (x) {
    if (x !== stop) throw x;
  }
  return out;
}

export { identity as identityC };
