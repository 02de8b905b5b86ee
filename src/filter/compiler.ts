// AST -> closures (closures.ts). Each kind of node has its compiler in a
// dispatch table (compile-expr.ts, compile-chain.ts, compile-bind.ts); this class holds the
// compile-time scope: variables and closure parameters resolve to a cell
// position in the env, so a lookup is a fixed number of `.next` hops.
// Function calls walk up to the definition's env and push one closure cell
// per parameter.
import type { Node } from './ast.js';
import { cellGetter, emptyF, walkEnv, type C, type Closure, type Env, type RunCtx } from './closures.js';
import { BINDINGS } from './compile-bind.js';
import { CHAINS } from './compile-chain.js';
import { EXPRESSIONS } from './compile-expr.js';
import { SyntaxError } from './lexer.js';
import type { PreludeDefs } from './prelude.js';
import type { CompilerApi, FuncInfo, NativeFn, NodeCompilers, Scope } from './scope.js';
import type { Value } from './values.js';


const COMPILERS: NodeCompilers = {
  ...EXPRESSIONS,
  ...CHAINS,
  ...BINDINGS,
  call: (cc, n, scope) => cc.compileCallNode(n, scope),
  funcdefs: (cc, n, scope) => cc.compileFuncDefs(n, scope),
};

function emptyScope(): Scope {
  return { depth: 0, vars: null, funcs: null, labels: null };
}

export class Compiler implements CompilerApi {
  private preludeInfos = new Map<string, FuncInfo>();
  constructor(
    readonly rt: RunCtx,
    private readonly natives: ReadonlyMap<string, NativeFn>,
    private readonly preludeDefs: PreludeDefs,
    private readonly globals: Map<string, Value>,
  ) {}

  /** A compile error (an undefined name) at pos. */
  fail(msg: string, pos: number): never {
    throw new SyntaxError(msg, pos, 'semantic');
  }

  /** Compile a call to a builtin by name (used by natives for composition). */
  compileCall(name: string, args: C[], pos = 0): C {
    const nf = this.natives.get(`${name}/${args.length}`);
    if (nf) return nf(args, this, pos);
    this.fail(`${name}/${args.length} is not defined`, pos);
  }

  compileProgram(n: Node): C {
    return this.compile(n, emptyScope());
  }

  compile(n: Node, scope: Scope): C {
    return (COMPILERS[n.k] as (cc: CompilerApi, n: Node, scope: Scope) => C)(this, n, scope);
  }

  /** The value of the global variable $name (--arg...), if there is one. */
  global(name: string): Value | undefined {
    return this.globals.get(name);
  }

  /** Names of the builtins (`builtins`): natives, then the prelude's
   * definitions, without the internal ones. */
  builtinNames(): string[] {
    const names = new Set<string>();
    for (const k of this.natives.keys()) if (!k.startsWith('_') && !k.startsWith('$')) names.add(k);
    for (const k of this.preludeDefs.keys()) if (!k.startsWith('_')) names.add(k);
    return [...names];
  }

  private lookupFunc(scope: Scope, name: string, arity: number): FuncInfo | NativeFn | undefined {
    for (let f = scope.funcs; f; f = f.next) if (f.info.name === name && f.info.arity === arity) return f.info;
    const key = `${name}/${arity}`;
    let info = this.preludeInfos.get(key);
    if (info) return info;
    const def = this.preludeDefs.get(key);
    if (def) {
      info = { name, arity, kind: 'def', depth: 0, cell: -1, def, scope: emptyScope() };
      this.preludeInfos.set(key, info);
      this.compileDefBody(info);
      return info;
    }
    return this.natives.get(key);
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

  compileFuncDefs(n: Extract<Node, { k: 'funcdefs' }>, scope: Scope): C {
    let s = scope;
    for (const d of n.defs) {
      const info: FuncInfo = { name: d.name, arity: d.params.length, kind: 'def', depth: s.depth, cell: -1, def: d, scope: s };
      s = { ...s, funcs: { info, next: s.funcs } };
      this.compileDefBody(info);
    }
    return this.compile(n.body, s);
  }

  compileCallNode(n: Extract<Node, { k: 'call' }>, scope: Scope): C {
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
}
