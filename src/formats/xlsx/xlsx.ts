// XLSX <-> NDJSON, the parts that are pure logic: cell values to JSON,
// the header, rows to records, the zip sanity check, record values to cells.
// read.ts and write.ts drive exceljs's streaming reader and writer with them.
//
// Mapping (read):
// - the first non-empty row is the header: its cells' texts are the keys
//   (an empty header cell is named by its column number, duplicates get
//   _2, _3 — the csv rules); its first to last non-empty cells are the
//   columns, so a table may start anywhere (B3, say);
// - every later row with a value is a record; an empty cell under the header
//   is null; a value outside the header's columns gets its column number
//   (A = 1) as key; rows with no value at all are skipped;
// - numbers are numbers, booleans booleans, text strings (rich text as its
//   plain text); a date (a number whose number format is a date format) is
//   an ISO 8601 string in UTC: date-only `2024-01-15` when the time is
//   exactly midnight, otherwise `2024-01-15T12:30:00.000Z` (so a time-only
//   value shows as 1899-12-30T...); a formula cell is its cached result
//   (null when the file has none); an error cell is its code, e.g. "#DIV/0!".
import { headerKeys } from '../csv/typing.js';
import { JsonNumber, stringifyLossless } from '../../kit/lossless.js';
import { DataError } from '../../kit/sdk.js';

/** Is an Excel number format a date/time format? (exceljs's own test: after
 * removing [..] and "..", any of y m d h s b remains.) */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhsb]/i.test(f);
}

/** A date as an ISO string: date only when the UTC time is midnight. */
function dateText(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Excel serial day number (1900 date system, or 1904) as a Date (UTC). */
function excelSerialToDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

type Json = string | number | boolean | null;

/**
 * The JSON value of an exceljs cell value. numFmt is the cell's number
 * format, used for formula results (exceljs converts plain date cells to
 * Dates itself, but leaves formula results as numbers).
 */
export function cellJson(value: unknown, numFmt?: string, date1904 = false): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) return dateText(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (typeof result === 'number' && Number.isFinite(result) && isDateFormat(numFmt)) return dateText(excelSerialToDate(result, date1904));
    return cellJson(result, undefined, date1904);
  }
  if (typeof v.error === 'string') return v.error;
  if ('text' in v) return cellJson(v.text, numFmt, date1904); // hyperlink
  return null;
}

/** Header text of a cell value (keys are strings). */
function headerText(value: Json): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/**
 * Turns rows (arrays of JSON cell values indexed by column, 1-based) into
 * records: the first non-empty row is the header. Records are returned as
 * JSON text, so the keys keep the column order (a JS object would put keys
 * like "2024" first).
 */
export class SheetRecords {
  /** Columns (1-based) of the header, and the `"key":` text of each. */
  private first = 0;
  private cols: number[] | null = null;
  private prefixes: string[] = [];
  private keys = new Set<string>();

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
      // the header: its first to last non-empty cells are the columns
      const names: string[] = [];
      this.cols = [];
      for (let c = first; c <= last; c++) {
        names.push(headerText(cells[c] ?? null));
        this.cols.push(c);
      }
      const keys = headerKeys(names);
      this.first = first;
      this.keys = new Set(keys);
      this.prefixes = keys.map((k) => JSON.stringify(k) + ':');
      return null;
    }
    const cols = this.cols;
    const prefixes = this.prefixes;
    let out = '{';
    for (let k = 0; k < cols.length; k++) {
      if (k > 0) out += ',';
      const v = cells[cols[k]];
      out += prefixes[k] + (v === undefined || v === null ? 'null' : JSON.stringify(v));
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

/**
 * Check that the bytes look like an xlsx (a zip archive) before handing them
 * to exceljs, whose errors on other input are obscure. head: the first bytes,
 * tail: the last up to 65,557 bytes (where the zip's end record must be).
 */
export function checkZip(head: Uint8Array, tail: Uint8Array, size: number): void {
  if (size === 0) throw new DataError('empty input: not an xlsx file');
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new DataError('this is an old binary Excel file (.xls, OLE2), not .xlsx: save it as .xlsx first');
  }
  if (!(head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)) {
    throw new DataError('not an xlsx file (an xlsx is a zip archive, which starts with "PK")');
  }
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) return;
  }
  throw new DataError('truncated or corrupt xlsx file: the zip directory at its end is missing');
}

// ------------------------------------------------------------ zip reading

/** One member of a zip archive, from the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Reads `length` bytes at `position` of the archive. */
type ReadAt = (position: number, length: number) => Buffer;

/**
 * The entries of a zip archive, from its central directory (the record at
 * the end), so every member can be read in any order. Zip64 archives (over
 * 4 GB) are not supported.
 */
export function zipDirectory(size: number, readAt: ReadAt): Map<string, ZipEntry> {
  const tailLen = Math.min(size, 65_557);
  const tail = readAt(size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw new DataError('truncated or corrupt xlsx file: the zip directory at its end is missing');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new DataError('zip64 xlsx files (over 4 GB) are not supported');
  if (cdOffset + cdSize > size) throw new DataError('truncated or corrupt xlsx file: the zip directory points past the end of the file');
  const cd = readAt(cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new DataError('corrupt xlsx file: bad zip directory entry');
    const flags = cd.readUInt16LE(p + 8);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const nameBuf = cd.subarray(p + 46, p + 46 + nameLen);
    const name = nameBuf.toString(flags & 0x800 ? 'utf8' : 'latin1').replace(/\\/g, '/');
    entries.set(name.replace(/^\//, ''), {
      name,
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** [start, end) of an entry's (compressed) data in the archive. */
export function entryDataRange(entry: ZipEntry, readAt: ReadAt): [number, number] {
  const lh = readAt(entry.localHeaderOffset, 30);
  if (lh.length < 30 || lh.readUInt32LE(0) !== 0x04034b50) throw new DataError(`corrupt xlsx file: bad zip header for ${entry.name}`);
  const start = entry.localHeaderOffset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
  return [start, start + entry.compressedSize];
}

/** Resolve a relationship target against the directory of the part it is
 * from (`xl/workbook.xml` + `worksheets/sheet1.xml` -> `xl/worksheets/sheet1.xml`). */
export function resolveTarget(fromPart: string, target: string): string {
  const parts = target.startsWith('/') ? [] : fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** The _rels file of a part: `xl/workbook.xml` -> `xl/_rels/workbook.xml.rels`. */
export function relsPath(part: string): string {
  const k = part.lastIndexOf('/');
  return `${part.slice(0, k + 1)}_rels/${part.slice(k + 1)}.rels`;
}

// ----------------------------------------------------------------- writer

/** Excel's limits on sheet names. */
export function checkSheetName(name: string): string | null {
  if (name.length === 0 || name.length > 31) return 'a sheet name has 1 to 31 characters';
  if (/[[\]:*?/\\]/.test(name)) return 'a sheet name cannot contain [ ] : * ? / \\';
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name cannot start or end with '";
  return null;
}

/** A number written with text a double does not give back: a number cell
 * when the double has its value (`1.0`, `-0`, `1E+2`), else a text cell
 * with its digits (a 20-digit ID, `1e400`): Excel's numbers are doubles. */
function numberCell(text: string): number | string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(n)) return text;
  return n;
}

/** The cell value written for a JSON value: strings, numbers and booleans as
 * they are, null as an empty cell, arrays and objects as their JSON text. */
export function cellOut(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof JsonNumber) return numberCell(v.text);
  return stringifyLossless(v);
}
