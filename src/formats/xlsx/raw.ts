// mode=raw: one record per cell, as JN's xlsx raw mode:
//   {"sheet","row","col","ref","value","type"} and, when they apply,
//   "merge" (the merged range, "A1:C1") and "merge_origin" (its top-left
//   cell?), "hidden" (row or column hidden), "comment" (the cell's note),
//   "format" (its number format, unless General).
// type is s (text), n (number), b (boolean), d (date), e (error). Cells with
// no value are left out, unless they are part of a merged range or carry a
// comment. The merged ranges are listed after the rows in the sheet's XML,
// so the sheet is read twice: once for them, once for the cells.
import type { Output } from '../../kit/io.js';
import type { SheetInfo, Workbook } from './package.js';
import { cellRef, inRange, parseRange, type Range } from './range.js';
import { sheetRows, type SheetTail } from './sheet.js';

interface Merge {
  text: string;
  range: Range;
}

async function mergesOf(wb: Workbook, sheet: SheetInfo): Promise<Merge[]> {
  const tail: SheetTail = { merges: [], hiddenCols: [] };
  for await (const _ of sheetRows(wb.part(sheet.path), wb, tail));
  const out: Merge[] = [];
  for (const text of tail.merges) {
    try {
      out.push({ text, range: parseRange(text) });
    } catch {
      // a malformed mergeCell ref: not a merge we can place
    }
  }
  return out;
}

/** Write one record per cell of a sheet (inside range). */
export async function writeRaw(wb: Workbook, sheet: SheetInfo, range: Range, out: Output): Promise<void> {
  const merges = await mergesOf(wb, sheet);
  const comments = await wb.comments(sheet);
  const tail: SheetTail = { merges: [], hiddenCols: [] };
  const colHidden = (col: number): boolean => tail.hiddenCols.some(([a, b]) => col >= a && col <= b);
  const sheetJson = JSON.stringify(sheet.name);
  for await (const batch of sheetRows(wb.part(sheet.path), wb, tail)) {
    for (const row of batch) {
      if (range.maxRow !== undefined && row.r > range.maxRow) return;
      for (const c of row.cells) {
        if (!inRange(range, row.r, c.col)) continue;
        const ref = cellRef(row.r, c.col);
        const merge = merges.length ? merges.find((m) => inRange(m.range, row.r, c.col)) : undefined;
        const comment = comments.get(ref);
        if (c.value === null && merge === undefined && comment === undefined) continue;
        let rec = `{"sheet":${sheetJson},"row":${row.r},"col":${c.col},"ref":"${ref}","value":${JSON.stringify(c.value)},"type":"${c.type}"`;
        if (merge) rec += `,"merge":${JSON.stringify(merge.text)},"merge_origin":${merge.range.minRow === row.r && merge.range.minCol === c.col}`;
        if (row.hidden || colHidden(c.col)) rec += ',"hidden":true';
        if (comment !== undefined) rec += `,"comment":${JSON.stringify(comment)}`;
        const format = wb.formatOf(c.style);
        if (format !== undefined) rec += `,"format":${JSON.stringify(format)}`;
        out.write(rec + '}\n');
      }
    }
  }
}
