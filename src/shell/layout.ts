// Pure layout of `jn shell`: the heights of its panes, and the preview
// table: which columns, how wide, what text.
import { displayWidth, padToWidth, truncateToWidth } from '../kit/width.js';
import { escapeControls } from '../kit/text.js';

const MAX_COLUMN_WIDTH = 40;

/** Column names: the union of keys in order of first appearance; a row that
 * is not an object shows in a column named "value". */
export function columnsOf(rows: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) {
    if (r !== null && typeof r === 'object' && !Array.isArray(r)) for (const k of Object.keys(r)) seen.add(k);
    else seen.add('value');
  }
  return [...seen];
}

/** The text of the cell of `row` in column `col` (unlike kit/table.ts's
 * cellText, null shows as `null`): strings as they are (control characters escaped),
 * other values as compact JSON; a missing key is empty. */
export function cellOf(row: unknown, col: string): string {
  let v: unknown;
  if (row !== null && typeof row === 'object' && !Array.isArray(row)) {
    if (!Object.hasOwn(row, col)) return '';
    v = (row as Record<string, unknown>)[col];
  } else if (col === 'value') v = row;
  else return '';
  return escapeControls(typeof v === 'string' ? v : JSON.stringify(v));
}

interface Column {
  name: string;
  width: number;
  numeric: boolean;
}

/** Width and alignment of every column (not yet fitted to the screen). */
export function measureColumns(rows: readonly unknown[], names: readonly string[]): Column[] {
  return names.map((name) => {
    let width = displayWidth(name);
    let numeric = rows.length > 0;
    let any = false;
    for (const r of rows) {
      const t = cellOf(r, name);
      if (t === '') continue;
      any = true;
      const w = displayWidth(t);
      if (w > width) width = w;
      const v = r !== null && typeof r === 'object' ? (r as Record<string, unknown>)[name] : r;
      if (typeof v !== 'number') numeric = false;
    }
    return { name, width: Math.min(width, MAX_COLUMN_WIDTH), numeric: numeric && any };
  });
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

function renderCell(text: string, col: Column): string {
  const t = displayWidth(text) > col.width ? truncateToWidth(text, col.width) : text;
  return padToWidth(t, col.width, col.numeric);
}

export function renderRow(row: unknown, cols: readonly Column[]): string {
  return cols.map((c) => renderCell(cellOf(row, c.name), c)).join('  ');
}

export function renderHeader(cols: readonly Column[]): string {
  return cols.map((c) => renderCell(c.name, c)).join('  ');
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
 * hint when there are none, `running…` while running), the help lines,
 * and 5 lines kept for the status line, the editor and its message. */
export function paneHeights(rows: number, stages: number, running: boolean, helpLines: number): { body: number; table: number } {
  const shown = stageLines(rows, stages);
  const stageBox = shown + (shown < stages ? 1 : 0) + 3 + (running ? 1 : 0) + (stages === 0 ? 1 : 0);
  const body = Math.max(3, rows - stageBox - helpLines - 5);
  return { body, table: Math.max(1, body - 2) };
}
