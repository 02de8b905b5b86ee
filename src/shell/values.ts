// The values of the preview's rows as the table and the record view show
// them. The preview parses rows losslessly (kit/lossless.ts): a record is a
// Map (keys in their order), a number whose text a double would change
// (`2095.10`, `2.0`) is a JsonNumber, so a value shows as the pipeline
// wrote it. Plain objects (rows made in code) read the same.
import { JsonNumber } from '../kit/lossless.js';
import { escapeControls } from '../kit/text.js';

/** The value of a key the row does not have. */
const MISSING: unique symbol = Symbol('missing');

type Record_ = Map<string, unknown> | Record<string, unknown>;

/** True for a record (an object: a Map or a plain object). */
export function isRecord(v: unknown): v is Record_ {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof JsonNumber);
}

/** A record's keys and values, in order. */
export function entriesOf(r: Record_): Iterable<[string, unknown]> {
  return r instanceof Map ? r.entries() : Object.entries(r);
}

/** A record's keys, in order (without reading its values). */
export function keysOf(r: Record_): Iterable<string> {
  return r instanceof Map ? r.keys() : Object.keys(r);
}

/** The value in column `col` of a row: a record's field, a row that is not
 * a record in the column "value"; MISSING otherwise. */
export function fieldOf(row: unknown, col: string): unknown {
  if (isRecord(row)) {
    if (row instanceof Map) return row.has(col) ? row.get(col) : MISSING;
    return Object.hasOwn(row, col) ? row[col] : MISSING;
  }
  return col === 'value' ? row : MISSING;
}

export type Kind = 'missing' | 'null' | 'empty' | 'string' | 'number' | 'boolean' | 'object' | 'array';

export function kindOf(v: unknown): Kind {
  if (v === MISSING) return 'missing';
  if (v === null) return 'null';
  if (v === '') return 'empty';
  if (typeof v === 'number' || v instanceof JsonNumber) return 'number';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'boolean' : 'string';
}

/** The text of a scalar as the pipeline wrote it: a string as it is, a
 * number in its text, `true`, `false`, `null`. */
export function scalarText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof JsonNumber) return v.text;
  return String(v);
}

/** How many entries an array or a record has. */
export function sizeOf(v: unknown[] | Record_): number {
  if (Array.isArray(v)) return v.length;
  return v instanceof Map ? v.size : Object.keys(v).length;
}

/** The compact summary of an array or a record: `[12]`, `{4}`. */
export function summaryOf(v: unknown[] | Record_): string {
  return Array.isArray(v) ? `[${sizeOf(v)}]` : `{${sizeOf(v)}}`;
}

/** A cell: its text (about `max` columns of it at most, so that a 50 KB
 * string costs what a short one does; a cut text ends in `…`), dim for null
 * (`null`) and the empty string (`""`); a missing key is blank. Control
 * characters are escaped. */
export function cellText(v: unknown, max: number): { text: string; dim: boolean } {
  const kind = kindOf(v);
  if (kind === 'missing') return { text: '', dim: false };
  if (kind === 'null') return { text: 'null', dim: true };
  if (kind === 'empty') return { text: '""', dim: true };
  if (kind === 'array' || kind === 'object') return { text: summaryOf(v as unknown[] | Record_), dim: false };
  const s = scalarText(v);
  const cap = 2 * max + 2; // code units: enough for `max` columns and the `…`
  return { text: s.length > cap ? escapeControls(s.slice(0, cap)) + '…' : escapeControls(s), dim: false };
}

/** The mark of a column's type in its header, from the kinds of its values:
 * `#` numbers, `a` strings, `?` booleans, `{}` records, `[]` arrays, `*`
 * mixed; nulls, empty strings and missing keys do not count, and a column
 * of only those has no mark. */
export function typeMark(kinds: ReadonlySet<Kind>): string {
  const marks = new Set<string>();
  for (const k of kinds) {
    const m = MARKS[k];
    if (m) marks.add(m);
  }
  if (marks.size > 1) return '*';
  return marks.size ? [...marks][0] : '';
}

const MARKS: Record<Kind, string> = { missing: '', null: '', empty: '', string: 'a', number: '#', boolean: '?', object: '{}', array: '[]' };
