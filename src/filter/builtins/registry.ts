// How a file of builtins defines them: table() gives a map from name/arity
// to NativeFn and the helpers that fill it — def (any combinator), v0 (a
// function of the input), vN (of the input and argument values), gN (a
// generator of them). builtins/index.ts merges the tables.
import { fromV, nonPath, type C, type Emit, type Env, type F } from '../closures.js';
import { checkLength, tick } from '../memory.js';
import type { NativeFn } from '../scope.js';
import type { Value } from '../values.js';

/** Evaluate args (cartesian product; the first argument varies fastest,
 * like jq's C builtins) and call cb with their values. */
function cart(args: C[], i: Value, e: Env | null, cb: (vals: Value[]) => void, firstOuter = false): void {
  const n = args.length;
  const vals: Value[] = new Array(n);
  if (firstOuter) {
    const rec = (k: number): void => {
      if (k === n) return cb(vals.slice());
      args[k].f(i, e, (v) => {
        vals[k] = v;
        rec(k + 1);
      });
    };
    rec(0);
  } else {
    const rec = (k: number): void => {
      if (k < 0) return cb(vals.slice());
      args[k].f(i, e, (v) => {
        vals[k] = v;
        rec(k - 1);
      });
    };
    rec(n - 1);
  }
}

/** A function of the input and the values of its arguments, as a NativeFn. */
function valueFn(arity: number, fn: (x: Value, ...args: Value[]) => Value, firstOuter: boolean): NativeFn {
  return (args) => {
    if (args.every((a) => a.v)) {
      const vs = args.map((a) => a.v!);
      if (arity === 1) {
        const a0 = vs[0];
        return fromV((i, e) => fn(i, a0(i, e)));
      }
      if (arity === 2) {
        const [a0, a1] = vs;
        return fromV((i, e) => {
          const y = a1(i, e);
          return fn(i, a0(i, e), y);
        });
      }
      return fromV((i, e) => {
        const vals = new Array(arity);
        for (let k = arity - 1; k >= 0; k--) vals[k] = vs[k](i, e);
        return fn(i, ...vals);
      });
    }
    const f: F = (i, e, emit) => cart(args, i, e, (vals) => emit(fn(i, ...vals)), firstOuter);
    return { f, p: nonPath(f) };
  };
}

/** A table of builtins and the helpers that define them. */
export function table() {
  const map = new Map<string, NativeFn>();
  const def = (name: string, arity: number, fn: NativeFn): void => {
    map.set(`${name}/${arity}`, fn);
  };
  return {
    map,
    def,
    /** A function of the input only. */
    v0: (name: string, fn: (x: Value) => Value): void => def(name, 0, () => fromV((i) => fn(i))),
    /** A function of the input and the values of its arguments. */
    vN: (name: string, arity: number, fn: (x: Value, ...args: Value[]) => Value, firstOuter = false): void => def(name, arity, valueFn(arity, fn, firstOuter)),
    /** A generator of the input and argument values. */
    gN: (name: string, arity: number, fn: (x: Value, emit: Emit, ...args: Value[]) => void, firstOuter = false): void =>
      def(name, arity, (args) => {
        const f: F = (i, e, emit) => cart(args, i, e, (vals) => fn(i, emit, ...vals), firstOuter);
        return { f, p: nonPath(f) };
      }),
    /** Another name for a builtin of this table. */
    alias: (name: string, of: string): void => {
      map.set(name, map.get(of)!);
    },
  };
}

/** Every output of c on input i. */
export function collect(c: C, i: Value, e: Env | null): Value[] {
  const out: Value[] = [];
  c.f(i, e, (v) => {
    checkLength(out.length);
    out.push(v);
    tick();
  });
  return out;
}
