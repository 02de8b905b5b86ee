// Reading a `jn shell` session back: from a script made by toScript (its
// `# jn-session:` line), from a saved session file (JSON), or from a plain
// pipeline `jn cat SRC | jn filter '...' | jn head 5`.
import { quoteShort } from '../kit/text.js';
import { jsonError } from '../kit/json.js';
import { SESSION_MARK, shellQuote } from './export.js';
import type { SessionState, StageEntry } from './session.js';
import { STAGE_COMMANDS, StageSyntaxError, stageArgv } from './stage.js';
import { shTokens, type ShToken } from './words.js';
import { shSourceOf } from './sh-source.js';

/** The text of a session file: pretty JSON (2 spaces) and a final newline.
 * Ids are not saved; loading assigns fresh ones. */
export function saveSession(state: SessionState): string {
  const file = { source: state.source, stages: state.stages.map((s) => ({ text: s.text, enabled: s.enabled })) };
  return JSON.stringify(file, null, 2) + '\n';
}

/** Read a session from a script made by toScript, a saved session file, or
 * a one-line pipeline. Throws an Error with a one-line message starting with
 * `origin` (and the line, where there is one). */
export function loadSession(text: string, origin = 'session'): SessionState {
  const lines = text.split('\n');
  const mark = SESSION_MARK.trimEnd();
  const at = lines.findIndex((l) => l.startsWith(mark));
  if (at >= 0) {
    const where = `${origin}:${at + 1}`;
    const json = lines[at].slice(mark.length).trim();
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      const e = jsonError(json) ?? { pos: 0, message: 'invalid JSON' };
      throw new Error(`${where}: the jn-session line is not valid JSON: ${e.message} at column ${mark.length + 2 + e.pos}`);
    }
    return toState(value, where);
  }
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(body)) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      const e = jsonError(body) ?? { pos: 0, message: 'invalid JSON' };
      const { line, col } = lineCol(body, e.pos);
      throw new Error(`${origin}:${line}:${col}: not a valid session file (JSON): ${e.message}`);
    }
    return toState(value, origin);
  }
  return parsePipeline(body, origin);
}

// ---------------------------------------------------------------- JSON shape

function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkText(text: string, where: string, label: string): void {
  try {
    stageArgv(text);
  } catch (err) {
    if (err instanceof StageSyntaxError) fail(where, `${label} ${quoteShort(text)}: column ${err.column}: ${err.message}`);
    throw err;
  }
}

function toState(value: unknown, where: string): SessionState {
  if (!isObject(value)) fail(where, 'a session must be a JSON object {"source": ..., "stages": [...]}');
  const { source, stages } = value;
  if (typeof source !== 'string') fail(where, '"source" must be a string');
  if (stages !== undefined && !Array.isArray(stages)) fail(where, '"stages" must be an array');
  const list = (stages ?? []) as unknown[];
  const out: { id: unknown; text: string; enabled: boolean }[] = list.map((s, i) => {
    const label = `stages[${i}]`;
    if (typeof s === 'string') return { id: undefined, text: s, enabled: true };
    if (!isObject(s)) fail(where, `${label} must be an object {"text": ..., "enabled": ...}`);
    if (typeof s.text !== 'string') fail(where, `${label}.text must be a string`);
    if (s.enabled !== undefined && typeof s.enabled !== 'boolean') fail(where, `${label}.enabled must be true or false`);
    return { id: s.id, text: s.text, enabled: s.enabled ?? true };
  });
  out.forEach((s, i) => checkText(s.text, where, `stage ${i + 1}`));
  const ids = out.map((s) => s.id);
  const keep = ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0) && new Set(ids).size === ids.length;
  const entries: StageEntry[] = out.map((s, i) => ({ id: keep ? (s.id as number) : i + 1, text: s.text, enabled: s.enabled }));
  return { source, stages: entries };
}

function lineCol(text: string, pos: number): { line: number; col: number } {
  const before = text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, col: pos - nl };
}

// ------------------------------------------------------------ plain pipeline

type Token = ShToken & { line: number };

/** Split shell text into words, `|` and newlines, with sh quoting rules
 * (words.ts), each with its line. Anything else that is shell syntax
 * (; & < > ( ) ` $var $(...)) is refused. */
function tokenize(text: string, origin: string): Token[] {
  const where = (at: number) => {
    const { line, col } = lineCol(text, at);
    return `${origin}:${line}:${col}`;
  };
  const tokens = shTokens(text, {
    script: true,
    onSyntax: (what, at) => fail(where(at), `${what} is not supported; expected a plain pipeline like jn cat SRC | jn filter '.x' | jn head 5`),
    fail: (message, at) => fail(where(at), message),
  });
  // Tokens come in text order: count the newlines once, as we go.
  let line = 1;
  let pos = 0;
  return tokens.map((t) => {
    for (; pos < t.at; pos++) if (text.charCodeAt(pos) === 10) line++;
    return { ...t, line };
  });
}

/** The entry text that reads back (through stageArgv) as exactly `argv`:
 * a filter's expression alone when that works, else the quoted words. */
export function entryText(argv: readonly string[]): string {
  if (argv[0] === 'filter' && argv.length === 2) {
    try {
      const back = stageArgv(argv[1]);
      if (back.length === 2 && back[0] === 'filter' && back[1] === argv[1]) return argv[1];
    } catch {
      // not an expression entry: quote it below
    }
  }
  return argv.map(shellQuote).join(' ');
}

/** Read a plain pipeline `jn cat SRC | jn STAGE ... | ...` or `jn sh CMD
 * ARGS... | jn STAGE ...` (the source `sh:CMD ARGS...`) (sh quoting;
 * comments, blank lines, backslash-newline and newlines after `|` allowed;
 * a leading `$ ` prompt is dropped). */
export function parsePipeline(text: string, origin = 'pipeline'): SessionState {
  const tokens = tokenize(text, origin);
  // commands: split at newlines, except a newline right after '|'
  const commands: Token[][] = [[]];
  for (const t of tokens) {
    const cmd = commands[commands.length - 1];
    if (t.kind === 'newline') {
      const last = cmd[cmd.length - 1];
      if (cmd.length > 0 && last.kind !== 'pipe') commands.push([]);
      continue;
    }
    cmd.push(t);
  }
  const nonEmpty = commands.filter((c) => c.length > 0);
  if (nonEmpty.length === 0) fail(origin, "empty: expected a pipeline like jn cat SRC | jn filter '.x' | jn head 5");
  if (nonEmpty.length > 1) fail(`${origin}:${nonEmpty[1][0].line}`, 'expected a single pipeline, found another command');
  const cmd = nonEmpty[0];
  if (cmd[0].kind === 'word' && cmd[0].value === '$') cmd.shift();
  // stages: split at '|'
  const stages: { words: string[]; line: number }[] = [];
  let current: { words: string[]; line: number } | undefined;
  for (const t of cmd) {
    if (t.kind === 'pipe') {
      if (!current) fail(`${origin}:${t.line}`, "'|' without a command before it");
      stages.push(current);
      current = undefined;
    } else if (t.kind === 'word') {
      current ??= { words: [], line: t.line };
      current.words.push(t.value);
    }
  }
  if (!current) fail(`${origin}:${cmd[cmd.length - 1].line}`, "'|' without a command after it");
  stages.push(current);
  const [first, ...rest] = stages;
  const command = first.words[0] === 'jn' && first.words[1] === 'sh' && first.words.length > 2;
  if (!command && (first.words[0] !== 'jn' || first.words[1] !== 'cat' || first.words.length !== 3)) {
    fail(`${origin}:${first.line}`, `the pipeline must start with jn cat SOURCE (one source) or jn sh COMMAND, found ${quoteShort(first.words.join(' '))}`);
  }
  const entries: StageEntry[] = rest.map((s, i) => {
    const where = `${origin}:${s.line}`;
    if (s.words[0] !== 'jn') fail(where, `every stage must be a jn command, found ${quoteShort(s.words.join(' '))}`);
    const argv = s.words.slice(1);
    if (argv.length === 0 || !STAGE_COMMANDS.includes(argv[0])) {
      fail(where, `${quoteShort(['jn', ...argv].join(' '))} cannot be a stage; stages are ${STAGE_COMMANDS.join(', ')}`);
    }
    const text = entryText(argv);
    checkText(text, where, `stage ${i + 1}`);
    return { id: i + 1, text, enabled: true };
  });
  return { source: command ? shSourceOf(first.words.slice(2), shellQuote) : first.words[2], stages: entries };
}
