// The xlsx plugin's read mode (plugins/xlsx.ts).
//
// An xlsx is a zip archive whose directory is at its end, so the input must
// be a file: when stdin is a regular file (`jn cat book.xlsx`) it is read in
// place, otherwise (a pipe: `book.xlsx.gz`, `curl ... |`) it is first
// spooled to a temp file, which is unlinked at once (no leftovers, even if
// killed). The workbook's parts are opened through the zip's central
// directory (package.ts) and the chosen sheet's XML is streamed row by row
// (sheet.ts) into the records of the mode asked for: table (table.ts), raw
// (raw.ts) or stats (stats.ts). Options: options.ts.
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, UsageError, type Options } from '../../kit/sdk.js';
import { Output, readChunks } from '../../kit/io.js';
import { firstLine } from '../../kit/text.js';
import { chooseSheets, readOptions, type ReadOptions } from './options.js';
import { Workbook } from './package.js';
import { writeRaw } from './raw.js';
import { sheetRows } from './sheet.js';
import { writeStats } from './stats.js';
import { writeTable } from './table.js';
import { checkZip } from './xlsx.js';

/** An fd holding the whole input: stdin itself when it is a regular file,
 * otherwise a temp file (already unlinked) that stdin was copied into. */
function inputFile(): { fd: number; size: number } {
  const st = fstatSync(0);
  if (st.isFile()) return { fd: 0, size: st.size };
  const dir = mkdtempSync(join(tmpdir(), 'jn-xlsx-'));
  const path = join(dir, 'input.xlsx');
  const fd = openSync(path, 'w+', 0o600);
  rmSync(dir, { recursive: true, force: true }); // the open fd keeps the data
  let size = 0;
  for (const chunk of readChunks(0)) {
    for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off, chunk.length - off);
    size += chunk.length;
  }
  return { fd, size };
}

function checkInput(fd: number, size: number): void {
  const head = Buffer.alloc(Math.min(4, size));
  readSync(fd, head, 0, head.length, 0);
  const tailLen = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLen);
  readSync(fd, tail, 0, tailLen, size - tailLen);
  checkZip(head, tail, size);
}

async function readSheets(wb: Workbook, opts: ReadOptions, out: Output): Promise<void> {
  for (const sheet of chooseSheets(wb.sheets, opts)) {
    if (opts.mode === 'stats') await writeStats(wb, sheet, out);
    else if (opts.mode === 'raw') await writeRaw(wb, sheet, opts.range, out);
    else await writeTable(sheetRows(wb.part(sheet.path), wb, { merges: [], hiddenCols: [] }), opts, out);
  }
}

/** read mode: the chosen sheet(s) of the workbook on stdin as NDJSON on stdout. */
export async function readXlsx(options: Options): Promise<void> {
  const opts = readOptions(options);
  const { fd, size } = inputFile();
  checkInput(fd, size);
  const wb = new Workbook(fd, size);
  const out = new Output(1, 1 << 16);
  try {
    await wb.open();
    await readSheets(wb, opts, out);
  } catch (err) {
    if (err instanceof DataError || err instanceof UsageError) throw err;
    throw new DataError(`invalid xlsx file: ${firstLine((err as Error).message ?? String(err))}`);
  } finally {
    out.flush(); // rows before an error still go downstream
  }
  if (fd !== 0) closeSync(fd);
}
