// A worksheet's XML streamed as rows of cells: the parser is fed the part's
// text chunk by chunk and the rows completed by each chunk are handed on, so
// memory holds one chunk's rows whatever the size of the sheet. What comes
// after the rows (merged ranges) is in `tail` once the rows are done; hidden
// columns (<cols>, before the rows) are known from the first row on.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { cellValue, type CellType, type Json } from './cells.js';
import { localName, RichText, type Workbook } from './package.js';
import { refCol } from './range.js';

interface Cell {
  col: number;
  value: Json;
  type: CellType;
  /** the cell style (s attribute), 0 when none */
  style: number;
}

export interface Row {
  /** row number, from 1 */
  r: number;
  cells: Cell[];
  hidden: boolean;
}

/** What the sheet says beside its rows. */
export interface SheetTail {
  merges: string[];
  /** hidden columns, as [min, max] ranges */
  hiddenCols: [number, number][];
}

const truthy = (v: string | undefined): boolean => v === '1' || v === 'true';

/** The rows of a worksheet part, a batch (one chunk's rows) at a time. */
export async function* sheetRows(text: AsyncIterable<string>, wb: Workbook, tail: SheetTail): AsyncGenerator<Row[]> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let batch: Row[] = [];
  let row: Row | null = null;
  let lastRow = 0;
  let lastCol = 0;
  // the cell being read
  let col = 0;
  let t = 'n';
  let style = 0;
  let v: string | null = null;
  let inline: RichText | null = null;
  let inV = false;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    const a = tag.attributes;
    if (inline) inline.open(name);
    switch (name) {
      case 'row':
        lastRow = a.r ? Number(a.r) : lastRow + 1;
        row = { r: lastRow, cells: [], hidden: truthy(a.hidden) };
        lastCol = 0;
        break;
      case 'c':
        col = (a.r && refCol(a.r)) || lastCol + 1;
        lastCol = col;
        t = a.t ?? 'n';
        style = a.s ? Number(a.s) : 0;
        v = null;
        inline = null;
        break;
      case 'v':
        inV = true;
        v = '';
        break;
      case 'is':
        inline = new RichText();
        break;
      case 'col':
        if (truthy(a.hidden)) tail.hiddenCols.push([Number(a.min), Number(a.max ?? a.min)]);
        break;
      case 'mergeCell':
        if (a.ref) tail.merges.push(a.ref);
        break;
    }
  });
  parser.on('text', (s: string) => {
    if (inV) v += s;
    else if (inline) inline.add(s);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    if (name === 'v') inV = false;
    else if (name === 'is') {
      const text = inline!.text;
      inline = null;
      v = text;
      t = 'inlineStr';
    } else if (inline) inline.close(name);
    else if (name === 'c' && row) {
      const [value, type] = cellValue({ t, v }, (t === 'n' || t === '') && wb.isDateStyle(style), wb);
      row.cells.push({ col, value, type, style });
    } else if (name === 'row' && row) {
      batch.push(row);
      row = null;
    }
  });
  for await (const chunk of text) {
    parser.write(chunk);
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  parser.close();
  if (batch.length) yield batch;
}
