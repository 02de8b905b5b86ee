// Markdown (GitHub pipe tables) <-> NDJSON, pure logic (no I/O);
// plugins/markdown.ts wires it to stdin/stdout.
//
// read: every pipe table of the document, in order, line by line (memory
// holds one line). A table is a header row followed by a delimiter row
// (`| --- | :-: | --: |`) with the same number of cells; its rows run until a
// blank line or the start of another block (heading, fence, block quote,
// thematic break). Tables inside fenced code blocks are not tables. Each row
// is a record keyed by its table's header (empty or duplicate names as in
// csv: column number, a, a_2); a short row gets "" for its missing cells,
// cells past the header's count are ignored (as GitHub does).
// Cells: surrounding spaces and tabs trimmed; a backslash before ASCII
// punctuation is an escape (`\|` -> `|`, `\\` -> `\`); `<br>` (also `<br/>`,
// `<br />`) is a line break; a cell that is a plain JSON number literal or
// true/false (the csv typing rule: no leading zero, any size) becomes that
// number (its original text kept) or boolean; everything else is a string.
//
// write: one GitHub pipe table. Columns are the union of all keys in order of
// first appearance, so all records are held until the end (to size the
// columns too). Numeric columns (every non-empty value a number) are right
// aligned (`--:`). Cell text: strings as they are, numbers and booleans as
// JSON, null/missing empty, arrays and objects as compact JSON; `|` and
// backslashes before punctuation are escaped, line breaks become `<br>`.
import { bareAt, headerKeys } from '../csv/typing.js';
import { expectObject } from '../../kit/records.js';
import { isJsonNumber, stringifyLossless } from '../../kit/lossless.js';
import { displayWidth } from '../../kit/width.js';

/** Trim spaces and tabs only (not other Unicode spaces). */
function trimCell(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** The raw (still escaped, untrimmed) cells of a table row: an optional
 * leading and trailing pipe are dropped, unescaped pipes separate cells, and
 * a backslash always takes the next character with it. */
function splitRow(line: string): string[] {
  const s = trimCell(line);
  const cells: string[] = [];
  let i = s.charCodeAt(0) === 124 ? 1 : 0;
  let start = i;
  let endsWithPipe = false;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      i += 2;
      continue;
    }
    if (c === 124) {
      cells.push(s.slice(start, i));
      start = i + 1;
      if (start === n) endsWithPipe = true;
    }
    i++;
  }
  if (!endsWithPipe) cells.push(s.slice(start));
  return cells;
}

const UNESCAPE = /\\([!-/:-@[-`{-~])|<br\s*\/?>/gi;

/** A cell's text: trimmed, backslash escapes removed, `<br>` a newline. */
function cellValue(raw: string): string {
  const t = trimCell(raw);
  if (t.indexOf('\\') === -1 && t.indexOf('<') === -1) return t;
  return t.replace(UNESCAPE, (_match, ch: string | undefined) => (ch === undefined ? '\n' : ch));
}

/** The JSON text of a cell: a number (original text), a boolean or a string. */
function cellToJson(raw: string): string {
  const t = trimCell(raw);
  return bareAt(t, 0, t.length) ? t : JSON.stringify(cellValue(t));
}

const DELIM_CELL = /^[ \t]*:?-+:?[ \t]*$/;

function isDelimiterRow(line: string, count: number): boolean {
  if (line.indexOf('|') === -1 || line.indexOf('-') === -1) return false;
  const cells = splitRow(line);
  return cells.length === count && cells.every((c) => DELIM_CELL.test(c));
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLOCK_START = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BLANK = /^[ \t]*$/;

/** True when lines (no blank line at either end) are exactly one pipe
 * table: a header row, its delimiter row, then rows only. */
export function isPipeTable(lines: string[]): boolean {
  if (lines.length < 2) return false;
  const head = lines[0];
  if (head.indexOf('|') === -1 || /^(?: {4}|\t)/.test(head) || BLOCK_START.test(head)) return false;
  if (!isDelimiterRow(lines[1], splitRow(head).length)) return false;
  for (let i = 2; i < lines.length; i++) {
    const t = lines[i];
    if (BLANK.test(t) || BLOCK_START.test(t) || (t.indexOf('|') === -1 && THEMATIC_BREAK.test(t))) return false;
  }
  return true;
}

/**
 * Streaming reader of the pipe tables in a Markdown document: feed it lines
 * (without line ends), it emits each table row as one NDJSON line.
 */
export class MarkdownTableReader {
  private fence: string | null = null;
  private prev: string | null = null;
  /** JSON texts `"key":` of the current table's columns, or null outside a table. */
  private keys: string[] | null = null;

  constructor(private readonly emit: (ndjsonLine: string) => void) {}

  line(text: string, lineNo: number): void {
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (this.fence !== null) {
      const m = FENCE.exec(text);
      if (m && m[1][0] === this.fence[0] && m[1].length >= this.fence.length && BLANK.test(text.slice(m[0].length))) this.fence = null;
      return;
    }
    if (this.keys !== null) {
      if (BLANK.test(text) || BLOCK_START.test(text) || (text.indexOf('|') === -1 && THEMATIC_BREAK.test(text))) this.keys = null;
      else {
        this.row(text);
        return;
      }
    }
    const fence = FENCE.exec(text);
    if (fence) {
      this.fence = fence[1];
      this.prev = null;
      return;
    }
    const prev = this.prev;
    if (prev !== null) {
      const header = splitRow(prev);
      if (isDelimiterRow(text, header.length)) {
        this.keys = headerKeys(header.map(cellValue)).map((k) => JSON.stringify(k) + ':');
        this.prev = null;
        return;
      }
    }
    // a header row: has a pipe, is not indented code
    this.prev = text.indexOf('|') !== -1 && !/^(?: {4}|\t)/.test(text) ? text : null;
  }

  private row(text: string): void {
    const keys = this.keys!;
    const cells = splitRow(text);
    let out = '{';
    for (let k = 0; k < keys.length; k++) {
      if (k) out += ',';
      out += keys[k] + (k < cells.length ? cellToJson(cells[k]) : '""');
    }
    this.emit(out + '}\n');
  }
}

// ----------------------------------------------------------------- writer

const ESCAPE_BACKSLASH = /\\(?=[!-/:-@[-`{-~])/g;
const LITERAL_BR = /<(?=br\s*\/?>)/gi;

/** A value's text in a table cell, escaped so that cellValue() gives it back. */
function markdownCell(value: unknown): string {
  let s: string;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') s = value;
  else s = stringifyLossless(value);
  if (!/[\\|<\r\n]/.test(s)) return s;
  return s.replace(ESCAPE_BACKSLASH, '\\\\').replace(/\|/g, '\\|').replace(LITERAL_BR, '\\<').replace(/\r\n|\r|\n/g, '<br>');
}

/** Collects records and lays them out as one GitHub pipe table. */
export class MarkdownTableWriter {
  private columns = new Map<string, number>();
  private rows: unknown[][] = [];

  /** Add a record: a Map (from parseLosslessLine) or a plain object. */
  add(value: unknown, lineNo: number): void {
    expectObject(value, lineNo);
    const row: unknown[] = [];
    const entries = value instanceof Map ? value.entries() : Object.entries(value);
    for (const [k, v] of entries as Iterable<[string, unknown]>) {
      let i = this.columns.get(k);
      if (i === undefined) {
        i = this.columns.size;
        this.columns.set(k, i);
      }
      row[i] = v;
    }
    this.rows.push(row);
  }

  /** The table (empty when there were no records or no keys). */
  finish(): string {
    const names = [...this.columns.keys()];
    if (this.rows.length === 0 || names.length === 0) return '';
    const n = names.length;
    const numeric: boolean[] = new Array(n).fill(true);
    const seenNumber: boolean[] = new Array(n).fill(false);
    const cells: string[][] = [];
    const widths = names.map((name) => Math.max(3, displayWidth(markdownCell(name))));
    for (const row of this.rows) {
      const texts: string[] = [];
      for (let k = 0; k < n; k++) {
        const v = row[k];
        if (isJsonNumber(v)) seenNumber[k] = true;
        else if (v !== null && v !== undefined) numeric[k] = false;
        const t = markdownCell(v);
        texts.push(t);
        const w = displayWidth(t);
        if (w > widths[k]) widths[k] = w;
      }
      cells.push(texts);
    }
    this.rows = [];
    const right = numeric.map((yes, k) => yes && seenNumber[k]);
    const pad = (t: string, k: number): string => {
      const gap = widths[k] - displayWidth(t);
      if (gap <= 0) return t;
      return right[k] ? ' '.repeat(gap) + t : t + ' '.repeat(gap);
    };
    const line = (texts: string[]): string => '| ' + texts.map(pad).join(' | ') + ' |\n';
    let out = line(names.map((name) => markdownCell(name)));
    out += '| ' + widths.map((w, k) => (right[k] ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ') + ' |\n';
    for (const texts of cells) out += line(texts);
    return out;
  }
}
