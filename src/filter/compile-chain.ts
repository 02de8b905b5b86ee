// Compiling the operator nodes that chain: `|`, `,`, the binary operators
// (`+ - * / %` and comparisons), `and`/`or`, `//`. A chain is read off the
// AST in a loop (the parser nests `a | b | c` to the right, `1 + 2 + 3` and
// `a, b, c` to the left, `a // b // c` to the right) and, from CHAIN_MIN
// links on, runs as one closure that loops over its links: a program of
// 30,000 terms takes no JS frame per term to compile or to run — only a link
// that produces several values (a generator) calls back into the rest.
// Shorter chains keep the nested two-operand closures.
import type { BinOp, Node } from './ast.js';
import { caught, fromV, identity, nonPath, wrapDownstream, type C, type Emit, type Env, type F, type V } from './closures.js';
import type { Path } from './indexing.js';
import type { CompilerApi, NodeCompilers, Scope } from './scope.js';
import { add, compare, div, equals, mod, mul, sub } from './runtime.js';
import { truthy, type Value } from './values.js';

/** Operands from which a chain runs in one loop. */
const CHAIN_MIN = 4;

/** Compilers of the chaining kinds of nodes. */
export const CHAINS: Pick<NodeCompilers, 'pipe' | 'comma' | 'binop' | 'and' | 'or' | 'alt'> = {
  pipe: (cc, n, scope) => compilePipes(rightSpine(n, 'pipe').map((x) => cc.compile(x, scope))),
  comma: (cc, n, scope) => compileCommas(leftSpine(n, ['comma']).nodes.map((x) => cc.compile(x, scope))),
  binop: compileBinops,
  and: compileLogics,
  or: compileLogics,
  alt: (cc, n, scope) => compileAlts(rightSpine(n, 'alt').map((x) => cc.compile(x, scope))),
};

/** The operands of a right-nested chain of kind: a k (b k (c k d)). */
function rightSpine(n: Node, kind: 'pipe' | 'alt'): Node[] {
  const out: Node[] = [];
  let x = n;
  while (x.k === kind) {
    out.push(x.left);
    x = x.right;
  }
  out.push(x);
  return out;
}

/** The operands of a left-nested chain of the kinds, ((a k b) k c) k d, in
 * order, and the node of each operand after the first (its operator). */
function leftSpine<K extends Node['k']>(n: Node, kinds: K[]): { nodes: Node[]; links: Extract<Node, { k: K }>[] } {
  const nodes: Node[] = [];
  const links: Extract<Node, { k: K }>[] = [];
  let x = n;
  while ((kinds as string[]).includes(x.k)) {
    const link = x as Extract<Node, { k: K }> & { left: Node; right: Node };
    links.push(link);
    nodes.push(link.right);
    x = link.left;
  }
  nodes.push(x);
  return { nodes: nodes.reverse(), links: links.reverse() };
}

// ---------- pipes ----------

export function compilePipe(l: C, r: C): C {
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

/** a | b | c ...: single-valued stages run in a loop, a generator calls
 * back into the stages after it. */
function compilePipes(all: C[]): C {
  const cs = all.filter((c) => c !== identity);
  if (cs.length === 0) return identity;
  if (cs.length < CHAIN_MIN) return cs.reduceRight((r, l) => compilePipe(l, r));
  const n = cs.length;
  const fs = cs.map((c) => c.f);
  const vs = cs.map((c) => c.v);
  const ps = cs.map((c) => c.p);
  const run = (k: number, x: Value, e: Env | null, emit: Emit): void => {
    for (; k < n; k++) {
      const v = vs[k];
      if (v) x = v(x, e);
      else if (k === n - 1) return fs[k](x, e, emit);
      else {
        const next = k + 1;
        return fs[k](x, e, (y) => run(next, y, e, emit));
      }
    }
    emit(x);
  };
  let v: V | undefined;
  if (vs.every((x) => x)) {
    const all = vs as V[];
    v = (i, e) => {
      let x = i;
      for (let k = 0; k < n; k++) x = all[k](x, e);
      return x;
    };
  }
  const runP = (k: number, x: Value, xp: Path | null, e: Env | null, emit: (v: Value, p: Path | null) => void): void => {
    if (k === n) emit(x, xp);
    else ps[k](x, xp, e, (y, yp) => runP(k + 1, y, yp, e, emit));
  };
  return { f: (i, e, emit) => run(0, i, e, emit), p: (i, path, e, emit) => runP(0, i, path, e, emit), v };
}

// ---------- commas ----------

function compileCommas(cs: C[]): C {
  const fs = cs.map((c) => c.f);
  const ps = cs.map((c) => c.p);
  const n = cs.length;
  return {
    f: (i, e, emit) => {
      for (let k = 0; k < n; k++) fs[k](i, e, emit);
    },
    p: (i, path, e, emit) => {
      for (let k = 0; k < n; k++) ps[k](i, path, e, emit);
    },
  };
}

// ---------- binary operators ----------

/** The binary operators' functions on two values. */
const BINOPS: Record<BinOp, (a: Value, b: Value) => Value> = {
  '+': add,
  '-': sub,
  '*': mul,
  '/': div,
  '%': mod,
  '==': (a, b) => equals(a, b),
  '!=': (a, b) => !equals(a, b),
  '<': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a < b : compare(a, b) < 0),
  '<=': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a <= b : compare(a, b) <= 0),
  '>': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a > b : compare(a, b) > 0),
  '>=': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a >= b : compare(a, b) >= 0),
};

function compileBinop(op: BinOp, l: C, r: C): C {
  const fn = BINOPS[op];
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

/** ((a op1 b) op2 c) ...: as jq, the right operand runs before the left
 * (for each value of the right, every value of the left), so operands are
 * evaluated from the last to the first, then combined from the first. */
function compileBinops(cc: CompilerApi, n: Extract<Node, { k: 'binop' }>, scope: Scope): C {
  const { nodes, links } = leftSpine(n, ['binop']);
  const cs = nodes.map((x) => cc.compile(x, scope));
  if (cs.length < CHAIN_MIN) return links.reduce((l, link, k) => compileBinop(link.op, l, cs[k + 1]), cs[0]);
  const fns = [(a: Value) => a, ...links.map((link) => BINOPS[link.op])] as ((a: Value, b: Value) => Value)[];
  const last = cs.length - 1;
  const fs = cs.map((c) => c.f);
  const vs = cs.map((c) => c.v);
  const combine = (vals: Value[]): Value => {
    let acc = vals[0];
    for (let j = 1; j <= last; j++) acc = fns[j](acc, vals[j]);
    return acc;
  };
  const run = (k: number, vals: Value[], i: Value, e: Env | null, emit: Emit): void => {
    for (; k >= 0; k--) {
      const v = vs[k];
      if (v) vals[k] = v(i, e);
      else {
        const at = k;
        return fs[k](i, e, (x) => {
          vals[at] = x;
          run(at - 1, vals, i, e, emit);
        });
      }
    }
    emit(combine(vals));
  };
  if (vs.every((x) => x)) {
    const all = vs as V[];
    return fromV((i, e) => {
      const vals: Value[] = new Array(last + 1);
      for (let k = last; k >= 0; k--) vals[k] = all[k](i, e);
      return combine(vals);
    });
  }
  const f: F = (i, e, emit) => run(last, new Array(last + 1), i, e, emit);
  return { f, p: nonPath(f) };
}

// ---------- and, or ----------

function compileLogic(kind: 'and' | 'or', l: C, r: C): C {
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

/** ((a and b) or c) ...: from the left, each operator either decides
 * (false for `and` after a falsy value, true for `or` after a truthy one)
 * without running its right operand, or takes the truth of each value of
 * its right operand. */
function compileLogics(cc: CompilerApi, n: Extract<Node, { k: 'and' | 'or' }>, scope: Scope): C {
  const { nodes, links } = leftSpine(n, ['and', 'or']);
  const cs = nodes.map((x) => cc.compile(x, scope));
  if (cs.length < CHAIN_MIN) return links.reduce((l, link, k) => compileLogic(link.k, l, cs[k + 1]), cs[0]);
  const isAnd = [false, ...links.map((link) => link.k === 'and')];
  const last = cs.length - 1;
  const fs = cs.map((c) => c.f);
  const vs = cs.map((c) => c.v);
  const run = (k: number, x: Value, i: Value, e: Env | null, emit: Emit): void => {
    for (; k <= last; k++) {
      const t = truthy(x);
      if (isAnd[k] ? !t : t) x = t;
      else if (vs[k]) x = truthy(vs[k]!(i, e));
      else {
        const next = k + 1;
        return fs[k](i, e, (b) => run(next, truthy(b), i, e, emit));
      }
    }
    emit(x);
  };
  if (vs.every((x) => x)) {
    const all = vs as V[];
    return fromV((i, e) => {
      let x = truthy(all[0](i, e));
      for (let k = 1; k <= last; k++) if (isAnd[k] === x) x = truthy(all[k](i, e));
      return x;
    });
  }
  const f: F = (i, e, emit) => fs[0](i, e, (a) => run(1, a, i, e, emit));
  return { f, p: nonPath(f) };
}

// ---------- alternatives ----------

/** `a // b // c ...`: the truthy values of the first operand that has any
 * (its errors ignored), or else the values of the last. Errors raised
 * downstream of a value pass through (wrapDownstream). */
function compileAlts(cs: C[]): C {
  const last = cs.length - 1;
  return {
    f: (i, e, emit) => {
      for (let k = 0; k < last; k++) {
        let any = false;
        const tag = {};
        const down = wrapDownstream(emit, tag);
        try {
          cs[k].f(i, e, (v) => {
            if (truthy(v)) {
              any = true;
              down(v);
            }
          });
        } catch (x) {
          caught(x, tag);
        }
        if (any) return;
      }
      cs[last].f(i, e, emit);
    },
    p: (i, path, e, emit) => {
      for (let k = 0; k < last; k++) {
        let any = false;
        const tag = {};
        const down = wrapDownstream(emit, tag);
        try {
          cs[k].p(i, path, e, (v, vp) => {
            if (truthy(v)) {
              any = true;
              down(v, vp);
            }
          });
        } catch (x) {
          caught(x, tag);
        }
        if (any) return;
      }
      cs[last].p(i, path, e, emit);
    },
  };
}
