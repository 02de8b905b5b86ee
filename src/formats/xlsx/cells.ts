// A worksheet cell's JSON value from its XML (`<c t=".." s=".."><v>..</v></c>`),
// and the number formats that make a number a date.
//
// - t="s": the shared string at the index in <v>; t="inlineStr": the text of
//   <is> (its runs joined, phonetic readings left out); t="str": a formula's
//   text result; t="b": true/false; t="e": the error code ("#DIV/0!");
//   t="d": an ISO 8601 date as written;
// - otherwise a number, or a date when the cell's style has a date/time
//   number format: an ISO 8601 string in UTC, date only (`2024-01-15`) when
//   the time is exactly midnight, else `2024-01-15T12:30:00.000Z`; the 1904
//   date system is honoured;
// - a formula cell is its cached result (<v>), read the same way; no <v>
//   (never calculated) is null.

export type Json = string | number | boolean | null;

/** The built-in number formats (ECMA-376 18.8.30) that have a fixed code. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** Built-in formats whose code depends on the locale (East Asian dates and times). */
const isLocaleDateId = (id: number): boolean => (id >= 27 && id <= 36) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81);

/** Is an Excel number format a date/time format? (After removing [..] and
 * "..", any of y m d h s b remains: exceljs's test, kept so files read as before.) */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhsb]/i.test(f);
}

/** The format code of a numFmtId: the workbook's own (custom), else built in. */
export function formatCode(id: number, custom: Map<number, string>): string | undefined {
  return custom.get(id) ?? BUILTIN_FORMATS[id] ?? (isLocaleDateId(id) ? `[built-in format ${id}]` : undefined);
}

export const isDateFormatId = (id: number, custom: Map<number, string>): boolean =>
  custom.has(id) ? isDateFormat(custom.get(id)) : isLocaleDateId(id) || isDateFormat(BUILTIN_FORMATS[id]);

/** A date as an ISO string: date only when the UTC time is midnight. */
function dateText(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Excel serial day number (1900 date system, or 1904) as a Date (UTC). */
function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

/** What a cell holds, as read from its XML. */
export interface RawCell {
  /** the t attribute ('n' when absent) */
  t: string;
  /** the text of <v> (of <is> for an inline string), or null */
  v: string | null;
}

/** The workbook-wide parts a cell's value depends on. */
export interface CellContext {
  strings: string[];
  date1904: boolean;
}

/** The one-letter kind of a value, as JN's raw mode names them: s n b d e. */
export type CellType = 's' | 'n' | 'b' | 'd' | 'e';

/** The JSON value of a cell and its kind; isDate: its style has a date format. */
export function cellValue(c: RawCell, isDate: boolean, ctx: CellContext): [Json, CellType] {
  const v = c.v;
  switch (c.t) {
    case 's':
      return [v === null ? null : (ctx.strings[Number(v)] ?? null), 's'];
    case 'str':
    case 'inlineStr':
      return [v, 's'];
    case 'b':
      return [v === null ? null : v.trim() === '1' || v.trim() === 'true', 'b'];
    case 'e':
      return [v, 'e'];
    case 'd':
      return [v, 'd'];
    default: {
      if (v === null || v.trim() === '') return [null, 'n'];
      const n = Number(v);
      if (!Number.isFinite(n)) return [null, 'n'];
      if (isDate) return [dateText(excelSerialToDate(n, ctx.date1904)), 'd'];
      return [n, 'n'];
    }
  }
}
