// An xlsx file opened for reading: its zip members by name (through the
// central directory, so any part can be read in any order), and the
// workbook-wide parts a sheet needs: the relationships, the workbook (sheet
// names, the date system), the shared strings (held in memory: every
// distinct text of the workbook), the styles (which cell styles are dates),
// and per sheet its tables and comments. A sheet's own XML is streamed
// (src/formats/xlsx/sheet.ts).
import { createReadStream, readSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DataError } from '../../kit/sdk.js';
import { formatCode, isDateFormatId, type CellContext } from './cells.js';
import { entryDataRange, relsPath, resolveTarget, zipDirectory, type ZipEntry } from './xlsx.js';

export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Parse an XML part with SAX; element names without their prefix. */
async function parseXml(text: AsyncIterable<string>, on: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  if (on.open) parser.on('opentag', (tag: SaxesTagPlain) => on.open!(localName(tag.name), tag.attributes));
  if (on.close) parser.on('closetag', (tag: SaxesTagPlain) => on.close!(localName(tag.name)));
  if (on.text) parser.on('text', on.text);
  for await (const chunk of text) parser.write(chunk);
  parser.close();
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

async function relationships(text: AsyncIterable<string>): Promise<Relationship[]> {
  const rels: Relationship[] = [];
  await parseXml(text, {
    open(name, a) {
      if (name === 'Relationship') rels.push({ id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '' });
    },
  });
  return rels;
}

/** The text of string items (<si> of shared strings, <is>, a comment's
 * <text>): the runs' <t> joined, phonetic readings (<rPh>) left out. */
export class RichText {
  private inText = false;
  private phonetic = 0;
  text = '';

  open(name: string): void {
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inText = true;
  }

  close(name: string): void {
    if (name === 'rPh') this.phonetic--;
    else if (name === 't') this.inText = false;
  }

  add(t: string): void {
    if (this.inText) this.text += t;
  }
}

/** One worksheet of the workbook. */
export interface SheetInfo {
  name: string;
  /** position among the workbook's worksheets, from 0 */
  index: number;
  path: string;
}

/** A part's bytes as UTF-8 text chunks (a character split between two
 * chunks decoded whole). */
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

export class Workbook implements CellContext {
  private entries = new Map<string, ZipEntry>();
  strings: string[] = [];
  date1904 = false;
  sheets: SheetInfo[] = [];
  /** per cell style (the s attribute): its number format id */
  private styleFormats: number[] = [];
  private customFormats = new Map<number, string>();
  private dateStyles: boolean[] = [];

  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {}

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

  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** A part's text, streamed: inflated and decoded chunk by chunk. */
  part(path: string): Readable {
    const entry = this.entries.get(path);
    if (!entry) throw new DataError(`invalid xlsx file: part ${path} is missing`);
    const [start, end] = entryDataRange(entry, this.readAt);
    let stream: Readable = end === start ? Readable.from([]) : createReadStream('', { fd: this.fd, start, end: end - 1, autoClose: false, highWaterMark: 1 << 16 });
    if (entry.method === 8) stream = stream.pipe(zlib.createInflateRaw({ chunkSize: 1 << 16 }));
    else if (entry.method !== 0) throw new DataError(`invalid xlsx file: ${path} uses zip compression method ${entry.method}`);
    return decodedText(stream);
  }

  /** Read the directory, the workbook, shared strings and styles. */
  async open(): Promise<void> {
    this.entries = zipDirectory(this.size, this.readAt);
    let workbookPath = 'xl/workbook.xml';
    if (this.has('_rels/.rels')) {
      const doc = (await relationships(this.part('_rels/.rels'))).find((r) => r.type.endsWith('/officeDocument'));
      if (doc) workbookPath = resolveTarget('', doc.target);
    }
    if (!this.has(workbookPath)) throw new DataError('not an xlsx file: the zip archive has no workbook (xl/workbook.xml)');
    const rels = this.has(relsPath(workbookPath)) ? await relationships(this.part(relsPath(workbookPath))) : [];
    const target = (type: string): string | undefined => {
      const rel = rels.find((r) => r.type.endsWith(type));
      const path = rel && resolveTarget(workbookPath, rel.target);
      return path !== undefined && this.has(path) ? path : undefined;
    };
    await this.readWorkbook(workbookPath, rels);
    const shared = target('/sharedStrings');
    if (shared) await this.readSharedStrings(shared);
    const styles = target('/styles');
    if (styles) await this.readStyles(styles);
  }

  private async readWorkbook(path: string, rels: Relationship[]): Promise<void> {
    await parseXml(this.part(path), {
      open: (name, a) => {
        if (name === 'workbookPr') this.date1904 = a.date1904 === '1' || a.date1904 === 'true';
        if (name !== 'sheet') return;
        const rId = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
        const rel = rels.find((r) => r.id === rId);
        if (rel === undefined || !rel.type.endsWith('/worksheet')) return; // a chart sheet, or a dangling one
        this.sheets.push({ name: a.name ?? '', index: this.sheets.length, path: resolveTarget(path, rel.target) });
      },
    });
  }

  private async readSharedStrings(path: string): Promise<void> {
    let item = new RichText();
    await parseXml(this.part(path), {
      open: (name) => {
        if (name === 'si') item = new RichText();
        else item.open(name);
      },
      close: (name) => {
        if (name === 'si') this.strings.push(item.text);
        else item.close(name);
      },
      text: (t) => item.add(t),
    });
  }

  private async readStyles(path: string): Promise<void> {
    let inCellXfs = false;
    await parseXml(this.part(path), {
      open: (name, a) => {
        if (name === 'numFmt') this.customFormats.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) this.styleFormats.push(Number(a.numFmtId ?? 0));
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
    this.dateStyles = this.styleFormats.map((id) => isDateFormatId(id, this.customFormats));
  }

  /** Does cell style s have a date/time number format? */
  isDateStyle(s: number): boolean {
    return this.dateStyles[s] === true;
  }

  /** The number format code of cell style s (undefined for General). */
  formatOf(s: number): string | undefined {
    const id = this.styleFormats[s];
    const code = id === undefined ? undefined : formatCode(id, this.customFormats);
    return code === 'General' ? undefined : code;
  }

  /** The relationships of a sheet part, by type suffix, as part paths. */
  private async sheetParts(sheet: SheetInfo, type: string): Promise<string[]> {
    const file = relsPath(sheet.path);
    if (!this.has(file)) return [];
    const rels = await relationships(this.part(file));
    return rels.filter((r) => r.type.endsWith(type)).map((r) => resolveTarget(sheet.path, r.target)).filter((p) => this.has(p));
  }

  /** The sheet's named tables (Excel's Insert > Table): name and range. */
  async tables(sheet: SheetInfo): Promise<{ name: string; range: string }[]> {
    const out: { name: string; range: string }[] = [];
    for (const path of await this.sheetParts(sheet, '/table')) {
      await parseXml(this.part(path), {
        open(name, a) {
          if (name === 'table') out.push({ name: a.name ?? a.displayName ?? '', range: a.ref ?? '' });
        },
      });
    }
    return out;
  }

  /** The sheet's comments (notes), by cell reference. */
  async comments(sheet: SheetInfo): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const path of await this.sheetParts(sheet, '/comments')) {
      let ref = '';
      let text: RichText | null = null;
      await parseXml(this.part(path), {
        open(name, a) {
          if (name === 'comment') ref = a.ref ?? '';
          else if (name === 'text') text = new RichText();
          else text?.open(name);
        },
        close(name) {
          if (name === 'comment' && text) out.set(ref, text.text);
          if (name === 'comment') text = null;
          else text?.close(name);
        },
        text: (t) => text?.add(t),
      });
    }
    return out;
  }
}
