// What the compiler makes of a jq program: closures. Every node compiles to a C:
//   f(input, env, emit)        generates the node's outputs (CPS: each output
//                              is passed to emit; returning = backtracking)
//   p(input, path, env, emit)  path mode: emits (value, path) pairs; path is
//                              null for a value that is not a path into the
//                              input (assignment and path() reject those)
//   v(input, env)              optional: the single output of a node that
//                              always yields exactly one value (fast path)
// Variables and closure parameters live in an immutable linked env of cells.
// This module has those types, the runtime context, and the small closures
// and helpers the compiler and the builtins share.
import { JqError } from './errors.js';
import type { Path } from './indexing.js';
import type { Value } from './values.js';

export interface Env {
  v: any;
  next: Env | null;
}
export type Emit = (v: Value) => void;
type PEmit = (v: Value, p: Path | null) => void;
export type F = (input: Value, env: Env | null, emit: Emit) => void;
export type PF = (input: Value, path: Path | null, env: Env | null, emit: PEmit) => void;
export type V = (input: Value, env: Env | null) => Value;
export interface C {
  f: F;
  p: PF;
  v?: V;
}
/** A closure parameter's cell: the argument's closures and the env of the call site. */
export interface Closure {
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

/** emit (of values or of paths), with the jq errors it throws wrapped as
 * Downstream errors of tag: they pass the try or alternative of tag. */
export function wrapDownstream<E extends Emit | PEmit>(emit: E, tag: object): E {
  const pe = emit as PEmit;
  return ((v: Value, p: Path | null) => {
    try {
      pe(v, p);
    } catch (e) {
      if (e instanceof JqError) throw new Downstream(e, tag);
      throw e;
    }
  }) as E;
}

/** What the catch of a try (or an alternative) with tag caught: a jq
 * error of its body is returned; the error a Downstream of tag wraps, other
 * Downstreams and anything else are thrown on. */
export function caught(x: unknown, tag: object): JqError {
  if (x instanceof Downstream) throw x.tag === tag ? x.err : x;
  if (!(x instanceof JqError)) throw x;
  return x;
}

// ---------- runtime context ----------

export interface RunCtx {
  /** Next input value, or undefined at the end (for input/inputs). */
  nextInput: () => Value | undefined;
  /** 1-based index of the current input record. */
  rownum: number;
  /** The file the last input was read from (input_filename); null: stdin. */
  filename: string | null;
  stderr: (s: string) => void;
}

export class HaltSignal {
  constructor(
    readonly code: number,
    readonly message: string | null,
  ) {}
}

/** The env n cells up. */
export function walkEnv(env: Env | null, n: number): Env | null {
  while (n-- > 0) env = env!.next;
  return env;
}

/** A getter of the cell n cells up. */
export function cellGetter(n: number): (env: Env | null) => any {
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
export const emptyF: F = () => {};
export const identity: C = { f: (i, _e, emit) => emit(i), p: (i, path, _e, emit) => emit(i, path), v: (i) => i };

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
