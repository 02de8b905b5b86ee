// The xlsx plugin's read mode (plugins/xlsx.ts), with exceljs's streaming
// reader.
//
// read: an xlsx is a zip archive whose directory is at its end, so the input
// must be a file: when stdin is a regular file (`jn cat book.xlsx`) it is read
// in place, otherwise (a pipe: `book.xlsx.gz`, `curl ... |`) it is first
// spooled to a temp file, which is unlinked at once (no leftovers, even if
// killed). The parts are opened through the zip's central directory and fed
// to exceljs's WorkbookReader, which streams the chosen sheet's rows; the
// shared-strings table (every distinct text of the workbook) is held in
// memory. Why not exceljs's own zip pass, and the other exceljs reader bugs
// worked around here: see WorkbookReader below. Cell mapping:
// src/formats/xlsx/xlsx.ts.
import type ExcelJS from 'exceljs';
import { closeSync, createReadStream, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DataError, UsageError, type Options } from '../../kit/sdk.js';
import { Output, readChunks } from '../../kit/io.js';
import { firstLine } from '../../kit/text.js';
import { cellJson, checkZip, entryDataRange, relsPath, resolveTarget, SheetRecords, zipDirectory, type ZipEntry } from './xlsx.js';

// Only exceljs's streaming reader is loaded (the package's main module also
// pulls in the in-memory Workbook and jszip), and only when read mode runs,
// so `--jn-meta` and `--help` start fast.
const loadReader = () => require('exceljs/lib/stream/xlsx/workbook-reader.js') as typeof ExcelJS.stream.xlsx.WorkbookReader;

/** exceljs decodes entities in inline strings, formula strings and sheet
 * names a second time (the SAX parser it uses has already decoded them). */
function fixExceljsDecoding(): void {
  const exceljsUtils = require('exceljs/lib/utils/utils.js') as { xmlDecode: (s: string) => string };
  exceljsUtils.xmlDecode = (s: string) => s;
}

function localName(name: string): string {
  const k = name.indexOf(':');
  return k === -1 ? name : name.slice(k + 1);
}

interface Relationship {
  Id: string;
  Type: string;
  Target: string;
}

/** Relationships (`<Relationship Id Type Target/>`) of a .rels part. */
async function parseRelationships(text: AsyncIterable<string>): Promise<Relationship[]> {
  const rels: Relationship[] = [];
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (localName(tag.name) === 'Relationship') {
      const a = tag.attributes;
      rels.push({ Id: a.Id ?? '', Type: a.Type ?? '', Target: a.Target ?? '' });
    }
  });
  for await (const chunk of text) parser.write(chunk);
  parser.close();
  return rels;
}

/** A part's bytes as UTF-8 text chunks (a character split between two
 * chunks decoded whole), in object mode as exceljs's parsers want them. */
function decodedText(stream: Readable): Readable {
  const decoder = new StringDecoder('utf8');
  const text = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      const s = decoder.write(chunk);
      done(null, s === '' ? undefined : s);
    },
    flush(done) {
      const s = decoder.end();
      done(null, s === '' ? undefined : s);
    },
  });
  stream.on('error', (err) => text.destroy(err));
  return stream.pipe(text);
}

interface SheetEntry {
  name: string;
  id: number;
  rId: string;
}

/** The worksheet (not a chart sheet) the user chose, or DataError listing
 * the workbook's sheets. */
function chooseSheet(all: SheetEntry[], rels: Relationship[], choice: SheetChoice): SheetEntry {
  const sheets = all.filter((s) => {
    const rel = rels.find((r) => r.Id === s.rId);
    return rel !== undefined && rel.Type.endsWith('/worksheet');
  });
  const list = sheets.length ? sheets.map((s) => JSON.stringify(s.name)).join(', ') : 'none';
  const sheet = choice.name !== undefined ? sheets.find((s) => s.name === choice.name) : sheets[choice.index! - 1];
  if (sheet) return sheet;
  if (choice.name !== undefined) throw new DataError(`no sheet named ${JSON.stringify(choice.name)} (sheets: ${list})`);
  throw new DataError(`no sheet ${choice.index}: the workbook has ${sheets.length} sheet${sheets.length === 1 ? '' : 's'} (${list})`);
}

/** Shared strings as plain text into strings: the runs of a rich string
 * joined, its phonetic reading (<rPh>, in Japanese workbooks) left out.
 * (exceljs's own parser returned the reading instead of the text.) */
async function readSharedStrings(entry: AsyncIterable<string | Buffer>, strings: string[]): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let text = '';
  let inText = false;
  let phonetic = 0;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    if (name === 'si') text = '';
    else if (name === 'rPh') phonetic++;
    else if (name === 't' && phonetic === 0) inText = true;
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    if (name === 'si') strings.push(text);
    else if (name === 'rPh') phonetic--;
    else if (name === 't') inText = false;
  });
  parser.on('text', (t: string) => {
    if (inText) text += t;
  });
  const decoder = new StringDecoder('utf8');
  for await (const chunk of entry) parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  parser.write(decoder.end());
  parser.close();
}

/**
 * exceljs's streaming WorkbookReader, fed from the zip's central directory.
 *
 * exceljs reads the archive in one streaming pass (unzipper.Parse) and, when
 * a sheet comes before the shared strings or styles (as Excel writes them),
 * intermittently loses those parts: cells come out as {sharedString: 3}
 * (exceljs issues #683, #3064; upstream PR #3065 switches to the central
 * directory too). With the file on disk we open the parts by name, in the
 * order they are needed: relationships, workbook, shared strings, styles,
 * then the one sheet wanted, whose rows exceljs streams.
 *
 * Each part reaches exceljs as UTF-8-decoded strings: exceljs decodes every
 * compressed chunk on its own, which breaks a character split between two
 * chunks. Its shared-strings parser is replaced too (see below).
 */
const makeWorkbookReader = (Base: typeof ExcelJS.stream.xlsx.WorkbookReader) => class WorkbookReader extends Base {
  declare sharedStrings: string[];
  declare workbookRels: Relationship[];
  private entries = new Map<string, ZipEntry>();

  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {
    super('', { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  }

  private readAt = (position: number, length: number): Buffer => {
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return got === length ? buf : buf.subarray(0, got);
  };

  /** A part's text, streamed: inflated and decoded chunk by chunk. */
  private part(path: string): Readable {
    const entry = this.entries.get(path);
    if (!entry) throw new DataError(`invalid xlsx file: part ${path} is missing`);
    const [start, end] = entryDataRange(entry, this.readAt);
    let stream: Readable = createReadStream('', { fd: this.fd, start, end: Math.max(start, end - 1), autoClose: false, highWaterMark: 1 << 16 });
    if (end === start) stream = Readable.from([]);
    if (entry.method === 8) stream = stream.pipe(zlib.createInflateRaw({ chunkSize: 1 << 16 }));
    else if (entry.method !== 0) throw new DataError(`invalid xlsx file: ${path} uses zip compression method ${entry.method}`);
    return decodedText(stream);
  }

  /** Open the workbook and return the chosen sheet's row reader. */
  async openSheet(choice: SheetChoice): Promise<AsyncIterable<ExcelJS.Row>> {
    this.entries = zipDirectory(this.size, this.readAt);
    // _rels/.rels names the workbook part (nearly always xl/workbook.xml)
    let workbookPath = 'xl/workbook.xml';
    if (this.entries.has('_rels/.rels')) {
      const root = await parseRelationships(this.part('_rels/.rels'));
      const doc = root.find((r) => r.Type.endsWith('/officeDocument'));
      if (doc) workbookPath = resolveTarget('', doc.Target);
    }
    if (!this.entries.has(workbookPath)) throw new DataError('not an xlsx file: the zip archive has no workbook (xl/workbook.xml)');
    const relsFile = relsPath(workbookPath);
    this.workbookRels = this.entries.has(relsFile) ? await parseRelationships(this.part(relsFile)) : [];
    const target = (rel: Relationship): string => resolveTarget(workbookPath, rel.Target);
    const self = this as unknown as {
      _parseWorkbook(s: Readable): Promise<void>;
      _parseStyles(s: Readable): Promise<void>;
      _parseWorksheet(s: Readable, id: string): Generator<{ eventType: string; value: unknown }>;
      model?: { sheets?: { name: string; id: number; rId: string }[] };
    };
    await self._parseWorkbook(this.part(workbookPath));
    const shared = this.workbookRels.find((r) => r.Type.endsWith('/sharedStrings'));
    if (shared && this.entries.has(target(shared))) for await (const _ of this._parseSharedStrings(this.part(target(shared))));
    const styles = this.workbookRels.find((r) => r.Type.endsWith('/styles'));
    if (styles && this.entries.has(target(styles))) await self._parseStyles(this.part(target(styles)));

    const sheet = chooseSheet(self.model?.sheets ?? [], this.workbookRels, choice);
    const rel = this.workbookRels.find((r) => r.Id === sheet.rId)!;
    const events = self._parseWorksheet(this.part(target(rel)), String(sheet.id));
    const first = events.next();
    if (first.done) throw new Error('exceljs did not open the worksheet');
    return first.value.value as AsyncIterable<ExcelJS.Row>;
  }

  /** Replaces exceljs's shared-strings parser (see readSharedStrings). */
  async *_parseSharedStrings(entry: AsyncIterable<string | Buffer>): AsyncGenerator<never> {
    await readSharedStrings(entry, (this.sharedStrings = []));
  }
};

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

interface SheetChoice {
  name?: string;
  index?: number;
}

function sheetChoice(options: Options): SheetChoice {
  if (options.has('sheet') && options.has('sheet-index')) throw new UsageError('give --sheet or --sheet-index, not both');
  if (options.has('sheet')) {
    const name = options.str('sheet')!;
    if (name === '' || name === 'true') throw new UsageError('--sheet: expected a sheet name');
    return { name };
  }
  if (options.has('sheet-index')) {
    const index = options.int('sheet-index', 1);
    if (index < 1) throw new UsageError('--sheet-index: expected 1 or more (sheets are counted from 1)');
    return { index };
  }
  return { index: 1 };
}

/** read mode: the chosen sheet of the workbook on stdin as NDJSON on stdout. */
export async function readXlsx(options: Options): Promise<void> {
  const choice = sheetChoice(options);
  const { fd, size } = inputFile();
  checkInput(fd, size);
  fixExceljsDecoding();
  const reader = new (makeWorkbookReader(loadReader()))(fd, size);
  const out = new Output(1, 1 << 16);
  try {
    const rows = await reader.openSheet(choice);
    const date1904 = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904 === true;
    const records = new SheetRecords();
    for await (const row of rows) {
      const values = row.values as unknown[];
      const cells: (string | number | boolean | null)[] = [];
      for (let c = 1; c < values.length; c++) {
        const v = values[c];
        if (v === undefined || v === null) cells[c] = null;
        else {
          const isFormula = typeof v === 'object' && ('formula' in v || 'sharedFormula' in v);
          cells[c] = cellJson(v, isFormula ? row.getCell(c).numFmt : undefined, date1904);
        }
      }
      const rec = records.row(cells);
      if (rec !== null) out.write(rec + '\n');
    }
  } catch (err) {
    if (err instanceof DataError || err instanceof UsageError) throw err;
    throw new DataError(`invalid xlsx file: ${firstLine((err as Error).message ?? String(err))}`);
  } finally {
    out.flush(); // rows before an error still go downstream
  }
  if (fd !== 0) closeSync(fd);
}
