// The xlsx plugin's write mode (plugins/xlsx.ts):
//
// write: exceljs's WorkbookWriter streams one sheet (inline strings, no shared
// strings table, so memory stays flat) to stdout; the header is the first
// record's keys.
import type ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { DataError, UsageError, type Options } from '../../kit/sdk.js';
import { writeAll } from '../../kit/io.js';
import { expectObject, readRecords } from '../../kit/records.js';
import { parseLosslessLine } from '../../kit/lossless.js';
import { cellOut, checkSheetName } from './xlsx.js';

// Only exceljs's streaming writer is loaded, and only when write mode runs
// (see read.ts).
const loadWriter = () => require('exceljs/lib/stream/xlsx/workbook-writer.js') as typeof ExcelJS.stream.xlsx.WorkbookWriter;

// archiver (under exceljs's writer) still calls the deprecated Buffer()
// constructor; Node's warning about it would be noise on stderr.
process.noDeprecation = true;

/** Wait while exceljs's pipeline (sheet XML -> deflate -> zip -> stdout) has
 * a backlog. exceljs ignores backpressure and our input loop never yields, so
 * without this every row would pile up in memory until the end. What we
 * watch is an exceljs internal: the stream the sheet's XML is written into
 * (StreamBuf.pipes, a readable-stream PassThrough that the zip consumes once
 * it reaches the sheet's entry). */
interface PipeLike {
  writableLength?: number;
  _writableState?: { length?: number };
  once(event: 'drain', listener: () => void): unknown;
}

const BACKLOG = 1 << 20;

async function drain(ws: ExcelJS.Worksheet): Promise<void> {
  const sheetStream = (ws as unknown as { stream?: { pipes?: PipeLike[] } }).stream;
  for (;;) {
    const pipes = sheetStream?.pipes;
    if (!Array.isArray(pipes)) return; // not the exceljs we know: nothing to wait for
    if (pipes.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1)); // the zip has not reached the sheet yet
      continue;
    }
    const busy = pipes.find((p) => (p.writableLength ?? p._writableState?.length ?? 0) > BACKLOG);
    if (busy === undefined) return;
    await new Promise<void>((resolve) => busy.once('drain', resolve));
  }
}

/** write mode: stdin's NDJSON records as one sheet, the workbook on stdout. */
export async function writeXlsx(options: Options): Promise<void> {
  for (const name of ['sheet-index', 'mode', 'range', 'skip-rows', 'skip_rows', 'header-row', 'header_row']) {
    if (options.has(name)) throw new UsageError(`--${name} is for read mode${name === 'sheet-index' ? ' (write names the sheet with --sheet)' : ''}`);
  }
  const sheetName = options.str('sheet', 'Sheet1');
  const problem = checkSheetName(sheetName);
  if (problem) throw new UsageError(`--sheet: ${problem}`);
  const sink = new Writable({
    highWaterMark: 1 << 16,
    write(chunk: Buffer, _encoding, done) {
      writeAll(1, chunk); // blocking; exits 0 on EPIPE
      done();
    },
  });
  const wb = new (loadWriter())({ stream: sink, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName);
  let keys: string[] | null = null;
  let keySet = new Set<string>();
  let rows = 0;
  for (const [value, lineNo] of readRecords(0, parseLosslessLine)) {
    expectObject(value, lineNo);
    const rec = value as Map<string, unknown>; // parseLosslessLine: the keys in written order
    if (keys === null) {
      keys = [...rec.keys()];
      keySet = new Set(keys);
      ws.addRow(keys).commit();
    }
    for (const k of rec.keys()) {
      if (!keySet.has(k)) {
        throw new DataError(
          `field ${JSON.stringify(k)} is not in the header (${keys.join(', ')}); a sheet has one set of columns, taken from the first record — normalise with jn filter first`,
          lineNo,
        );
      }
    }
    ws.addRow(keys.map((k) => cellOut(rec.get(k)))).commit();
    if (++rows % 256 === 0) await drain(ws);
  }
  ws.commit();
  await wb.commit();
}
