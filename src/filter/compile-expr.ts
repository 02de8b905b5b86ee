// Compiling the expression nodes of the AST (the compiler's dispatch table
// takes each kind from here, from compile-chain.ts or from compile-bind.ts):
// indexing, iteration, try, strings, arrays, objects, negation, conditionals,
// labels, variables.
import type { Node } from './ast.js';
import { compilePipe } from './compile-chain.js';
import { caught, cellGetter, fromV, identity, nonPath, wrapDownstream, type C, type Emit, type Env, type F, type PF, type V } from './closures.js';
import type { CompilerApi, NodeCompilers, Scope } from './scope.js';
import { desc, err, invalidPath } from './errors.js';
import { index, slice } from './indexing.js';
import { checkLength, tick } from './memory.js';
import { dumpJq } from './print.js';
import { negate } from './runtime.js';
import { isObject, setKey, truthy, type Obj, type Value } from './values.js';

/** Compilers of the expression kinds of nodes. */
export const EXPRESSIONS: Omit<NodeCompilers, 'call' | 'funcdefs' | 'bind' | 'reduce' | 'foreach' | 'assign' | 'pipe' | 'comma' | 'binop' | 'and' | 'or' | 'alt'> = {
  identity: () => identity,
  recurse: (cc, n) => cc.compileCall('recurse', [], n.pos),
  literal: (_cc, n) => {
    const val = n.value;
    const f: F = (_i, _e, emit) => emit(val);
    return { f, p: nonPath(f), v: () => val };
  },
  index: (cc, n, scope) => compileIndex(cc.compile(n.target, scope), cc.compile(n.index, scope)),
  slice: compileSlice,
  iterate: (cc, n, scope) => compileIterate(cc.compile(n.target, scope)),
  try: (cc, n, scope) => compileTry(cc.compile(n.body, scope), n.handler ? cc.compile(n.handler, scope) : null),
  string: compileString,
  format: (cc, n, scope) => cc.compileCall('format', [cc.compile({ k: 'literal', pos: n.pos, value: n.name }, scope)], n.pos),
  array: (cc, n, scope) => compileArray(n.body ? cc.compile(n.body, scope) : null),
  object: compileObject,
  neg: (cc, n, scope) => {
    const b = cc.compile(n.body, scope);
    if (b.v) {
      const bv = b.v;
      return fromV((i, e) => negate(bv(i, e)));
    }
    const f: F = (i, e, emit) => b.f(i, e, (x) => emit(negate(x)));
    return { f, p: nonPath(f) };
  },
  if: (cc, n, scope) => compileIf(cc.compile(n.cond, scope), cc.compile(n.then, scope), n.else ? cc.compile(n.else, scope) : identity),
  label: compileLabel,
  break: compileBreak,
  var: compileVar,
};

function compileLabel(cc: CompilerApi, n: Extract<Node, { k: 'label' }>, scope: Scope): C {
  const inner: Scope = { ...scope, depth: scope.depth + 1, labels: { name: n.name, cell: scope.depth, next: scope.labels } };
  const body = cc.compile(n.body, inner);
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

function compileBreak(cc: CompilerApi, n: Extract<Node, { k: 'break' }>, scope: Scope): C {
  let l = scope.labels;
  while (l && l.name !== n.name) l = l.next;
  if (!l) cc.fail(`$*label-${n.name} is not defined`, n.pos);
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

function compileVar(cc: CompilerApi, n: Extract<Node, { k: 'var' }>, scope: Scope): C {
  let b = scope.vars;
  while (b && b.name !== n.name) b = b.next;
  if (!b) {
    if (n.name === 'ENV') return cc.compileCall('$ENV', [], n.pos);
    if (n.name === '__prog_args') {
      const val: Value = [];
      return fromV(() => val);
    }
    const val = cc.global(n.name);
    if (val !== undefined) return fromV(() => val);
    cc.fail(`$${n.name} is not defined`, n.pos);
  }
  const get = cellGetter(scope.depth - 1 - b.cell);
  return fromV((_i, e) => get(e));
}

function compileIndex(t: C, k: C): C {
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

function compileSlice(cc: CompilerApi, n: Extract<Node, { k: 'slice' }>, scope: Scope): C {
  const t = cc.compile(n.target, scope);
  const from = n.from ? cc.compile(n.from, scope) : null;
  const to = n.to ? cc.compile(n.to, scope) : null;
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

function compileIterate(t: C): C {
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

function compileTry(body: C, handler: C | null): C {
  const bf = body.f;
  const bp = body.p;
  return {
    f: (i, e, emit) => {
      const tag = {};
      try {
        bf(i, e, wrapDownstream(emit, tag));
      } catch (x) {
        const error = caught(x, tag);
        if (handler) handler.f(error.value, e, emit);
      }
    },
    p: (i, path, e, emit) => {
      const tag = {};
      try {
        bp(i, path, e, wrapDownstream(emit, tag));
      } catch (x) {
        const error = caught(x, tag);
        if (handler) handler.p(error.value, null, e, emit);
      }
    },
  };
}

function compileString(cc: CompilerApi, n: Extract<Node, { k: 'string' }>, scope: Scope): C {
  const fmt = n.fmt ?? 'text';
  const fmtC = cc.compileCall('format', [cc.compile({ k: 'literal', pos: n.pos, value: fmt }, scope)], n.pos);
  const parts = n.parts.map((p) => (typeof p === 'string' ? p : compilePipe(cc.compile(p, scope), fmtC)));
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

function compileArray(body: C | null): C {
  if (!body) return fromV(() => []);
  const bf = body.f;
  if (body.v) {
    const bv = body.v;
    return fromV((i, e) => [bv(i, e)]);
  }
  return fromV((i, e) => {
    const out: Value[] = [];
    bf(i, e, (v) => {
      checkLength(out.length);
      out.push(v);
      tick();
    });
    return out;
  });
}

function compileObject(cc: CompilerApi, n: Extract<Node, { k: 'object' }>, scope: Scope): C {
  type Ent = { key: string | C; val: C };
  const ents: Ent[] = n.entries.map((en) => {
    let key: string | C;
    if (typeof en.key === 'string') key = en.key;
    else key = cc.compile(en.key, scope);
    let val: C;
    if (en.value) val = cc.compile(en.value, scope);
    else if (en.varName !== undefined) val = cc.compile({ k: 'var', pos: en.pos, name: en.varName }, scope);
    else if (typeof en.key === 'string') val = compileIndex(identity, fromV(((k) => () => k)(en.key)));
    else val = compileIndex(identity, key as C);
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

function compileIf(cond: C, then: C, els: C): C {
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
