// xlsx: Excel workbooks (.xlsx, .xlsm) <-> NDJSON. read: jn's own streaming
// reader of the zip's parts and the sheet's XML (src/formats/xlsx/read.ts and
// the modules it names); write: exceljs's streaming writer (write.ts).
import { readXlsx } from '../src/formats/xlsx/read.js';
import { writeXlsx } from '../src/formats/xlsx/write.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'xlsx',
  version: '0.1.0',
  description:
    'Excel workbooks (.xlsx, .xlsm) <-> NDJSON. read: one sheet, first non-empty row = header, each later row a record (empty cell -> null, dates -> ISO strings, formulas -> cached result); ?mode=raw: a record per cell, ?mode=stats: a record per sheet; write: one sheet, header from the first record\'s keys',
  matches: ['\\.xlsx$', '\\.xlsm$'],
  role: 'format',
  modes: ['read', 'write'],
  buffers: {
    read: 'an xlsx is a zip archive with its directory at the end: piped input is first spooled to a temp file on disk (not memory); the shared-strings table (all distinct texts) is held in memory, rows are streamed',
  },
  options: [
    { name: 'sheet', description: 'read: the sheet, by name or by 0-based position as in JN (--sheet=0 is the first; digits that are a sheet\'s name mean that sheet); default the first sheet (mode=table), every sheet (raw, stats); write: the sheet\'s name (default Sheet1)' },
    { name: 'sheet-index', description: 'read: the sheet by 1-based position in the workbook (default 1)' },
    { name: 'mode', description: 'read (address: book.xlsx?mode=stats; by hand, a second --mode after --mode=read): table (default; JN\'s simple): rows as records under a header; raw: a record per cell {sheet,row,col,ref,value,type,...}; stats: a record per sheet (extent, merged ranges, tables, first row and column)' },
    { name: 'range', description: 'read (table, raw): only the cells of A1:D20, A:D or 1:20, optionally Sheet!A1:D20; in table mode named columns are the columns' },
    { name: 'skip-rows', description: 'read (table): skip N rows (of the sheet, or of the range) before looking for the header' },
    { name: 'skip_rows', description: 'JN\'s spelling of --skip-rows' },
    { name: 'header-row', description: 'read (table): the header is row N (1-based; counted in the range when one is given), even if empty; rows before it are skipped' },
    { name: 'header_row', description: 'JN\'s spelling of --header-row' },
  ],
};

runPlugin(meta, { read: readXlsx, write: writeXlsx });
