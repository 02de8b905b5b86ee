// mode=stats: one record per worksheet describing it, as JN's xlsx stats
// mode: {"sheet","index","dimensions","rows","cols","min_row","max_row",
// "min_col","max_col","merged_ranges","named_tables","first_row","first_col"}.
// The extent counts every cell the file holds (a formatted empty cell too,
// as openpyxl does); first_row is row 1 from column A to the last column,
// first_col column A of rows 1 to 19. Each sheet is streamed once; memory
// holds row 1 and the merged ranges.
import type { Output } from '../../kit/io.js';
import type { Json } from './cells.js';
import type { SheetInfo, Workbook } from './package.js';
import { colLetters } from './range.js';
import { sheetRows, type SheetTail } from './sheet.js';

const FIRST_COL_ROWS = 19;

export async function writeStats(wb: Workbook, sheet: SheetInfo, out: Output): Promise<void> {
  const tail: SheetTail = { merges: [], hiddenCols: [] };
  let [minRow, maxRow, minCol, maxCol] = [Infinity, 0, Infinity, 0];
  const row1 = new Map<number, Json>();
  const col1 = new Map<number, Json>();
  for await (const batch of sheetRows(wb.part(sheet.path), wb, tail)) {
    for (const row of batch) {
      for (const c of row.cells) {
        if (row.r < minRow) minRow = row.r;
        if (row.r > maxRow) maxRow = row.r;
        if (c.col < minCol) minCol = c.col;
        if (c.col > maxCol) maxCol = c.col;
        if (row.r === 1) row1.set(c.col, c.value);
        if (c.col === 1 && row.r <= FIRST_COL_ROWS) col1.set(row.r, c.value);
      }
    }
  }
  const empty = maxRow === 0;
  const rec = {
    sheet: sheet.name,
    index: sheet.index,
    dimensions: empty ? '' : `${colLetters(minCol)}${minRow}:${colLetters(maxCol)}${maxRow}`,
    rows: maxRow,
    cols: maxCol,
    min_row: empty ? 0 : minRow,
    max_row: maxRow,
    min_col: empty ? 0 : minCol,
    max_col: maxCol,
    merged_ranges: tail.merges,
    named_tables: await wb.tables(sheet),
    first_row: Array.from({ length: maxCol }, (_, k) => row1.get(k + 1) ?? null),
    first_col: maxCol === 0 ? [] : Array.from({ length: Math.min(maxRow, FIRST_COL_ROWS) }, (_, k) => col1.get(k + 1) ?? null),
  };
  out.write(JSON.stringify(rec) + '\n');
}
