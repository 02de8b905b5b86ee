// The edits of `jn edit`, read from its command line, in order:
//   PATH=TEXT        set PATH to the string TEXT
//   PATH:=JSON       set PATH to a JSON value (number, true, null, {…}, […])
//   --del PATH       delete PATH (a missing one is no change)
//   --append PATH=TEXT / PATH:=JSON / PATH VALUE   add to the end of an array
//   --prepend …      the same, at the start
//   --merge JSON     merge an object in: objects merge key by key, anything
//                    else (arrays too) replaces; null sets null (not RFC 7396's delete)
// Paths as in jq: `.a.b`, `.tags[0]`, `.tags[-1]`, `."a b"`, `.["a b"]`.
import { UsageError } from '../kit/exit.js';
import { parseLossless, type Lossless } from '../kit/lossless.js';

export type Segment = string | number;

export type Edit =
  | { op: 'set'; path: Segment[]; value: Lossless; text: string }
  | { op: 'del'; path: Segment[]; text: string }
  | { op: 'append' | 'prepend'; path: Segment[]; value: Lossless; text: string }
  | { op: 'merge'; value: Lossless; text: string };

const NAME = /^[^.[\]=:"\s]+/;

/** A path and where it ends in `s` (at `=`, `:=` or the end). */
function readPath(s: string, what: string): { path: Segment[]; end: number } {
  if (!s.startsWith('.')) throw new UsageError(`${what}: a path starts with "." (e.g. .name=Alice)`);
  const path: Segment[] = [];
  let i = 0;
  if (s[1] === '=' || s.startsWith(':=', 1) || s.length === 1) throw new UsageError(`${what}: the path names no key (e.g. .name=Alice)`);
  while (i < s.length && s[i] !== '=' && !s.startsWith(':=', i)) {
    if (s[i] === '.' && s[i + 1] === '[') i++;
    if (s[i] === '[') {
      const close = s.indexOf(']', i);
      const inner = close === -1 ? '' : s.slice(i + 1, close);
      if (/^-?\d+$/.test(inner)) path.push(Number(inner));
      else if (inner.startsWith('"')) path.push(jsonKey(inner, what));
      else throw new UsageError(`${what}: [${inner}] is neither an index nor a "key"`);
      i = close + 1;
    } else if (s[i] === '.' && s[i + 1] === '"') {
      const end = stringEnd(s, i + 1);
      if (end === -1) throw new UsageError(`${what}: unterminated "key"`);
      path.push(jsonKey(s.slice(i + 1, end), what));
      i = end;
    } else if (s[i] === '.') {
      const m = NAME.exec(s.slice(i + 1));
      if (!m) throw new UsageError(`${what}: expected a key after "." at character ${i + 2}`);
      path.push(m[0]);
      i += 1 + m[0].length;
    } else throw new UsageError(`${what}: unexpected "${s[i]}" at character ${i + 1}`);
  }
  return { path, end: i };
}

/** The index after the JSON string starting at `s[from]` (a `"`), or -1. */
function stringEnd(s: string, from: number): number {
  for (let i = from + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i + 1;
  }
  return -1;
}

function jsonKey(text: string, what: string): string {
  try {
    const k = JSON.parse(text) as unknown;
    if (typeof k === 'string') return k;
  } catch {
    // below
  }
  throw new UsageError(`${what}: ${text} is not a JSON string key`);
}

function json(text: string, what: string): Lossless {
  try {
    return parseLossless(text);
  } catch (err) {
    throw new UsageError(`${what}: the value after := is not JSON (${(err as Error).message}); for a string use =`);
  }
}

/** PATH=TEXT or PATH:=JSON; `value` given apart (`--append PATH VALUE`) is a string. */
function assignment(arg: string, what: string, apart?: string): { path: Segment[]; value: Lossless } {
  const { path, end } = readPath(arg, what);
  if (end === arg.length) {
    if (apart === undefined) throw new UsageError(`${what}: expected PATH=TEXT or PATH:=JSON`);
    return { path, value: apart };
  }
  return arg.startsWith(':=', end) ? { path, value: json(arg.slice(end + 2), what) } : { path, value: arg.slice(end + 1) };
}

/** The edits of a command line, in order. */
export function parseEdits(args: readonly string[]): Edit[] {
  const edits: Edit[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const operand = (): string => {
      if (i + 1 >= args.length) throw new UsageError(`${arg} needs ${arg === '--merge' ? 'a JSON object' : 'a PATH'}`);
      return args[++i];
    };
    if (arg === '--del' || arg === '--delete') {
      const p = operand();
      const { path, end } = readPath(p, `--del ${p}`);
      if (end !== p.length) throw new UsageError(`--del ${p}: expected a path without a value`);
      edits.push({ op: 'del', path, text: `--del ${p}` });
    } else if (arg === '--append' || arg === '--prepend') {
      const p = operand();
      const text = `${arg} ${p}`;
      const hasValue = readPath(p, text).end !== p.length;
      const apart = hasValue ? undefined : operand();
      edits.push({ op: arg === '--append' ? 'append' : 'prepend', ...assignment(p, apart === undefined ? text : `${text} ${apart}`, apart), text: apart === undefined ? text : `${text} ${apart}` });
    } else if (arg === '--merge') {
      const p = operand();
      const value = json(p, `--merge ${p}`);
      if (!(value instanceof Map)) throw new UsageError(`--merge ${p}: expected a JSON object`);
      edits.push({ op: 'merge', value, text: `--merge ${p}` });
    } else if (arg.startsWith('-') && arg.length > 1) {
      throw new UsageError(`unknown option '${arg}' (edits: PATH=TEXT, PATH:=JSON, --del, --append, --prepend, --merge)`);
    } else edits.push({ op: 'set', ...assignment(arg, arg), text: arg });
  }
  if (edits.length === 0) throw new UsageError('no edits given (e.g. jn edit .name=Alice .age:=30 --del .tmp)');
  return edits;
}
