// jn filter [options] EXPR [FILE...] — run a jq program on each JSON value
// of the files (files.ts) or of stdin. Options follow jq's (args.ts;
// docs/filter.md). Records run one by one on the main thread; past a few MiB
// of input, an eligible program goes on over two threads (parallel.ts), with
// the same results. The engine keeps the heap under JN_FILTER_HEAP_MB
// (memory.ts).
import { openSync, readFileSync } from 'node:fs';
import { EXIT, ioError, JnError } from '../../kit/exit.js';
import { BadRecords } from '../../kit/onerror.js';
import type { RunCtx } from '../closures.js';
import { compile, CompileError, HaltSignal, type Program } from '../index.js';
import { setHeapLimit, tick } from '../memory.js';
import type { Value } from '../values.js';
import { parseArgs, usage, USAGE, type Opts } from './args.js';
import { EXIT_UNREADABLE, Inputs } from './files.js';
import { slurp } from './input.js';
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
  if (o.expr === null) usage(o.fromFile ? 'missing PROGRAM-FILE' : 'missing EXPR');
  const heapMb = heapLimitFromEnv();
  setHeapLimit(heapMb);
  const expr = o.fromFile ? readProgram(o.expr) : o.expr;
  const out = new StdSink();
  const bad = badRecords(o);
  const inputs = new Inputs(o.files, o.rawInput, (s) => out.error(s), bad);
  let srcDone = false;
  let ctx: RunCtx | null = null;
  const next = (): Value | undefined => {
    if (srcDone) return undefined;
    const v = inputs.next();
    if (v === undefined) srcDone = true;
    else tick();
    if (ctx) ctx.filename = inputs.name;
    return v;
  };

  const vars = { ...o.vars, ARGS: { positional: [], named: o.named } };
  const prog = compileExpr(expr, vars, next, out);
  ctx = prog.ctx;
  const runner = new RecordRunner(prog, o, out, bad);
  const output = { rawOutput: o.rawOutput, join: o.join, ascii: o.ascii, indent: o.indent, sortKeys: o.sortKeys, seq: o.seq };
  // (skip and report count in this thread: no second one)
  const two = o.slurp || o.nullInput || bad ? null : Parallel.plan({ expr, vars, output, raw: o.rawInput, heapMb });

  try {
    if (o.slurp) {
      const input = o.rawInput ? inputs.text() : slurp(false, next);
      runner.run(o.nullInput ? null : input, 1);
    } else if (o.nullInput) {
      runner.run(null, 1);
    } else {
      for (let v = next(); v !== undefined; v = next()) {
        runner.record(v);
        if (two && inputs.lines.drained && inputs.source.idle() && two.due(inputs.bytes)) two.run(inputs.lines, runner, out);
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
  const summary = bad?.summary();
  if (summary) out.error(`jn: filter: ${summary}\n`);
  out.flush();
  if (inputs.failed) return EXIT_UNREADABLE;
  return exitStatus(o, runner);
}

/** --on-error=skip|report: where bad values and runtime errors go. */
function badRecords(o: Opts): BadRecords | undefined {
  if (o.errorsFile !== undefined && o.onError !== 'report') usage('--errors needs --on-error=report');
  if (o.onError === 'fail') return undefined;
  let fd = 2;
  if (o.errorsFile !== undefined) {
    try {
      fd = openSync(o.errorsFile, 'w', 0o666);
    } catch (e) {
      throw ioError(e, o.errorsFile);
    }
  }
  return new BadRecords('filter', { mode: o.onError, fd, source: 'stdin' });
}

/** The program of -f: the text of the file (an unreadable one is jq's status 2). */
function readProgram(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new JnError(ioError(e, path).message, EXIT.USAGE);
  }
}

/** JN_FILTER_HEAP_MB: the heap limit in MB, or null for the default. */
function heapLimitFromEnv(): number | null {
  const v = process.env.JN_FILTER_HEAP_MB;
  if (v === undefined || v === '') return null;
  if (!/^\d+$/.test(v) || Number(v) === 0) throw new JnError(`JN_FILTER_HEAP_MB must be a number of MB, not '${v}'`, EXIT.USAGE);
  return Number(v);
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
