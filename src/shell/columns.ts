// Column insight for `jn shell` (the panel of ui/ColumnPanel.tsx): one
// column's figures — type mix, missing/null/empty counts, min/max/mean of
// its numbers, its most frequent values — over the rows loaded, or read
// from `jn analyze` over the whole input; and the stage texts that act on
// the column (keep or exclude a value, sort, drop, keep some columns,
// count by value), ordinary entries of the stage list. Pure.
//
// Rows are plain JSON values or lossless ones (kit/lossless.ts: objects as
// Maps, numbers as JsonNumber when a double would change their text).
import { JsonNumber, isJsonNumber, numberKey, stringifyLossless } from '../kit/lossless.js';
import { typeName } from '../kit/text.js';
import { childPath } from '../stats/schema.js';
import { shellQuote } from './export.js';

interface TopValue {
  /** The value (for its stage text). */
  value: unknown;
  count: number;
}

export interface ColumnFigures {
  /** Rows looked at. */
  rows: number;
  /** Rows without the key (or not objects). */
  missing: number;
  nulls: number;
  /** Empty strings; undefined when not known (jn analyze does not count them). */
  empty?: number;
  /** Type name and count, the most frequent first. */
  types: [string, number][];
  /** Of the number values: min and max as written, and the mean. */
  numbers?: { min: string; max: string; mean: number };
  /** Distinct values (approximate from jn analyze). */
  distinct?: number;
  /** The most frequent values, most first (ties: first seen first). */
  top: TopValue[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

const isRecord = (r: unknown): boolean => r !== null && typeof r === 'object' && !Array.isArray(r) && !(r instanceof JsonNumber);

/** The column `name` of the table is the whole value when no row is an
 * object (the table's `value` column: layout.ts columnsOf). */
export function wholeValueColumn(rows: readonly unknown[], name: string): boolean {
  return name === 'value' && rows.length > 0 && !rows.some(isRecord);
}

/** The value in column `name` of `row`, or `absent`. */
function cell(row: unknown, name: string, whole: boolean): { present: boolean; value?: unknown } {
  if (whole) return { present: true, value: row };
  if (row instanceof Map) return row.has(name) ? { present: true, value: row.get(name) } : { present: false };
  if (isRecord(row)) return Object.hasOwn(row as object, name) ? { present: true, value: (row as Record<string, unknown>)[name] } : { present: false };
  return { present: false };
}

const typeOf = (v: unknown): string => (v instanceof JsonNumber ? 'number' : typeName(v));

/** JSON text of a value as the pipeline wrote it (numbers keep their text,
 * keys their order). */
function jsonText(v: unknown): string {
  return stringifyLossless(v);
}

/** A value as the panel shows it: strings as they are, others as JSON. */
export function valueText(v: unknown): string {
  return typeof v === 'string' ? v : jsonText(v);
}

/** The key that counts equal values together: numbers by value (`2` and
 * `2.0`), other values by their JSON text and type. A plain number is its
 * String(); a JsonNumber that a double holds exactly (`2.0`) counts with
 * that double, any other by its exact value. */
function countKey(v: unknown): string {
  if (typeof v === 'number') return 'n' + String(v);
  if (typeof v === 'string') return 's' + v;
  if (v instanceof JsonNumber) {
    const d = String(Number(v.text));
    const exact = numberKey(v);
    return numberKey(Number(d)) === exact ? 'n' + d : 'N' + exact;
  }
  return 'v' + jsonText(v);
}

const byCount = (a: [string, number], b: [string, number]): number => b[1] - a[1];

/** The figures of column `name` over `rows`, with at most `topN` top values. */
export function columnFigures(rows: readonly unknown[], name: string, topN = 20): ColumnFigures {
  const whole = wholeValueColumn(rows, name);
  const types = new Map<string, number>();
  const counts = new Map<string, TopValue>();
  let missing = 0;
  let nulls = 0;
  let empty = 0;
  let min: number | JsonNumber | undefined;
  let max: number | JsonNumber | undefined;
  let sum = 0;
  let n = 0;
  for (const row of rows) {
    const c = cell(row, name, whole);
    if (!c.present) {
      missing++;
      continue;
    }
    const v = c.value;
    const t = typeOf(v);
    types.set(t, (types.get(t) ?? 0) + 1);
    if (v === null) nulls++;
    if (v === '') empty++;
    if (isJsonNumber(v)) {
      const x = Number(v);
      if (min === undefined || x < Number(min)) min = v;
      if (max === undefined || x > Number(max)) max = v;
      sum += x;
      n++;
    }
    const key = countKey(v);
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { value: v, count: 1 });
  }
  // a stable sort: equal counts keep the order of first sight
  const top = [...counts.values()].sort((a, b) => b.count - a.count).slice(0, topN);
  const numbers = min !== undefined && max !== undefined ? { min: jsonText(min), max: jsonText(max), mean: sum / n } : undefined;
  return { rows: rows.length, missing, nulls, empty, types: [...types].sort(byCount), numbers, distinct: counts.size, top };
}

/** One field of `jn analyze`'s JSON output (src/commands/analyze.ts). */
interface AnalyzedField {
  field: string;
  types: Record<string, number>;
  missing: number;
  nulls: number;
  min?: number;
  max?: number;
  mean?: number;
  distinct_approx?: number;
  top?: { value: unknown; count: number }[];
}

export interface Analysis {
  records: number;
  fields: AnalyzedField[];
}

/** The figures of column `name` from `jn analyze`'s output, or undefined
 * when analyze saw no such field (it names top-level keys as jq would:
 * `city`, `."a b"`). */
export function analyzedFigures(analysis: Analysis, name: string, whole: boolean): ColumnFigures | undefined {
  const path = whole ? undefined : childPath('', name);
  const f = analysis.fields.find((x) => x.field === path);
  if (!f) return whole ? undefined : { rows: analysis.records, missing: analysis.records, nulls: 0, types: [], top: [] };
  const numbers = f.min !== undefined && f.max !== undefined && f.mean !== undefined ? { min: jsonText(f.min), max: jsonText(f.max), mean: f.mean } : undefined;
  return {
    rows: analysis.records,
    missing: f.missing,
    nulls: f.nulls,
    types: Object.entries(f.types).sort(byCount),
    numbers,
    distinct: f.distinct_approx,
    top: (f.top ?? []).map((t) => ({ value: t.value, count: t.count })),
  };
}

/** A number for the panel: integers as they are, others to 6 digits. */
export function shortNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

// ---- the stage texts ----

/** The jq path of a column: `.city`, `.["a b"]`, or `.` for the whole value. */
export function columnPath(name: string, whole = false): string {
  if (whole) return '.';
  return IDENT.test(name) ? `.${name}` : `.[${JSON.stringify(name)}]`;
}

/** The object-construction entry for a column: `city` or `"a b"`. */
function objectKey(name: string): string {
  return IDENT.test(name) ? name : JSON.stringify(name);
}

/** Rows whose column equals `value` (or, `exclude`, does not). */
export function filterStage(name: string, value: unknown, exclude = false, whole = false): string {
  return `select(${columnPath(name, whole)} ${exclude ? '!=' : '=='} ${jsonText(value)})`;
}

/** Sort by the column (a jq `-s` stage: it reads all its input first, and
 * says so in a comment). */
export function sortStage(name: string, descending = false, whole = false): string {
  const p = columnPath(name, whole);
  return `filter -s ${shellQuote(`sort_by(${p})${descending ? ' | reverse' : ''} | .[] # reads all input to sort`)}`;
}

/** The rows without the column. */
export function dropStage(name: string): string {
  return `del(${columnPath(name)})`;
}

/** Only the columns `names`, in that order: `{id, city}`. */
export function keepStage(names: readonly string[]): string {
  return `{${names.map(objectKey).join(', ')}}`;
}

/** One row per value of the column with how many rows have it, the most
 * frequent first (a `-s` stage: it reads all its input first, and says so). */
export function countStage(name: string, whole = false): string {
  const key = whole ? 'value' : name;
  const count = key === 'count' ? 'n' : 'count';
  const p = columnPath(name, whole);
  const first = whole ? '.[0]' : `.[0]${p.startsWith('.[') ? p.slice(1) : p}`;
  return `filter -s ${shellQuote(`group_by(${p}) | map({${objectKey(key)}: ${first}, ${count}: length}) | sort_by(-.${count}) | .[] # reads all input to count`)}`;
}
