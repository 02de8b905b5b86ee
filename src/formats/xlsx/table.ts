// mode=table (the default): a sheet's rows as records under a header row.
//
// - the header is the first non-empty row (after `skip-rows` rows of the
//   sheet or range), or the row `header-row` (1-based, counted in the range
//   when one is given); its cells' texts are the keys (an empty header cell
//   is named by its column number, duplicates get _2, _3 — the csv rules);
// - the columns are the range's columns when `range` names them (A1:D20,
//   A:D), else the header's first to last non-empty cells, so a table may
//   start anywhere (B3, say);
// - every later row with a value (inside the range) is a record; an empty
//   cell under the header is null; a value outside the header's columns
//   gets its column number (A = 1) as key; rows with no value are skipped.
//   Reading stops at the range's last row.
import { headerKeys } from '../csv/typing.js';
import { DataError } from '../../kit/sdk.js';
import type { Output } from '../../kit/io.js';
import type { Json } from './cells.js';
import { inRange, type Range } from './range.js';
import type { Row } from './sheet.js';

/** Header text of a cell value (keys are strings). */
const headerText = (value: Json | undefined): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value));

/**
 * Rows (arrays of JSON cell values indexed by column, 1-based) to records,
 * as JSON text, so the keys keep the column order (a JS object would put
 * keys like "2024" first).
 */
class SheetRecords {
  private first = 0;
  private cols: number[] | null = null;
  private prefixes: string[] = [];
  private keys = new Set<string>();

  /** span: the columns when the range names them. */
  constructor(private readonly span?: { min: number; max: number }) {}

  get hasHeader(): boolean {
    return this.cols !== null;
  }

  /** Take this row (possibly empty) as the header; false if it has no columns. */
  setHeader(cells: Json[]): boolean {
    let [first, last] = this.span ? [this.span.min, this.span.max] : [0, 0];
    if (!this.span) {
      for (let c = 1; c < cells.length; c++) {
        if (cells[c] !== null && cells[c] !== undefined) {
          if (first === 0) first = c;
          last = c;
        }
      }
      if (last === 0) return false;
    }
    const names: string[] = [];
    this.cols = [];
    for (let c = first; c <= last; c++) {
      names.push(headerText(cells[c]));
      this.cols.push(c);
    }
    const keys = headerKeys(names);
    this.first = first;
    this.keys = new Set(keys);
    this.prefixes = keys.map((k) => JSON.stringify(k) + ':');
    return true;
  }

  /** The record's JSON text for a row, or null (the header row, or an empty row). */
  row(cells: Json[]): string | null {
    let first = 0;
    let last = 0;
    for (let c = 1; c < cells.length; c++) {
      if (cells[c] !== null && cells[c] !== undefined) {
        if (first === 0) first = c;
        last = c;
      }
    }
    if (last === 0) return null;
    if (this.cols === null) {
      this.setHeader(cells);
      return null;
    }
    const cols = this.cols;
    let out = '{';
    for (let k = 0; k < cols.length; k++) {
      const v = cells[cols[k]];
      out += (k > 0 ? ',' : '') + this.prefixes[k] + (v === undefined || v === null ? 'null' : JSON.stringify(v));
    }
    // values outside the header's columns: keyed by column number
    const hLast = this.first + cols.length - 1;
    for (let c = first; c <= last; c++) {
      if (c >= this.first && c <= hLast) continue;
      const v = cells[c];
      if (v === null || v === undefined || this.keys.has(String(c))) continue;
      out += (out.length > 1 ? ',' : '') + JSON.stringify(String(c)) + ':' + JSON.stringify(v);
    }
    return out + '}';
  }
}

export interface TableOptions {
  range: Range;
  skipRows: number;
  /** 1-based, within the range */
  headerRow?: number;
  headerOption: string;
}

/** Write the records of a sheet's rows; returns when the rows end or pass the range. */
export async function writeTable(rows: AsyncIterable<Row[]>, opts: TableOptions, out: Output): Promise<void> {
  const { range } = opts;
  const top = range.minRow ?? 1;
  const headerAt = opts.headerRow === undefined ? undefined : top + opts.headerRow - 1;
  const firstRow = headerAt ?? top + opts.skipRows;
  const span = range.minCol !== undefined ? { min: range.minCol, max: range.maxCol! } : undefined;
  const records = new SheetRecords(span);
  const forceHeader = (cells: Json[]): void => {
    if (!records.setHeader(cells)) throw new DataError(`--${opts.headerOption}: row ${headerAt} of the sheet is empty (no header to read)`);
  };
  for await (const batch of rows) {
    for (const row of batch) {
      if (range.maxRow !== undefined && row.r > range.maxRow) return;
      if (row.r < firstRow) continue;
      if (headerAt !== undefined && !records.hasHeader && row.r > headerAt) forceHeader([]); // the header row is not in the file
      const cells: Json[] = [];
      for (const c of row.cells) if (c.value !== null && inRange(range, row.r, c.col)) cells[c.col] = c.value;
      if (row.r === headerAt) forceHeader(cells);
      else {
        const rec = records.row(cells);
        if (rec !== null) out.write(rec + '\n');
      }
    }
  }
}
