// What the node compilers (compile-expr.ts, compile-bind.ts) and the
// natives (builtins/) see of the compiler: its compile-time scope and the
// calls they make back into it. compiler.ts implements CompilerApi; keeping
// the interface here lets them be compiled by it without importing it (the
// compiler imports them: no cycle).
import type { FuncDef, Node } from './ast.js';
import type { C, RunCtx } from './closures.js';
import type { Value } from './values.js';

export interface FuncInfo {
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

export interface Scope {
  depth: number;
  vars: { name: string; cell: number; next: Scope['vars'] } | null;
  funcs: { info: FuncInfo; next: Scope['funcs'] } | null;
  labels: { name: string; cell: number; next: Scope['labels'] } | null;
}

export interface CompilerApi {
  readonly rt: RunCtx;
  /** A compile error (an undefined name) at pos. */
  fail(msg: string, pos: number): never;
  /** A call to a builtin by name (natives composing others). */
  compileCall(name: string, args: C[], pos?: number): C;
  compile(n: Node, scope: Scope): C;
  /** The value of the global variable $name (--arg...), if there is one. */
  global(name: string): Value | undefined;
  /** Names of the builtins (`builtins`). */
  builtinNames(): string[];
  compileFuncDefs(n: Extract<Node, { k: 'funcdefs' }>, scope: Scope): C;
  compileCallNode(n: Extract<Node, { k: 'call' }>, scope: Scope): C;
}

/** The compiler of each kind of node. */
export type NodeCompilers = { [K in Node['k']]: (cc: CompilerApi, n: Extract<Node, { k: K }>, scope: Scope) => C };

/** A native builtin: a compile-time combinator that receives its compiled
 * arguments (closures over the call site's env) and returns a C. */
export type NativeFn = (args: C[], cc: CompilerApi, pos: number) => C;
