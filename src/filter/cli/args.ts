// The command line of jn filter: its options (jq's), parsed into Opts.
import { EXIT, JnError } from '../../kit/exit.js';
import { onErrorMode, type OnError } from '../../kit/onerror.js';
import { parseJson } from '../json-input.js';
import type { Value } from '../values.js';
import type { OutputSpec } from './output.js';

export const USAGE = `Usage: jn filter [options] EXPR [FILE...]
       jn filter [options] -f PROGRAM-FILE [FILE...]

Runs the jq program EXPR on each JSON value read from the FILEs in turn, or
from stdin without any (NDJSON, or any whitespace-separated JSON values), and
writes each result as one line of compact JSON. The language is jq 1.7's plus
jn's extras (docs/filter.md).

Options (before or after EXPR):
  -n, --null-input       run EXPR once with null as input (use input/inputs)
  -s, --slurp            read all inputs into one array and run EXPR once
  -R, --raw-input        each input line is a string (with -s: all the input)
  -r, --raw-output       write strings without quotes
  -j, --join-output      like -r, and no newline after each output
  -a, --ascii-output     escape non-ASCII characters as \\uXXXX
  -c, --compact-output   compact output (the default)
      --pretty           indent with 2 spaces (jq's default format)
      --indent N         indent with N spaces (0-7)
      --tab              indent with tabs
  -S, --sort-keys        sort object keys in the output
      --seq              write an ASCII RS before each output (RFC 7464)
  -f, --from-file        the first argument is a file holding the program
                         (# comments allowed), not the program itself
  -e, --exit-status      exit 1 if the last output was false or null, 4 if none
      --on-error MODE    an input value that is not valid JSON, or a runtime
                         error: fail (default), skip (leave it out, count
                         it, exit 0), report (skip, and write where and why
                         as NDJSON to stderr or --errors FILE)
      --errors FILE      with --on-error=report: write the reports to FILE
      --arg NAME V       $NAME is the string V
      --argjson NAME J   $NAME is the JSON value J
  -h, --help             show this help

Exit status: 0 ok, 2 usage, invalid JSON input or an input file that cannot
be read, 3 compile error (also: program too deeply nested), 5 runtime error
(after processing every input) or out of memory, 1/4 with -e.
Environment: JN_FILTER_HEAP_MB sets the heap limit (docs/filter.md).
`;

export interface Opts extends OutputSpec {
  /** The program, or with fromFile the name of the file holding it. */
  expr: string | null;
  fromFile: boolean;
  /** Input files, read in turn ('-' is stdin); none: stdin. */
  files: string[];
  nullInput: boolean;
  slurp: boolean;
  rawInput: boolean;
  exitStatus: boolean;
  vars: Record<string, Value>;
  named: Record<string, Value>;
  /** What a bad input value or a runtime error does (kit/onerror.ts). */
  onError: OnError;
  /** --errors FILE: where --on-error=report writes (default stderr). */
  errorsFile?: string;
}

export function usage(msg: string): never {
  throw new JnError(`${msg} (see jn filter --help)`, EXIT.USAGE);
}

const SHORT: Record<string, string> = { n: '--null-input', s: '--slurp', R: '--raw-input', r: '--raw-output', j: '--join-output', a: '--ascii-output', c: '--compact-output', S: '--sort-keys', e: '--exit-status', f: '--from-file', h: '--help' };

/** The options without an argument, by long name. */
const FLAGS: Record<string, (o: Opts) => void> = {
  '--null-input': (o) => (o.nullInput = true),
  '--slurp': (o) => (o.slurp = true),
  '--raw-input': (o) => (o.rawInput = true),
  '--raw-output': (o) => (o.rawOutput = true),
  '--join-output': (o) => {
    o.rawOutput = true;
    o.join = true;
  },
  '--ascii-output': (o) => (o.ascii = true),
  '--compact-output': (o) => (o.indent = 0),
  '--pretty': (o) => (o.indent = 2),
  '--tab': (o) => (o.indent = '\t'),
  '--sort-keys': (o) => (o.sortKeys = true),
  '--seq': (o) => (o.seq = true),
  '--exit-status': (o) => (o.exitStatus = true),
  '--from-file': (o) => (o.fromFile = true),
};

/** The options with arguments: how many, and what they do. */
const WITH_ARGS: Record<string, [number, (o: Opts, vals: string[]) => void]> = {
  '--indent': [
    1,
    (o, [n]) => {
      if (!/^\d+$/.test(n) || Number(n) > 7) usage('--indent takes a number between 0 and 7');
      o.indent = Number(n);
    },
  ],
  '--on-error': [1, (o, [mode]) => (o.onError = onErrorMode(mode))],
  '--errors': [1, (o, [file]) => (o.errorsFile = file)],
  '--arg': [2, (o, [name, v]) => bindVar(o, name, v)],
  '--argjson': [
    2,
    (o, [name, text]) => {
      let v: Value;
      try {
        v = parseJson(text);
      } catch {
        usage(`--argjson ${name}: invalid JSON text: ${text}`);
      }
      bindVar(o, name, v);
    },
  ],
};

function bindVar(o: Opts, name: string, v: Value): void {
  o.vars[name] = v;
  o.named[name] = v;
}

/** Short options by their long names; -abc as -a -b -c (up to `--`). */
function expand(args: string[]): string[] {
  const out: string[] = [];
  let rest = false;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (!rest && eq > 2 && a.startsWith('--') && WITH_ARGS[a.slice(0, eq)]?.[0] === 1) {
      out.push(a.slice(0, eq), a.slice(eq + 1)); // --on-error=skip
      continue;
    }
    const shorts = [...a.slice(1)];
    if (!rest && /^-[a-zA-Z]+$/.test(a) && shorts.every((ch) => SHORT[ch])) out.push(...shorts.map((ch) => SHORT[ch]));
    else out.push(a);
    if (a === '--') rest = true;
  }
  return out;
}

/** The options of jn filter, or null for --help. */
export function parseArgs(args: string[]): Opts | null {
  const o: Opts = { expr: null, fromFile: false, files: [], nullInput: false, slurp: false, rawInput: false, rawOutput: false, join: false, ascii: false, indent: 0, sortKeys: false, seq: false, exitStatus: false, vars: {}, named: {}, onError: 'fail' };
  const expanded = expand(args);
  for (let i = 0; i < expanded.length; i++) {
    const a = expanded[i];
    if (a === '--') {
      for (const x of expanded.slice(i + 1)) operand(o, x);
      break;
    }
    if (a === '--help') return null;
    if (FLAGS[a]) {
      FLAGS[a](o);
      continue;
    }
    if (WITH_ARGS[a]) {
      const [n, apply] = WITH_ARGS[a];
      if (i + n >= expanded.length) usage(`${a} needs ${n} argument${n > 1 ? 's' : ''}`);
      apply(o, expanded.slice(i + 1, i + 1 + n));
      i += n;
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && (o.expr !== null || !/^-[\d.]/.test(a))) usage(`unknown option '${a}'`);
    operand(o, a);
  }
  return o;
}

/** An argument that is not an option: as in jq 1.7, the first is EXPR (with
 * -f, wherever -f is, the file that holds it), the others input files. */
function operand(o: Opts, a: string): void {
  if (o.expr === null) o.expr = a;
  else o.files.push(a);
}
