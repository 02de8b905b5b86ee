// xlsx: Excel workbooks <-> NDJSON with exceljs's streaming reader and
// writer. How: src/formats/xlsx/read.ts, write.ts (exceljs), xlsx.ts (cells,
// zip directory).
import { readXlsx } from '../src/formats/xlsx/read.js';
import { writeXlsx } from '../src/formats/xlsx/write.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'xlsx',
  version: '0.1.0',
  description:
    'Excel workbooks (.xlsx) <-> NDJSON via exceljs. read: one sheet, first row = header, each later row a record (empty cell -> null, dates -> ISO strings, formulas -> cached result); write: one sheet, header from the first record\'s keys',
  matches: ['\\.xlsx$'],
  role: 'format',
  modes: ['read', 'write'],
  buffers: {
    read: 'an xlsx is a zip archive with its directory at the end: piped input is first spooled to a temp file on disk (not memory); the shared-strings table (all distinct texts) is held in memory, rows are streamed',
  },
  options: [
    { name: 'sheet', description: 'read: the sheet to read, by name (default: the first sheet); write: the sheet\'s name (default Sheet1)' },
    { name: 'sheet-index', description: 'read: the sheet to read by position in the workbook, 1-based (default 1)' },
  ],
};

runPlugin(meta, { read: readXlsx, write: writeXlsx });
