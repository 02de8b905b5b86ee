// jn filter [options] EXPR — run a jq program on each JSON value of stdin.
// Options follow jq's; see docs/filter.md. Records run one by one on the
// main thread; past a few MiB of input, an eligible program goes on over two
// threads (src/filter/parallel.ts), with the same results.
import type { CommandSpec, Invocation } from '../spec.js';
import { readText } from '../kit/io.js';
import { EXIT, JnError } from '../kit/exit.js';
import { compile, CompileError, HaltSignal, type Program } from '../filter/index.js';
import { ChunkReader, Lines, Parallel, RecordRunner, StdSink, type OutputSpec } from '../filter/cli/parallel.js';
import { bigLiterals, JsonParseError, JsonParser, lineCol, parseJson, type Value } from '../filter/runtime.js';

const USAGE = `Usage: jn filter [options] EXPR

Runs the jq program EXPR on each JSON value read from stdin (NDJSON, or any
whitespace-separated JSON values) and writes each result as one line of
compact JSON. The language is jq 1.7's plus jn's extras (docs/filter.md).

Options (before or after EXPR):
  -n, --null-input       run EXPR once with null as input (use input/inputs)
  -s, --slurp            read all inputs into one array and run EXPR once
  -R, --raw-input        each input line is a string (with -s: all of stdin)
  -r, --raw-output       write strings without quotes
  -j, --join-output      like -r, and no newline after each output
  -a, --ascii-output     escape non-ASCII characters as \\uXXXX
  -c, --compact-output   compact output (the default)
      --pretty           indent with 2 spaces (jq's default format)
      --indent N         indent with N spaces (0-7)
      --tab              indent with tabs
  -S, --sort-keys        sort object keys in the output
      --seq              write an ASCII RS before each output (RFC 7464)
  -e, --exit-status      exit 1 if the last output was false or null, 4 if none
      --arg NAME V       $NAME is the string V
      --argjson NAME J   $NAME is the JSON value J
  -h, --help             show this help

Exit status: 0 ok, 2 usage or invalid JSON input, 3 compile error,
5 runtime error (after processing every input), 1/4 with -e.
`;

interface Opts extends OutputSpec {
  expr: string | null;
  nullInput: boolean;
  slurp: boolean;
  rawInput: boolean;
  exitStatus: boolean;
  vars: Record<string, Value>;
  named: Record<string, Value>;
}

function usage(msg: string): never {
  throw new JnError(`${msg} (see jn filter --help)`, EXIT.USAGE);
}

export function parseArgs(args: string[]): Opts | null {
  const o: Opts = {
    expr: null,
    nullInput: false,
    slurp: false,
    rawInput: false,
    rawOutput: false,
    join: false,
    ascii: false,
    indent: 0,
    sortKeys: false,
    seq: false,
    exitStatus: false,
    vars: {},
    named: {},
  };
  const shortMap: Record<string, string> = { n: '--null-input', s: '--slurp', R: '--raw-input', r: '--raw-output', j: '--join-output', a: '--ascii-output', c: '--compact-output', S: '--sort-keys', e: '--exit-status', h: '--help' };
  const expanded: string[] = [];
  let rest = false;
  for (const a of args) {
    if (!rest && /^-[a-zA-Z]{2,}$/.test(a) && [...a.slice(1)].every((ch) => shortMap[ch])) expanded.push(...[...a.slice(1)].map((ch) => shortMap[ch]));
    else expanded.push(a);
    if (a === '--') rest = true;
  }
  for (let i = 0; i < expanded.length; i++) {
    const a = expanded[i];
    const need = (n: number) => {
      if (i + n >= expanded.length) usage(`${a} needs ${n} argument${n > 1 ? 's' : ''}`);
      const vals = expanded.slice(i + 1, i + 1 + n);
      i += n;
      return vals;
    };
    if (a === '--') {
      for (const x of expanded.slice(i + 1)) {
        if (o.expr === null) o.expr = x;
        else usage(`unexpected argument '${x}'`);
      }
      break;
    }
    switch (a) {
      case '-h':
      case '--help':
        return null;
      case '-n':
      case '--null-input':
        o.nullInput = true;
        continue;
      case '-s':
      case '--slurp':
        o.slurp = true;
        continue;
      case '-R':
      case '--raw-input':
        o.rawInput = true;
        continue;
      case '-r':
      case '--raw-output':
        o.rawOutput = true;
        continue;
      case '-j':
      case '--join-output':
        o.rawOutput = true;
        o.join = true;
        continue;
      case '-a':
      case '--ascii-output':
        o.ascii = true;
        continue;
      case '-c':
      case '--compact-output':
        o.indent = 0;
        continue;
      case '--pretty':
        o.indent = 2;
        continue;
      case '--tab':
        o.indent = '\t';
        continue;
      case '--indent': {
        const [n] = need(1);
        if (!/^\d+$/.test(n) || Number(n) > 7) usage('--indent takes a number between 0 and 7');
        o.indent = Number(n);
        continue;
      }
      case '-S':
      case '--sort-keys':
        o.sortKeys = true;
        continue;
      case '--seq':
        o.seq = true;
        continue;
      case '-e':
      case '--exit-status':
        o.exitStatus = true;
        continue;
      case '--arg': {
        const [name, v] = need(2);
        o.vars[name] = v;
        o.named[name] = v;
        continue;
      }
      case '--argjson': {
        const [name, text] = need(2);
        let v: Value;
        try {
          v = parseJson(text);
        } catch {
          usage(`--argjson ${name}: invalid JSON text: ${text}`);
        }
        o.vars[name] = v;
        o.named[name] = v;
        continue;
      }
    }
    if (a.startsWith('-') && a.length > 1 && o.expr !== null) usage(`unknown option '${a}'`);
    if (a.startsWith('-') && a.length > 1 && !/^-[\d.]/.test(a)) usage(`unknown option '${a}'`);
    if (o.expr === null) o.expr = a;
    else usage(`unexpected argument '${a}' (jn filter reads stdin only)`);
  }
  return o;
}

/** Input values, one per next() (undefined at the end); idle() is false
 * while the values of a text that spans lines are still coming. */
interface Source {
  next(): Value | undefined;
  idle(): boolean;
}

/** The JSON values of stdin: one JSON.parse per line for NDJSON, the fast
 * path, with no generator in between; a line that is not one JSON value (a
 * pretty-printed document, two values on a line) switches to slowValues
 * until the values it started are complete. Invalid JSON throws JnError. */
function jsonValues(lines: Lines): Source {
  let slow: Generator<Value> | null = null;
  return {
    idle: () => slow === null,
    next: () => {
      if (slow) {
        const r = slow.next();
        if (!r.done) return r.value;
        slow = null;
      }
      for (;;) {
        const line = lines.next();
        if (line === undefined) return undefined;
        if (line.length === 0) continue;
        try {
          const v = JSON.parse(line) as Value;
          bigLiterals.input = line;
          return v;
        } catch {
          // not one value on one line
        }
        if (/^\s*$/.test(line)) continue;
        slow = slowValues(line, lines.lineNo, lines);
        const r = slow.next();
        if (!r.done) return r.value;
        slow = null;
      }
    },
  };
}

/** Values of a text that starts at line firstLine and goes on over the next
 * lines until it ends on a complete value. */
function* slowValues(first: string, firstLine: number, reader: Lines): Generator<Value> {
  let pending = first;
  let pendingLine = firstLine;
  for (;;) {
    const p = new JsonParser(pending);
    let consumed = 0;
    for (;;) {
      p.ws();
      if (p.i >= pending.length) {
        consumed = pending.length;
        break;
      }
      const start = p.i;
      let v: Value;
      try {
        v = p.value(0);
      } catch (e) {
        if (e instanceof JsonParseError && e.offset >= pending.length) {
          consumed = start; // incomplete: wait for more lines
          break;
        }
        throw badJson(pending, pendingLine, e);
      }
      bigLiterals.input = pending.slice(start, p.i);
      yield v;
      consumed = p.i;
    }
    const rest = pending.slice(consumed);
    if (/^\s*$/.test(rest)) return;
    pendingLine += lineCol(pending, consumed)[0] - 1;
    pending = rest;
    const line = reader.next();
    if (line === undefined) break;
    pending += '\n' + line;
  }
  // The input ended inside a value: parse what there is, for the error.
  const p = new JsonParser(pending);
  try {
    for (;;) {
      p.ws();
      if (p.i >= pending.length) break;
      const start = p.i;
      const v = p.value(0);
      bigLiterals.input = pending.slice(start, p.i);
      yield v;
    }
  } catch (e) {
    throw badJson(pending, pendingLine, e);
  }
}

function badJson(text: string, firstLine: number, e: unknown): JnError {
  if (!(e instanceof JsonParseError)) return new JnError(`stdin: invalid JSON: ${(e as Error).message}`, EXIT.USAGE);
  const [l, c] = lineCol(text, e.offset);
  return new JnError(`stdin: line ${firstLine + l - 1}, column ${c}: invalid JSON: ${e.message}`, EXIT.USAGE);
}

function rawLines(lines: Lines): Source {
  return { next: () => lines.next(), idle: () => true };
}

export async function filterMain(args: string[]): Promise<number> {
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
  let prog: Program;
  try {
    prog = compile(o.expr, { vars, nextInput: next, stderr: (s) => out.error(s) });
  } catch (e) {
    if (e instanceof CompileError) throw new JnError(e.describe(), 3);
    throw e;
  }
  const runner = new RecordRunner(prog, o, out);
  const output = { rawOutput: o.rawOutput, join: o.join, ascii: o.ascii, indent: o.indent, sortKeys: o.sortKeys, seq: o.seq };
  const two = o.slurp || o.nullInput ? null : Parallel.plan({ expr: o.expr, vars, output, raw: o.rawInput });

  try {
    if (o.slurp) {
      let input: Value;
      if (o.rawInput) {
        let s = '';
        for (const chunk of readText(0)) s += chunk;
        input = s;
      } else {
        const all: Value[] = [];
        const big: string[] = [];
        for (let v = next(); v !== undefined; v = next()) {
          all.push(v);
          if (/\d{16}/.test(bigLiterals.input)) big.push(bigLiterals.input);
        }
        input = all;
        bigLiterals.input = big.join('\n');
        bigLiterals.record = all;
      }
      runner.run(o.nullInput ? null : input, 1);
      if (o.nullInput) void input;
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
  if (runner.failed) return EXIT.FILTER_RUNTIME;
  if (o.exitStatus) {
    if (runner.outputs === 0) return 4;
    return runner.last === null || runner.last === false ? 1 : 0;
  }
  return EXIT.OK;
}

export const spec: CommandSpec = {
  name: 'filter',
  description: "Run a jq program on each NDJSON record of stdin (jq 1.7 language plus jn's extras); see docs/filter.md.",
  arguments: [{ name: '[args...]', description: "EXPR, then jq's options: -n -s -r -j -c --pretty -e --arg NAME V --argjson NAME JSON" }],
  allowUnknownOption: true,
  ownHelp: true,
  stage: true,
};

export function run({ args }: Invocation): Promise<number> {
  return filterMain(args[0] as string[]);
}
