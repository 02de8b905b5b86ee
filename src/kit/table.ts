// Text tables for the terminal, in the styles of Python's tabulate: grid,
// github, simple and plain. Widths are display widths (src/formats/width.ts)
// so CJK text and emoji line up.
//
// TableWriter streams: records come in blocks, each block is laid out and
// written at once. Columns are the union of keys seen so far, in order of
// first appearance; widths only grow. A block that fits the table already on
// screen (same columns, same alignment, no wider cell) continues it without a
// new header; otherwise a blank line and a new table with a header start.
import { displayWidth, padToWidth, truncateToWidth } from './width.js';
import { escapeControls } from './text.js';
import { isJsonNumber, JsonNumber, stringifyLossless } from './lossless.js';

const TABLE_FORMATS = ['grid', 'github', 'simple', 'plain'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export interface Layout {
  columns: string[]; // header texts, already escaped and truncated
  widths: number[];
  right: boolean[]; // right-aligned (numeric) columns
}

/** Text of one cell: null/missing empty, strings raw, numbers and booleans
 * as JSON, arrays and objects as compact JSON; control characters escaped. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return escapeControls(value);
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'object') return escapeControls(stringifyLossless(value)); // Maps (kit/lossless) in key order
  return String(JSON.stringify(value) ?? '');
}

function row(fmt: TableFormat, layout: Layout, cells: string[]): string {
  const padded = layout.widths.map((w, k) => padToWidth(cells[k] ?? '', w, layout.right[k]));
  if (fmt === 'grid' || fmt === 'github') return `| ${padded.join(' | ')} |`;
  return padded.join('  ').trimEnd();
}

function rule(layout: Layout, fill: string): string {
  return `+${layout.widths.map((w) => fill.repeat(w + 2)).join('+')}+`;
}

/** The lines that open a table: borders and the header. */
function headerLines(fmt: TableFormat, layout: Layout): string[] {
  const head = row(fmt, layout, layout.columns);
  switch (fmt) {
    case 'grid':
      return [rule(layout, '-'), head, rule(layout, '=')];
    case 'github':
      return [head, `|${layout.widths.map((w, k) => (layout.right[k] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`];
    case 'simple':
      return [head, layout.widths.map((w) => '-'.repeat(w)).join('  ')];
    case 'plain':
      return [head];
  }
}

/** The lines of one data row (in grid, followed by its rule). */
function rowLines(fmt: TableFormat, layout: Layout, cells: string[]): string[] {
  const line = row(fmt, layout, cells);
  return fmt === 'grid' ? [line, rule(layout, '-')] : [line];
}

/** A whole table in one string (each line ends in a newline). */
export function renderTable(fmt: TableFormat, records: unknown[], maxWidth?: number): string {
  let text = '';
  const writer = new TableWriter(fmt, (s) => (text += s), maxWidth);
  writer.writeBlock(records);
  return text;
}

/** A record's fields in order: a Map's (kit/lossless), a plain object's,
 * or anything else as the one field `value`. */
export function fields(rec: unknown): Iterable<[string, unknown]> {
  if (rec instanceof Map) return rec as Map<string, unknown>;
  if (rec !== null && typeof rec === 'object' && !Array.isArray(rec)) return Object.entries(rec);
  return [['value', rec]];
}

/** Column names in order of first appearance, each with its number. */
export class Columns {
  readonly keys: string[] = [];
  private readonly numbers = new Map<string, number>();

  /** The column of a key, added at the end when new. */
  of(key: string): number {
    let k = this.numbers.get(key);
    if (k === undefined) {
      k = this.keys.length;
      this.keys.push(key);
      this.numbers.set(key, k);
    }
    return k;
  }
}

export class TableWriter {
  private readonly columns = new Columns();
  private readonly keys = this.columns.keys;
  private open: Layout | undefined;

  constructor(
    private readonly fmt: TableFormat,
    private readonly write: (text: string) => void,
    private readonly maxWidth?: number,
  ) {}

  private fit(s: string): string {
    return this.maxWidth === undefined ? s : truncateToWidth(s, this.maxWidth);
  }

  /** Lay out and write a block of records (non-objects go in a `value` column). */
  writeBlock(records: unknown[]): void {
    if (records.length === 0) return;
    const rows: Map<number, unknown>[] = [];
    for (const rec of records) {
      const cells = new Map<number, unknown>();
      for (const [key, v] of fields(rec)) cells.set(this.columns.of(key), v);
      rows.push(cells);
    }
    const ncol = this.keys.length;
    if (ncol === 0) return; // only empty objects: nothing to show

    const columns = this.keys.map((key) => this.fit(escapeControls(key)));
    const numeric = new Array<boolean>(ncol).fill(true);
    const seen = new Array<boolean>(ncol).fill(false);
    const texts: string[][] = rows.map((cells) => {
      const line = new Array<string>(ncol).fill('');
      for (const [k, v] of cells) {
        if (v === null || v === undefined) continue;
        seen[k] = true;
        if (!isJsonNumber(v)) numeric[k] = false;
        line[k] = this.fit(cellText(v));
      }
      return line;
    });
    // A column with no values in this block keeps the alignment it had.
    const right = numeric.map((isNum, k) => (seen[k] ? isNum : (this.open?.right[k] ?? false)));
    const widths = columns.map((c) => displayWidth(c));
    for (const line of texts)
      for (let k = 0; k < ncol; k++) {
        const w = displayWidth(line[k]);
        if (w > widths[k]) widths[k] = w;
      }

    const open = this.open;
    const continues =
      open !== undefined &&
      open.widths.length === ncol &&
      widths.every((w, k) => w <= open.widths[k]) &&
      right.every((r, k) => r === open.right[k]);
    let layout: Layout;
    const out: string[] = [];
    if (continues) layout = open;
    else {
      if (open) {
        for (let k = 0; k < open.widths.length; k++) widths[k] = Math.max(widths[k], open.widths[k]);
        out.push('');
      }
      layout = { columns, widths, right };
      out.push(...headerLines(this.fmt, layout));
      this.open = layout;
    }
    for (const line of texts) out.push(...rowLines(this.fmt, layout, line));
    this.write(out.join('\n') + '\n');
  }
}
