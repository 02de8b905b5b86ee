// A1 references: column letters, cell references and ranges (`?range=`).
import { UsageError } from '../../kit/sdk.js';

/** Column number (A = 1) as letters. */
export function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Letters as a column number (A = 1, AA = 27). */
function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The column of a cell reference (`B12` -> 2), or 0 when it has none. */
export function refCol(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    n = n * 26 + (c - 0x60);
  }
  return n;
}

export const cellRef = (row: number, col: number): string => `${colLetters(col)}${row}`;

/** A rectangle of the sheet; a side that is not given is open. */
export interface Range {
  sheet?: string;
  minRow?: number;
  maxRow?: number;
  minCol?: number;
  maxCol?: number;
}

const CELLS = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i;
const COLS = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i;
const ROWS = /^\$?(\d+):\$?(\d+)$/;

/** `A1:D20`, `B3` (one cell), `A:D` (columns), `1:20` (rows), each
 * optionally after `Sheet!` or `'My sheet'!`. */
export function parseRange(text: string): Range {
  let sheet: string | undefined;
  let ref = text.trim();
  const bang = ref.lastIndexOf('!');
  if (bang !== -1) {
    sheet = ref.slice(0, bang);
    if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  const bad = (): never => {
    throw new UsageError(`--range: expected A1:D20, A:D or 1:20 (optionally after Sheet!), got ${JSON.stringify(text)}`);
  };
  let r: Range;
  let m: RegExpMatchArray | null;
  if ((m = ref.match(CELLS))) {
    const [a, b] = [colNumber(m[1]), m[3] ? colNumber(m[3]) : colNumber(m[1])];
    const [x, y] = [Number(m[2]), m[4] ? Number(m[4]) : Number(m[2])];
    r = { minCol: Math.min(a, b), maxCol: Math.max(a, b), minRow: Math.min(x, y), maxRow: Math.max(x, y) };
  } else if ((m = ref.match(COLS))) {
    const [a, b] = [colNumber(m[1]), colNumber(m[2])];
    r = { minCol: Math.min(a, b), maxCol: Math.max(a, b) };
  } else if ((m = ref.match(ROWS))) {
    const [x, y] = [Number(m[1]), Number(m[2])];
    r = { minRow: Math.min(x, y), maxRow: Math.max(x, y) };
  } else return bad();
  if (r.minRow === 0 || (r.maxCol ?? 0) > 16384 || (r.maxRow ?? 0) > 1048576) bad();
  if (sheet !== undefined) r.sheet = sheet;
  return r;
}

export const inRange = (r: Range, row: number, col: number): boolean =>
  (r.minRow === undefined || row >= r.minRow) &&
  (r.maxRow === undefined || row <= r.maxRow) &&
  (r.minCol === undefined || col >= r.minCol) &&
  (r.maxCol === undefined || col <= r.maxCol);
