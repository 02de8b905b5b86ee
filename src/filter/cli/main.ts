// jn filter [options] EXPR — run a jq program on each JSON value of stdin.
// Options follow jq's (args.ts; docs/filter.md). Records run one by one on
// the main thread; past a few MiB of input, an eligible program goes on over
// two threads (parallel.ts), with the same results.
import { EXIT, JnError } from '../../kit/exit.js';
import { compile, CompileError, HaltSignal, type Program } from '../index.js';
import type { Value } from '../values.js';
import { parseArgs, usage, USAGE, type Opts } from './args.js';
import { ChunkReader, jsonValues, Lines, rawLines, slurp } from './input.js';
import { StdSink } from './output.js';
import { Parallel } from './parallel.js';
import { RecordRunner } from './runner.js';

/** jq's exit statuses for a compile error, and with -e for a last output
 * that is false or null, or no output at all. */
const EXIT_COMPILE = 3;
const EXIT_FALSY = 1;
const EXIT_NO_OUTPUT = 4;

export async function run(args: string[]): Promise<number> {
  const o = parseArgs(args);
  if (o === null) {
    process.stdout.write(USAGE);
    return EXIT.OK;
  }
  if (o.expr === null) usage('missing EXPR');
  const out = new StdSink();
  const lines = new Lines(new ChunkReader(0));
  const source = o.rawInput ? rawLines(lines) : jsonValues(lines);
  let srcDone = false;
  const next = (): Value | undefined => {
    if (srcDone) return undefined;
    const v = source.next();
    if (v === undefined) srcDone = true;
    return v;
  };

  const vars = { ...o.vars, ARGS: { positional: [], named: o.named } };
  const prog = compileExpr(o.expr, vars, next, out);
  const runner = new RecordRunner(prog, o, out);
  const output = { rawOutput: o.rawOutput, join: o.join, ascii: o.ascii, indent: o.indent, sortKeys: o.sortKeys, seq: o.seq };
  const two = o.slurp || o.nullInput ? null : Parallel.plan({ expr: o.expr, vars, output, raw: o.rawInput });

  try {
    if (o.slurp) {
      const input = slurp(o.rawInput, next);
      runner.run(o.nullInput ? null : input, 1);
    } else if (o.nullInput) {
      runner.run(null, 1);
    } else {
      for (let v = next(); v !== undefined; v = next()) {
        runner.record(v);
        if (two && lines.drained && source.idle() && two.due(lines.reader.bytes)) two.run(lines, runner, out);
      }
    }
  } catch (e) {
    out.flush();
    if (e instanceof HaltSignal) {
      if (e.message !== null) process.stderr.write(e.message);
      return e.code;
    }
    throw e;
  } finally {
    if (two && process.env.JN_FILTER_DEBUG) out.error(two.debug());
  }
  out.flush();
  return exitStatus(o, runner);
}

function compileExpr(expr: string, vars: Record<string, Value>, nextInput: () => Value | undefined, out: StdSink): Program {
  try {
    return compile(expr, { vars, nextInput, stderr: (s) => out.error(s) });
  } catch (e) {
    if (e instanceof CompileError) throw new JnError(e.describe(), EXIT_COMPILE);
    throw e;
  }
}

function exitStatus(o: Opts, runner: RecordRunner): number {
  if (runner.failed) return EXIT.FILTER_RUNTIME;
  if (!o.exitStatus) return EXIT.OK;
  if (runner.outputs === 0) return EXIT_NO_OUTPUT;
  return runner.last === null || runner.last === false ? EXIT_FALSY : EXIT.OK;
}
