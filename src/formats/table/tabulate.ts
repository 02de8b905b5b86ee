// Records laid out as Python's tabulate lays out a list of dicts with
// headers="keys" (what the original JN's `jn table` printed), byte for byte
// for the styles in styles.ts:
// - columns are the keys in order of first appearance; missing values and
//   nulls are empty;
// - a column whose values are all numbers (or number texts such as "9.99",
//   as Python's int()/float() read them) is numeric and aligned by
//   --numalign (default: on the decimal point), every other by --stralign
//   (default: left); numbers print as written, or, in a column with a
//   non-integer, as --floatfmt says ('g': what tabulate prints by default);
// - each column is at least as wide as its header plus 2 (0 for pretty);
// - --maxcolwidths wraps text cells (not numbers) as tabulate does.
// Where Python would print its own spellings, jn prints JSON's: true/false,
// arrays and objects as compact JSON, numbers in text columns as written.
// Control characters are shown as escapes; a line break makes a cell take
// several lines in the styles that allow it, and shows as \n in the others.
import { displayWidth, truncateToWidth } from '../../kit/width.js';
import { escapeControls } from '../../kit/text.js';
import { Columns, fields } from '../../kit/table.js';
import { JsonNumber, stringifyLossless } from '../../kit/lossless.js';
import { afterPoint, formatFloat, isIntText, isNumberText, numberValue, pyStrip } from './numbers.js';
import { wrapCell } from './wrap.js';
import { buildLine, buildRow, STYLES, type Align, type Style } from './styles.js';

export interface TabulateOptions {
  style: string;
  numalign?: Align;
  stralign?: Exclude<Align, 'decimal'>;
  showindex?: boolean;
  /** One width for every column, or one per column from the first (undefined: no limit). */
  maxcolwidths?: number | (number | undefined)[];
  /** Python's format spec for the numbers of a column with a non-integer
   * (tabulate's floatfmt; `g` gives what tabulate prints by default); by
   * default numbers print as written. */
  floatfmt?: string;
  /** jn's extra: text cells and headers cut to this many columns, ending in …. */
  maxWidth?: number;
}

// tabulate's types, from least to most generic.
const NONE = 0;
const BOOL = 1;
const INT = 2;
const FLOAT = 3;
const STR = 5;

interface Cell {
  kind: number;
  text: string; // what prints in a text column
  num?: number; // the value, for a float column
}

function numberCell(text: string, numparse: boolean): Cell {
  if (!numparse) return { kind: STR, text };
  const isInt = /^-?\d+$/.test(text);
  return { kind: isInt ? INT : FLOAT, text, num: Number(text) };
}

function stringCell(s: string, numparse: boolean): Cell {
  if (s === 'True' || s === 'False') return { kind: BOOL, text: s };
  if (numparse && isIntText(s)) return { kind: INT, text: s, num: numberValue(s) };
  if (numparse && isNumberText(s)) return { kind: FLOAT, text: s, num: numberValue(s) };
  return { kind: STR, text: s };
}

/** A null, boolean or number as a typed cell. */
function typed(v: unknown, numparse: boolean): Cell {
  if (typeof v === 'boolean') return { kind: BOOL, text: String(v) };
  if (typeof v === 'number') return numberCell(String(v), numparse);
  if (v instanceof JsonNumber) return numberCell(v.text, numparse);
  return { kind: NONE, text: '' };
}

/** Collects records as rows of values, keys in order of first appearance. */
export class TableRows {
  private readonly columns = new Columns();
  readonly keys = this.columns.keys;
  readonly rows: unknown[][] = [];

  add(rec: unknown): void {
    const row: unknown[] = [];
    for (const [key, v] of fields(rec)) row[this.columns.of(key)] = v;
    this.rows.push(row);
  }
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Columns a cell takes: its widest line; outside multi-line tables a line
 * break (from --maxcolwidths) counts one column, as in tabulate. */
function blockWidth(s: string, multiline = true): number {
  if (!multiline) return displayWidth(s.replace(/\n/g, ' '));
  let w = 0;
  for (const line of s.split('\n')) w = Math.max(w, displayWidth(line));
  return w;
}

/** s padded to width columns (s takes `used` of them) as align says. */
function pad(s: string, width: number, align: Align, used = displayWidth(s)): string {
  const gap = width - used;
  if (gap <= 0) return s;
  if (align === 'left') return s + ' '.repeat(gap);
  if (align === 'center') return ' '.repeat(gap >> 1) + s + ' '.repeat(gap - (gap >> 1));
  return ' '.repeat(gap) + s;
}

/** A column's texts aligned to one width (tabulate's _align_column). */
function alignColumn(texts: string[], align: Align, minWidth: number, multiline: boolean): string[] {
  let strings = texts;
  if (align === 'decimal') {
    const decimals = texts.map(afterPoint);
    const most = decimals.reduce((m, d) => Math.max(m, d), -1);
    strings = texts.map((s, k) => s + ' '.repeat(most - decimals[k]));
  } else strings = texts.map(pyStrip);
  let width = minWidth;
  for (const s of strings) width = Math.max(width, blockWidth(s, multiline));
  if (!multiline) return strings.map((s) => pad(s, width, align, blockWidth(s, false)));
  return strings.map((s) =>
    splitLines(s)
      .map((line) => pad(line, width, align))
      .join('\n'),
  );
}


interface Prepared {
  escape: (s: string) => string;
  cut: (s: string) => string;
  limits: (number | undefined)[];
  numparse: boolean;
}

/** The headers: escaped and cut like cells (an index column's is empty). */
function headerTexts(table: TableRows, opts: TabulateOptions, prep: Prepared, rst: boolean): string[] {
  const headers = [...(opts.showindex ? [''] : []), ...table.keys].map((h) => prep.cut(prep.escape(h)));
  if (rst && headers.length && pyStrip(headers[0]) === '') headers[0] = '..';
  return headers;
}

/** A value as a typed cell: text escaped, cut and wrapped first. */
function cellOf(v: unknown, limit: number | undefined, prep: Prepared): Cell {
  if (typeof v === 'string' || (v !== null && typeof v === 'object' && !(v instanceof JsonNumber))) {
    let text = prep.cut(prep.escape(typeof v === 'string' ? v : stringifyLossless(v)));
    if (limit !== undefined && !isNumberText(text)) text = wrapCell(text, limit);
    return typeof v === 'string' ? stringCell(text, prep.numparse) : { kind: STR, text };
  }
  return typed(v, prep.numparse);
}

/** Column k's texts before alignment, and whether it is numeric. */
function columnTexts(table: TableRows, k: number, opts: TabulateOptions, prep: Prepared, rst: boolean): { texts: string[]; numeric: boolean } {
  const cells = table.rows.map((values, r) => cellOf(opts.showindex ? (k === 0 ? r : values[k - 1]) : values[k], prep.limits[k], prep));
  if (rst && k === 0) for (let r = 0; r < cells.length; r++) if (cells[r].kind === STR && pyStrip(cells[r].text) === '') cells[r] = { kind: STR, text: '..' };
  const kind = cells.reduce((m, c) => Math.max(m, c.kind), BOOL);
  const texts = cells.map((c) => {
    if (c.kind === NONE) return '';
    if (kind === FLOAT && c.num !== undefined && opts.floatfmt !== undefined) return formatFloat(c.num, opts.floatfmt);
    return c.text;
  });
  return { texts, numeric: kind === INT || kind === FLOAT };
}

interface Laid {
  headers: string[];
  columns: string[][];
  widths: number[];
  aligns: Align[];
  multiline: boolean;
}

/** Every column typed, formatted and aligned (column by column, so only one
 * column's typed cells exist at a time). */
function lay(table: TableRows, opts: TabulateOptions, style: Style, name: string): Laid {
  const pretty = name === 'pretty';
  const rst = name === 'rst';
  const prep: Prepared = {
    escape: (s) => (style.multiline ? s.split('\n').map(escapeControls).join('\n') : escapeControls(s)),
    cut: (s) => (opts.maxWidth === undefined ? s : s.split('\n').map((l) => truncateToWidth(l, opts.maxWidth!)).join('\n')),
    limits: [],
    numparse: !pretty,
  };
  const headers = headerTexts(table, opts, prep, rst);
  const ncol = headers.length;
  prep.limits = Array.from({ length: ncol }, (_, k) => (typeof opts.maxcolwidths === 'number' ? opts.maxcolwidths : opts.maxcolwidths?.[k]));
  const columns: string[][] = [];
  const aligns: Align[] = [];
  for (let k = 0; k < ncol; k++) {
    const { texts, numeric } = columnTexts(table, k, opts, prep, rst);
    columns.push(texts);
    aligns.push(numeric ? (opts.numalign ?? 'decimal') : (opts.stralign ?? 'left'));
  }
  const multiline = style.multiline && (headers.some((h) => h.includes('\n')) || columns.some((col) => col.some((t) => t.includes('\n'))));
  const minWidth = (k: number): number => blockWidth(headers[k], multiline) + (pretty ? 0 : 2);
  for (let k = 0; k < ncol; k++) columns[k] = alignColumn(columns[k], aligns[k], minWidth(k), multiline);
  const widths = columns.map((col, k) => col.reduce((w, c) => Math.max(w, blockWidth(c, multiline)), minWidth(k)));
  const laidHeaders = headers.map((h, k) =>
    h
      .split('\n')
      .map((line) => pad(line, widths[k], aligns[k] === 'decimal' ? 'right' : aligns[k]))
      .join('\n'),
  );
  return { headers: laidHeaders, columns, widths, aligns, multiline };
}

/** The lines of one row (several when its cells have several lines). */
function rowLines(style: Style, rowFmt: Style['row'], cells: string[], laid: Laid, write: (line: string) => void): void {
  const p = ' '.repeat(style.padding);
  const padded = laid.widths.map((w) => w + 2 * style.padding);
  if (!laid.multiline) {
    write(buildRow(rowFmt, cells.map((c) => p + c + p), padded, laid.aligns));
    return;
  }
  const cellLines = cells.map(splitLines);
  const n = cellLines.reduce((m, l) => Math.max(m, l.length), 0);
  for (let i = 0; i < n; i++) write(buildRow(rowFmt, cellLines.map((l, k) => p + (l[i] ?? ' '.repeat(laid.widths[k])) + p), padded, laid.aligns));
}

/** The table of the collected records in a style (see STYLES), line by line
 * (each without its newline); nothing when there are no rows or columns. */
export function tabulateLines(table: TableRows, opts: TabulateOptions, write: (line: string) => void): void {
  const style = STYLES.get(opts.style);
  if (!style) throw new Error(`unknown table style ${opts.style}`);
  if (table.rows.length === 0 || (table.keys.length === 0 && !opts.showindex)) return;
  const laid = lay(table, opts, style, opts.style);
  const padded = laid.widths.map((w) => w + 2 * style.padding);
  const line = (fmt: NonNullable<Style['above']>): void => write(buildLine(fmt, padded, laid.aligns));
  if (style.above && !style.hide?.includes('above')) line(style.above);
  rowLines(style, style.header, laid.headers, laid, write);
  if (style.belowHeader) line(style.belowHeader);
  const n = table.rows.length;
  for (let r = 0; r < n; r++) {
    rowLines(style, style.row, laid.columns.map((col) => col[r]), laid, write);
    if (style.between && r < n - 1) line(style.between);
  }
  if (style.below && !style.hide?.includes('below')) line(style.below);
}

/** The whole table as one string, each line ending in a newline. */
export function tabulate(table: TableRows, opts: TabulateOptions): string {
  let text = '';
  tabulateLines(table, opts, (line) => (text += line + '\n'));
  return text;
}
