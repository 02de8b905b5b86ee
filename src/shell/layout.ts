// Pure layout of `jn shell`: the heights of its panes, and the preview
// table: which columns, how wide, what text.
import { displayWidth, truncateToWidth } from '../kit/width.js';
import { escapeControls } from '../kit/text.js';
import { findText } from './search.js';
import { cellText, fieldOf, isRecord, keysOf, kindOf, typeMark, type Kind } from './values.js';

/** A column's width unless widened (`>`): the width of its widest cell
 * in the sample, at most this. */
const MAX_COLUMN_WIDTH = 40;
/** Rows whose cells are measured: the first ones, and as many more spread
 * evenly over the rest. */
const SAMPLE = 200;

/** The column names of the rows seen so far: the union of keys in order of
 * first appearance; a row that is not a record shows in a column named
 * "value". `update` scans only the rows it has not seen when the rows grow
 * (a preview streaming in), and starts over on other rows: the names of a
 * 100,000-row result are found once, not at every key. */
export class ColumnNames {
  private first: unknown = undefined;
  private last: unknown = undefined;
  private seen = 0;
  private names = new Set<string>();
  private list: string[] = [];

  update(rows: readonly unknown[]): string[] {
    if (rows.length < this.seen || (this.seen > 0 && (rows[0] !== this.first || rows[this.seen - 1] !== this.last))) {
      this.seen = 0;
      this.names = new Set();
    }
    const before = this.names.size;
    for (let i = this.seen; i < rows.length; i++) {
      const r = rows[i];
      if (isRecord(r)) for (const k of keysOf(r)) this.names.add(k);
      else this.names.add('value');
    }
    this.first = rows[0];
    this.last = rows[rows.length - 1];
    if (this.names.size !== before || this.seen === 0) this.list = [...this.names];
    this.seen = rows.length;
    return this.list;
  }
}

export function columnsOf(rows: readonly unknown[]): string[] {
  return new ColumnNames().update(rows);
}

/** The rows measured for the columns' widths and types: the first SAMPLE
 * and up to SAMPLE more spread over the rest. */
function sampleRows(rows: readonly unknown[]): readonly unknown[] {
  if (rows.length <= 2 * SAMPLE) return rows;
  const out = rows.slice(0, SAMPLE);
  const step = (rows.length - SAMPLE) / SAMPLE;
  for (let i = 0; i < SAMPLE; i++) out.push(rows[SAMPLE + Math.floor(i * step)]);
  return out;
}

/** The text of the cell of `row` in column `col`, at most about `max`
 * columns of it (values.ts cellText). */
export function cellOf(row: unknown, col: string, max = MAX_COLUMN_WIDTH): string {
  return cellText(fieldOf(row, col), max).text;
}

export interface Column {
  name: string;
  width: number;
  /** Right-aligned: its values are numbers (nulls and empty strings aside). */
  numeric: boolean;
  /** Its type in the header (values.ts typeMark). */
  mark: string;
}

/** Width, type and alignment of every column (not yet fitted to the
 * screen), measured on `rows` (give a sample: sampleRows); `widths` holds
 * the columns widened or narrowed by the user. */
export function measureColumns(rows: readonly unknown[], names: readonly string[], widths?: ReadonlyMap<string, number>): Column[] {
  return names.map((name) => {
    const kinds = new Set<Kind>();
    const set = widths?.get(name);
    let width = 0;
    for (const r of rows) {
      const v = fieldOf(r, name);
      kinds.add(kindOf(v));
      if (set === undefined) width = Math.max(width, displayWidth(cellText(v, MAX_COLUMN_WIDTH).text));
    }
    const mark = typeMark(kinds);
    const numeric = mark === '#';
    if (set !== undefined) return { name, width: set, numeric, mark };
    width = Math.max(width, displayWidth(headerText(name, mark)));
    return { name, width: Math.min(width, MAX_COLUMN_WIDTH), numeric, mark };
  });
}

/** The columns widened (never narrowed) to fit the cells of `shown` (the
 * rows on the screen), as far as the widths in `grown` (kept by the caller
 * across pages, so columns do not shrink back as the view moves): a sample
 * cannot see every value (row 100,000's id in a column sampled as 5 wide).
 * Columns the user sized (`widths`) keep their width. */
export function widenColumns(columns: readonly Column[], shown: readonly unknown[], grown: Map<string, number>, widths?: ReadonlyMap<string, number>): Column[] {
  return columns.map((c) => {
    if (widths?.has(c.name)) return c;
    let width = Math.max(c.width, grown.get(c.name) ?? 0);
    for (const r of shown) width = Math.max(width, Math.min(MAX_COLUMN_WIDTH, displayWidth(cellText(fieldOf(r, c.name), MAX_COLUMN_WIDTH).text)));
    if (width > c.width) grown.set(c.name, width);
    return width === c.width ? c : { ...c, width };
  });
}

/** The columns of `rows`, measured on a bounded sample of them. */
export function tableColumns(rows: readonly unknown[], names: readonly string[], widths?: ReadonlyMap<string, number>): Column[] {
  return measureColumns(sampleRows(rows), names, widths);
}

function headerText(name: string, mark: string): string {
  return mark ? `${escapeControls(name)} ${mark}` : escapeControls(name);
}

/** The columns shown from `first` on that fit in `available` cells (at least
 * one, truncated if it alone is too wide); columns are separated by 2 spaces. */
export function visibleColumns(columns: readonly Column[], first: number, available: number): Column[] {
  const out: Column[] = [];
  let used = 0;
  for (let i = Math.max(0, first); i < columns.length; i++) {
    const need = columns[i].width + (out.length ? 2 : 0);
    if (used + need > available) {
      if (out.length === 0) out.push({ ...columns[i], width: Math.max(1, available) });
      break;
    }
    out.push(columns[i]);
    used += need;
  }
  return out;
}

/** A piece of a drawn line: plain, dim (null, `""`, a type mark), a
 * search match, or the name of the current column (the first shown: the
 * one `<` / `>` resize). */
export interface Segment {
  text: string;
  style?: 'dim' | 'match' | 'current';
}

function push(out: Segment[], text: string, style?: Segment['style']): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.style === style) last.text += text;
  else out.push(style ? { text, style } : { text });
}

/** A cell fitted to its column, the first match of `needle` (lowercase)
 * marked. */
function renderCell(out: Segment[], text: string, col: Column, style: Segment['style'], needle: string): void {
  const t = displayWidth(text) > col.width ? truncateToWidth(text, col.width) : text;
  const gap = col.width - displayWidth(t);
  if (col.numeric) push(out, ' '.repeat(gap));
  const at = needle && !style ? findText(t, needle) : -1;
  if (at === -1) push(out, t, style);
  else {
    push(out, t.slice(0, at));
    push(out, t.slice(at, at + needle.length), 'match');
    push(out, t.slice(at + needle.length));
  }
  if (!col.numeric) push(out, ' '.repeat(gap));
}

/** A row's cells in `cols`, 2 spaces apart; `needle`: a search to mark. */
export function renderRow(row: unknown, cols: readonly Column[], needle = ''): Segment[] {
  const out: Segment[] = [];
  cols.forEach((c, i) => {
    if (i) push(out, '  ');
    const cell = cellText(fieldOf(row, c.name), c.width);
    renderCell(out, cell.text, c, cell.dim ? 'dim' : undefined, needle);
  });
  return out;
}

/** The header: each column's name and its type mark (dim), the first
 * column's name marked as the current one when `current`. */
export function renderHeader(cols: readonly Column[], current = false): Segment[] {
  const out: Segment[] = [];
  cols.forEach((c, i) => {
    if (i) push(out, '  ');
    const name = escapeControls(c.name);
    const full = headerText(c.name, c.mark);
    if (displayWidth(full) > c.width) return renderCell(out, full, c, undefined, '');
    const gap = ' '.repeat(c.width - displayWidth(full));
    if (c.numeric) push(out, gap);
    push(out, name, current && i === 0 ? 'current' : undefined);
    if (c.mark) push(out, ' ' + c.mark, 'dim');
    if (!c.numeric) push(out, gap);
  });
  return out;
}

/** The text of drawn segments. */
export function segmentsText(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}

/** First row to show so that the cursor is visible in a window of `height`. */
export function scrollTop(cursor: number, top: number, height: number, rowCount: number): number {
  let t = top;
  if (cursor < t) t = cursor;
  else if (cursor >= t + height) t = cursor - height + 1;
  // never past the last full page: rows below the last one are not rows
  return Math.max(0, Math.min(t, rowCount - height));
}

/** How many stages the stage list shows in a terminal of `rows` lines:
 * all of them, or, when there are many, a window of about a third of the
 * terminal that scrolls with the selection (StageList), so that the table
 * keeps its rows. */
export function stageLines(rows: number, stages: number): number {
  return Math.min(stages, Math.max(3, Math.floor(rows / 3) - 3));
}

/** The first stage of a window of `lines` stages that shows `selected`,
 * the selection kept near the middle. */
export function stageWindowStart(selected: number, stages: number, lines: number): number {
  return Math.max(0, Math.min(selected - Math.floor(lines / 2), stages - lines));
}

/** Lines of the body (table or record view, with the table's header and
 * rule) and of the table's rows, in a terminal of `rows` lines, under the
 * stage list (a border line above and below, the source, each stage, a
 * hint when there are none, `running…` while running), and 5 lines kept for the status line, the editor and its message. */
export function paneHeights(rows: number, stages: number, running: boolean): { body: number; table: number } {
  const shown = stageLines(rows, stages);
  const stageBox = shown + (shown < stages ? 1 : 0) + 3 + (running ? 1 : 0) + (stages === 0 ? 1 : 0);
  const body = Math.max(3, rows - stageBox - 5);
  return { body, table: Math.max(1, body - 2) };
}
