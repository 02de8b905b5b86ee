// Compiling the nodes that bind or update: `as` bindings with destructuring
// patterns and ?// alternatives, reduce, foreach, and assignments (with
// jq's _modify, which the prelude's update operators use too).
import { typeName } from '../kit/text.js';
import type { AssignOp, Node, Pattern } from './ast.js';
import { caught, Downstream, firstOf, nonPath, wrapDownstream, type C, type Env, type F, type V } from './closures.js';
import type { CompilerApi, NodeCompilers, Scope } from './scope.js';
import { dumpTrunc, err, JqError } from './errors.js';
import { delpaths, getpath, index, setpath, type Path } from './indexing.js';
import { tick } from './memory.js';
import { add, div, mod, mul, sub } from './runtime.js';
import { isObject, truthy, type Value } from './values.js';

/** Compilers of the binding and assignment kinds of nodes. */
export const BINDINGS: Pick<NodeCompilers, 'bind' | 'reduce' | 'foreach' | 'assign'> = {
  bind: compileBind,
  reduce: compileReduce,
  foreach: compileForeach,
  assign: (cc, n, scope) => compileAssign(n.op, cc.compile(n.left, scope), cc.compile(n.right, scope)),
};

/** Fills vals from a value by a pattern, then calls k. */
type Destructure = (v: Value, e: Env | null, vals: Value[], k: () => void) => void;

/** A compiled `as` binding: the scope of its body, and bind(), which calls
 * cb with the env of each binding. */
interface Binder {
  inner: Scope;
  bind: (v: Value, e: Env | null, cb: (e2: Env | null) => void, retryOnError: boolean) => void;
}

/** All paths of `lhs` on input (evaluated before any update). */
function paths(lhs: C, i: Value, e: Env | null): Path[] {
  const out: Path[] = [];
  lhs.p(i, [], e, (v, p) => {
    if (p === null) throw err(`Invalid path expression with result ${dumpTrunc(v)}`);
    out.push(p);
  });
  return out;
}

function compileAssign(op: AssignOp, l: C, r: C): C {
  let f: F;
  if (op === '|=') {
    f = (i, e, emit) => emit(modify(l, i, e, (old) => firstOf(r, old, e)));
  } else if (op === '=') {
    f = (i, e, emit) =>
      r.f(i, e, (val) => {
        const owned = new WeakSet<object>();
        let out = i;
        for (const p of paths(l, i, e)) out = setpath(out, p, val, owned);
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
        for (const p of paths(l, i, e)) out = setpath(out, p, fn(getpath(out, p), rv), owned);
        emit(out);
      });
  }
  return { f, p: nonPath(f) };
}

/** jq's _modify: update each path with the first output of `upd`;
 * paths whose update is empty are deleted at the end. */
export function modify(l: C, i: Value, e: Env | null, upd: (old: Value) => Value | undefined): Value {
  const owned = new WeakSet<object>();
  let out = i;
  const dels: Path[] = [];
  for (const p of paths(l, i, e)) {
    const nv = upd(getpath(out, p));
    if (nv === undefined) dels.push(p);
    else out = setpath(out, p, nv, owned);
  }
  return dels.length ? delpaths(out, dels) : out;
}

function patternVars(ps: Pattern[]): string[] {
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
function compilePattern(cc: CompilerApi, p: Pattern, names: string[], scope: Scope): Destructure {
  if (p.k === 'pvar') {
    const idx = names.indexOf(p.name);
    return (v, _e, vals, k) => {
      vals[idx] = v;
      k();
    };
  }
  if (p.k === 'parray') {
    const subs = p.elems.map((el) => compilePattern(cc, el, names, scope));
    return (v, e, vals, k) => {
      if (v !== null && !Array.isArray(v)) throw err(`Cannot index ${typeName(v)} with number`);
      const rec = (j: number): void => {
        if (j === subs.length) return k();
        subs[j](index(v, j), e, vals, () => rec(j + 1));
      };
      rec(0);
    };
  }
  const ents = p.entries.map((en) => {
    const key: string | C = en.key === null ? en.varName! : typeof en.key === 'string' ? en.key : cc.compile(en.key, scope);
    return {
      key,
      varIdx: en.varName ? names.indexOf(en.varName) : -1,
      sub: en.value ? compilePattern(cc, en.value, names, scope) : null,
    };
  });
  return (v, e, vals, k) => {
    const rec = (j: number): void => {
      if (j === ents.length) return k();
      const en = ents[j];
      const withKey = (key: Value) => {
        if (typeof key !== 'string') throw err(`Cannot index ${typeName(v)} with ${typeName(key)}`);
        if (v !== null && !isObject(v)) throw err(`Cannot index ${typeName(v)} with ${typeName(key)} (${dumpTrunc(key)})`);
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

function bindScope(scope: Scope, names: string[]): Scope {
  let s = scope;
  for (const name of names) s = { ...s, depth: s.depth + 1, vars: { name, cell: s.depth, next: s.vars } };
  return s;
}

/** Destructuring with ?// alternatives: calls cb(env2) per binding. */
function makeBinder(cc: CompilerApi, patterns: Pattern[], scope: Scope): Binder {
  const names = patternVars(patterns);
  const inner = bindScope(scope, names);
  const nn = names.length;
  if (patterns.length === 1 && patterns[0].k === 'pvar') {
    return { inner, bind: (v, e, cb) => cb({ v, next: e }) };
  }
  const dests = patterns.map((p) => compilePattern(cc, p, names, scope));
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
          caught(x, tag); // this alternative did not match: try the next
        }
      }
    },
  };
}

function compileBind(cc: CompilerApi, n: Extract<Node, { k: 'bind' }>, scope: Scope): C {
  const source = cc.compile(n.source, scope);
  const { inner, bind } = makeBinder(cc, n.patterns, scope);
  const body = cc.compile(n.body, inner);
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

function compileReduce(cc: CompilerApi, n: Extract<Node, { k: 'reduce' }>, scope: Scope): C {
  const source = cc.compile(n.source, scope);
  const init = cc.compile(n.init, scope);
  const { inner, bind } = makeBinder(cc, n.patterns, scope);
  const update = cc.compile(n.update, inner);
  const uf = update.f;
  const f: F = (i, e, emit) =>
    init.f(i, e, (acc0) => {
      let acc: Value = acc0;
      source.f(i, e, (v) =>
        bind(
          v,
          e,
          (e2) => {
            tick();
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

function compileForeach(cc: CompilerApi, n: Extract<Node, { k: 'foreach' }>, scope: Scope): C {
  const source = cc.compile(n.source, scope);
  const init = cc.compile(n.init, scope);
  const { inner, bind } = makeBinder(cc, n.patterns, scope);
  const update = cc.compile(n.update, inner);
  const extract = n.extract ? cc.compile(n.extract, inner) : null;
  const f: F = (i, e, emit) =>
    init.f(i, e, (acc0) => {
      let acc: Value = acc0;
      source.f(i, e, (v) =>
        bind(
          v,
          e,
          (e2) => {
            tick();
            update.f(acc, e2, (r) => {
              acc = r;
              if (extract) extract.f(r, e2, emit);
              else emit(r);
            });
          },
          false,
        ),
      );
    });
  return { f, p: nonPath(f) };
}
