// Completion in the stage editor (Tab): what the word at the cursor can
// become, from what the line says before it.
//
//   .add|            field paths of the previous stage's rows: .address, .address.city
//   sel|             builtin names of the filter language (and stage commands, first word)
//   head --l|        the options of the stage command
//   join data/cu|    file names (join, merge; :load, :export, :save, :source)
//
// The common prefix of the candidates is inserted; with one candidate it is
// inserted whole, followed by a space when it ends a shell word (a command,
// an option, a file). Pure: the file names come from `files`.
import type { Line } from './lineedit.js';
import { STAGE_COMMANDS } from './stage.js';
import { isWordBlank, shTokens } from './words.js';

/** A field path as its segments: `.name`, `."odd key"`, `[]`. */
export type FieldPath = readonly string[];

export interface CompletionSources {
  fields: readonly FieldPath[];
  /** Builtin function names of the filter language. */
  builtins: readonly string[];
  /** Option names of each stage command. */
  options: ReadonlyMap<string, readonly string[]>;
  /** The paths that start with `typed` (a path as typed: `data/or` →
   * `data/orders.csv`, `data/orders/`; a directory ends with `/`). */
  files(typed: string): readonly string[];
}

export interface Completion {
  /** The line with the completion made (the common prefix, or the one
   * candidate); the same line when there is nothing to add. */
  line: Line;
  /** Every candidate, when there is more than one, as shown (a file by
   * its name in its directory). */
  candidates: readonly string[];
}

/** Colon commands that take a file name (or, :source, an address). */
const FILE_COMMANDS = new Set([':export', ':export!', ':w', ':w!', ':save', ':load', ':source']);

interface Target {
  /** Where the replaced text starts (UTF-16 index). */
  from: number;
  /** The text typed so far that a candidate replaces (from..cursor). */
  typed: string;
  candidates: string[];
  /** A single candidate ends a shell word (a space follows it). */
  word: boolean;
  /** How a candidate is written in the line (shell quoting of a file name). */
  quote?: (candidate: string) => string;
  /** What closes a single candidate before its space (the open quote). */
  close?: string;
  /** Candidates are paths: show each by its last part. */
  paths?: boolean;
}

/** The completion at the cursor, or undefined when there is nothing to
 * complete there (no candidate, or the one candidate is already typed). */
export function complete(line: Line, src: CompletionSources): Completion | undefined {
  const head = line.text.slice(0, line.cursor);
  const t = target(head, src);
  if (!t || t.candidates.length === 0) return undefined;
  const candidates = [...new Set(t.candidates)];
  const quote = t.quote ?? ((s: string) => s);
  let insert: string;
  if (candidates.length === 1) {
    const only = candidates[0];
    insert = quote(only) + (t.word && !only.endsWith('/') ? (t.close ?? '') + ' ' : '');
  } else {
    const common = commonPrefix(candidates);
    insert = common.length > t.typed.length ? quote(common) : line.text.slice(t.from, line.cursor);
  }
  const text = line.text.slice(0, t.from) + insert + line.text.slice(line.cursor);
  // one candidate, already typed: nothing to complete (Tab moves the focus)
  if (candidates.length === 1 && text === line.text) return undefined;
  const shown = t.paths ? candidates.map((c) => c.slice(c.lastIndexOf('/', c.length - 2) + 1)) : candidates;
  return { line: { text, cursor: t.from + insert.length }, candidates: candidates.length > 1 ? shown : [] };
}

function target(head: string, src: CompletionSources): Target | undefined {
  const start = skipBlanks(head, 0);
  if (head[start] === ':') {
    const cmd = /^\S*/.exec(head.slice(start))![0];
    const w = currentWord(head, start);
    if (w.start === start || !FILE_COMMANDS.has(cmd)) return undefined;
    // colon commands take the rest of the line as it is: no shell quoting
    const typed = head.slice(skipBlanks(head, start + cmd.length));
    return { from: head.length - typed.length, typed, candidates: [...src.files(typed)], word: true, paths: true };
  }
  const w = currentWord(head, start);
  const words = wordsBefore(head, w.start);
  if (words[0] === 'jn') words.shift();
  const command = words[0];
  // the first word may also be a stage command
  if (command === undefined || !STAGE_COMMANDS.includes(command)) return expression(head, src, words.length === 0 ? w.start : -1);
  if (w.value.startsWith('-') && w.quote === '') {
    const options = src.options.get(command) ?? [];
    return { from: w.start, typed: w.value, candidates: options.filter((o) => o.startsWith(w.value)), word: true };
  }
  if (command === 'filter') return expression(head, src, -1);
  if (command === 'join' || command === 'merge') {
    return { from: w.start, typed: w.value, candidates: [...src.files(w.value)], word: true, quote: (s) => shellWord(s, w.quote), close: w.quote, paths: true };
  }
  return undefined;
}

/** Completion in a filter expression: the field path, `$name` or builtin
 * name that ends at the cursor (none inside a string literal); a name that
 * is the whole first word (starting at `commandAt`) may be a stage command. */
function expression(head: string, src: CompletionSources, commandAt: number): Target | undefined {
  if (inString(head)) return undefined;
  const typed = /[A-Za-z0-9_$.[\]]*$/.exec(head)![0].replace(/^[^.$A-Za-z_]+/, '');
  const from = head.length - typed.length;
  if (typed.startsWith('.')) {
    return { from, typed, candidates: src.fields.flatMap((f) => nextSegment(f, typed)), word: false };
  }
  if (/^\$?[A-Za-z_]\w*$/.test(typed)) {
    const commands = from === commandAt ? STAGE_COMMANDS.filter((c) => c.startsWith(typed)) : [];
    const names = src.builtins.filter((n) => n.startsWith(typed));
    // a stage command is a shell word: a space follows it
    return { from, typed, candidates: [...commands, ...names], word: names.length === 0 };
  }
  return undefined;
}

/** The path `f` up to the segment after `typed`, if it starts with it:
 * `.address.city` for `.add` is `.address`; for `.address.` it is
 * `.address.city`. A quoted key matches typed without its quotes too
 * (`.od` → `."odd key"`). */
function nextSegment(f: FieldPath, typed: string): string[] {
  for (const plain of [false, true]) {
    let text = '';
    let shown = '';
    for (const seg of f) {
      text += seg;
      shown += plain && seg.startsWith('."') ? '.' + (JSON.parse(seg.slice(1)) as string) : seg;
      if (shown.length > typed.length) {
        if (shown.startsWith(typed)) return [text];
        break;
      }
      if (!typed.startsWith(shown)) break;
      if (shown === typed && seg === f[f.length - 1]) return [text];
    }
  }
  return [];
}

/** True when the expression text ends inside a "..." literal. */
function inString(text: string): boolean {
  let open = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && open) i++;
    else if (text[i] === '"') open = !open;
  }
  return open;
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && isWordBlank(text[i])) i++;
  return i;
}

interface Word {
  /** Where the word starts (head.length: no word at the cursor yet). */
  start: number;
  /** Its value so far, quotes removed. */
  value: string;
  /** The quote still open at the cursor. */
  quote: '' | "'" | '"';
}

/** The shell word that ends at the end of `head` (sh quoting rules, as in
 * words.ts, with an unterminated quote allowed: it is being typed). */
function currentWord(head: string, from: number): Word {
  let start = -1;
  let value = '';
  let quote: Word['quote'] = '';
  for (let i = from; i < head.length; i++) {
    const c = head[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else value += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '\\' && '"\\$`'.includes(head[i + 1] ?? '')) value += head[++i];
      else value += c;
      continue;
    }
    if (isWordBlank(c)) {
      start = -1;
      value = '';
      continue;
    }
    if (start < 0) start = i;
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') value += head[++i] ?? '';
    else value += c;
  }
  return start < 0 ? { start: head.length, value: '', quote: '' } : { start, value, quote };
}

/** The complete words before index `end` (quotes there are balanced). */
function wordsBefore(head: string, end: number): string[] {
  try {
    const tokens = shTokens(head.slice(0, end), {
      onSyntax: () => undefined,
      fail: (message) => {
        throw new Error(message);
      },
    });
    return tokens.flatMap((t) => (t.kind === 'word' ? [t.value] : []));
  } catch {
    return [];
  }
}

/** A file name as a shell word: inside the quote being typed, or with
 * backslashes before the characters sh would read otherwise. */
function shellWord(name: string, quote: Word['quote']): string {
  if (quote === "'") return "'" + name.replace(/'/g, `'\\''`);
  if (quote === '"') return '"' + name.replace(/["\\$`]/g, '\\$&');
  return name.replace(/[^\w@%+=:,./~-]/g, '\\$&');
}

function commonPrefix(items: readonly string[]): string {
  let p = items[0];
  for (const s of items) {
    let i = 0;
    while (i < p.length && i < s.length && p[i] === s[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

// ------------------------------------------------------------ field paths

/** Rows walked for field paths, and the most paths kept. */
const ROWS = 200;
const PATHS = 2000;
const DEPTH = 6;
/** Array elements looked into. */
const ELEMENTS = 20;

/** A key as a path segment: `.name`, or `."odd key"` when it is not a name. */
function segment(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? '.' + key : '.' + JSON.stringify(key);
}

function entriesOf(v: unknown): Iterable<[string, unknown]> | undefined {
  if (v instanceof Map) return v as Map<string, unknown>;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? Object.entries(v) : undefined;
}

/** The field paths of the first rows (nested objects, and objects in
 * arrays as `.items[].sku`), in the order they first appear; bounded in
 * rows, depth and count. */
export function fieldPaths(rows: readonly unknown[]): FieldPath[] {
  const seen = new Map<string, FieldPath>();
  const walk = (v: unknown, path: string[], depth: number): void => {
    if (seen.size >= PATHS || depth > DEPTH) return;
    if (Array.isArray(v)) {
      for (const e of v.slice(0, ELEMENTS)) if (entriesOf(e)) walk(e, [...path, '[]'], depth + 1);
      return;
    }
    const entries = entriesOf(v);
    if (!entries) return;
    for (const [k, child] of entries) {
      const p = [...path, segment(k)];
      const key = p.join('');
      if (!seen.has(key)) seen.set(key, p);
      walk(child, p, depth + 1);
    }
  };
  for (const row of rows.slice(0, ROWS)) walk(row, [], 0);
  return [...seen.values()];
}
