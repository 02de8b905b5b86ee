// Public API of the filter language:
//   const prog = compile('.a | select(. > 1)', { vars: { x: 1 } });
//   prog.run(input, (v) => ...);
import { natives } from './builtins/index.js';
import { HaltSignal, type C, type RunCtx } from './closures.js';
import { Compiler } from './compiler.js';
import { isStackOverflow, JqError } from './errors.js';
import { lineCol, SyntaxError } from './lexer.js';
import { parse } from './parser.js';
import { preludeDefs } from './prelude.js';
import type { Value } from './values.js';

export { JqError, HaltSignal };

/** A compile error with a position in the program text. */
export class CompileError extends Error {
  constructor(
    message: string,
    readonly program: string,
    readonly pos: number,
  ) {
    super(message);
  }
  get line(): number {
    return lineCol(this.program, this.pos)[0];
  }
  get column(): number {
    return lineCol(this.program, this.pos)[1];
  }
  /** Message, then the program line (up to SHOWN characters of it around
   * the position) with a caret under the position. */
  describe(): string {
    const [line, col] = lineCol(this.program, this.pos);
    const [text, at] = excerpt(this.program.split('\n')[line - 1] ?? '', col - 1);
    return `${this.message} at line ${line}, column ${col}\n  ${text}\n  ${' '.repeat(at)}^`;
  }
}

/** A program nested deeper than the parser or the compiler can follow
 * (brackets, parentheses, bodies inside bodies: about 1,600 levels;
 * flat chains like `a | b | ...` or `1 + 1 + ...` have no such limit). One
 * line: the program around the place may be long. */
export class NestingError extends CompileError {
  describe(): string {
    if (this.pos < 0) return this.message;
    return `${this.message} at line ${this.line}, column ${this.column}`;
  }
}

/** Characters of a long program line shown in a compile error. */
const SHOWN = 72;

/** At most SHOWN characters of a line around offset col ('...' where cut),
 * and the offset of col in them. */
function excerpt(text: string, col: number): [string, number] {
  if (text.length <= SHOWN) return [text, col];
  const start = Math.max(0, Math.min(col - SHOWN / 2, text.length - SHOWN));
  const head = start > 0 ? '...' : '';
  const tail = start + SHOWN < text.length ? '...' : '';
  return [head + text.slice(start, start + SHOWN) + tail, col - start + head.length];
}

const TOO_DEEP = 'program too deeply nested';

interface CompileOpts {
  /** Named variables: $name. */
  vars?: Record<string, Value>;
  /** Where `input`/`inputs` read further values from. */
  nextInput?: () => Value | undefined;
  /** Where debug/stderr write. */
  stderr?: (s: string) => void;
}

export interface Program {
  /** Run on one input; each output goes to emit. Throws JqError on a
   * runtime error (after the outputs produced before it), HaltSignal for
   * halt/halt_error. */
  run(input: Value, emit: (v: Value) => void): void;
  /** The runtime context (rownum, input source) — may be changed between runs. */
  ctx: RunCtx;
}

export function compile(program: string, opts: CompileOpts = {}): Program {
  const ctx: RunCtx = {
    nextInput: opts.nextInput ?? (() => undefined),
    rownum: 0,
    filename: null,
    stderr: opts.stderr ?? ((s) => process.stderr.write(s)),
  };
  let c: C;
  try {
    const ast = parse(program);
    const globals = new Map<string, Value>(Object.entries(opts.vars ?? {}));
    const compiler = new Compiler(ctx, natives, preludeDefs, globals);
    c = compiler.compileProgram(ast);
  } catch (e) {
    if (e instanceof SyntaxError && e.kind === 'nesting') throw new NestingError(TOO_DEEP, program, e.pos);
    if (isStackOverflow(e)) throw new NestingError(TOO_DEEP, program, -1);
    if (e instanceof SyntaxError) throw new CompileError(e.kind === 'semantic' ? e.message : `syntax error: ${e.message}`, program, e.pos);
    throw e;
  }
  const f = c.f;
  return {
    ctx,
    run(input, emit) {
      ctx.rownum++;
      f(input, null, emit);
    },
  };
}
