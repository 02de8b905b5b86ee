// XLSX, the small pure parts shared by read and write: the zip sanity
// check, the zip's central directory and members, part paths, sheet names,
// and record values to cells (write). Reading a workbook: package.ts,
// sheet.ts, cells.ts; its modes: table.ts, raw.ts, stats.ts; read.ts drives
// them. write.ts drives exceljs's streaming writer.
import { JsonNumber, stringifyLossless } from '../../kit/lossless.js';
import { DataError } from '../../kit/sdk.js';

/**
 * Check that the bytes look like an xlsx (a zip archive) before handing them
 * to the zip reader, whose errors on other input would be obscure. head: the first bytes,
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
