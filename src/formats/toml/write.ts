// NDJSON -> TOML, pure logic (no I/O); toml.ts reads it back.
//
// Exactly one record is written as the document itself; several records
// (or any number, with --array=KEY) as an array of tables `[[records]]`
// (or `[[KEY]]`) under the comment line `# jn records: [[records]]`, by
// which the reader knows to give the records back. Records must be objects.
//
// A record's keys keep their order: values come first as `key = value`
// lines, and the trailing run of tables (objects, and non-empty arrays of
// objects) becomes `[a.b]` / `[[a.b]]` sections; a table before a plain value
// is written inline (`a = { x = 1 }`), since a section cannot be followed by
// its parent's values.
// Values: numbers as written (every JSON number literal is a TOML number;
// an integer beyond TOML's 64 bits becomes a float, `…0.0`); strings in
// TOML's form of a date or time that the reader gives back unchanged
// (`2024-01-15`, `1979-05-27T07:32:00Z`) as that date or time, other strings
// as basic strings; TOML has no null: null members and array items are
// dropped.
import { parse } from 'smol-toml';
import { DataError, UsageError } from '../../kit/sdk.js';
import { expectObject } from '../../kit/records.js';
import { JsonNumber } from '../../kit/lossless.js';
import { RECORDS_MARK, dateText, tomlKey, tomlString } from './toml.js';

const DEFAULT_ARRAY_KEY = 'records';
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const DATE_LIKE = /^(?:\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;

/** True when s is a TOML date or time the reader gives back as s. */
function isDateText(s: string): boolean {
  if (!DATE_LIKE.test(s)) return false;
  try {
    const v = parse(`v = ${s}`).v;
    return v instanceof Date && dateText(v) === s;
  } catch {
    return false;
  }
}

function numberText(v: number | JsonNumber): string {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  }
  const text = typeof v === 'number' ? String(v) : v.text;
  if (!/^-?\d+$/.test(text)) return text;
  const n = BigInt(text);
  return n >= INT64_MIN && n <= INT64_MAX ? text : text + '.0';
}

type Entries = [string, unknown][];

const isTable = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof JsonNumber);

/** The members of an object (a Map from the lossless parse, or plain), without nulls. */
function entriesOf(v: object): Entries {
  const all: Entries = v instanceof Map ? [...(v as Map<string, unknown>)] : Object.entries(v);
  return all.filter(([, x]) => x !== null && x !== undefined);
}

/** A value on one line. */
function inline(v: unknown): string {
  if (typeof v === 'string') return isDateText(v) ? v : tomlString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || v instanceof JsonNumber) return numberText(v);
  if (Array.isArray(v)) {
    const items = v.filter((x) => x !== null && x !== undefined);
    return items.length ? '[ ' + items.map(inline).join(', ') + ' ]' : '[]';
  }
  if (isTable(v)) {
    const members = entriesOf(v as object);
    return members.length ? '{ ' + members.map(([k, x]) => `${tomlKey(k)} = ${inline(x)}`).join(', ') + ' }' : '{}';
  }
  throw new DataError(`cannot write a ${typeof v} to TOML`);
}

/** A value that can be a section: a table, or a non-empty array of tables. */
function isSection(v: unknown): boolean {
  if (isTable(v)) return true;
  if (!Array.isArray(v)) return false;
  const items = v.filter((x) => x !== null && x !== undefined);
  return items.length > 0 && items.every(isTable);
}

/** The lines of a table's body at path (its keys, formatted). */
function tableBody(members: Entries, path: string): string {
  let lastValue = -1;
  members.forEach(([, v], i) => {
    if (!isSection(v)) lastValue = i;
  });
  let out = '';
  members.forEach(([k, v], i) => {
    if (i <= lastValue) out += `${tomlKey(k)} = ${inline(v)}\n`;
  });
  for (const [k, v] of members.slice(lastValue + 1)) {
    const name = path ? `${path}.${tomlKey(k)}` : tomlKey(k);
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && item !== undefined) out += `${out ? '\n' : ''}[[${name}]]\n${tableBody(entriesOf(item as object), name)}`;
    } else out += `${out ? '\n' : ''}[${name}]\n${tableBody(entriesOf(v as object), name)}`;
  }
  return out;
}

/** Collects NDJSON records and prints them as one TOML document. */
export class TomlWriter {
  private records: object[] = [];

  constructor(private readonly arrayKey?: string) {
    if (arrayKey === '') throw new UsageError('--array: expected a key name');
  }

  add(value: unknown, lineNo: number): void {
    expectObject(value, lineNo, ' (a TOML document is a table)');
    this.records.push(value);
  }

  /** The document (empty for no records). */
  finish(): string {
    const records = this.records;
    this.records = [];
    if (records.length === 0) return '';
    if (records.length === 1 && this.arrayKey === undefined) return tableBody(entriesOf(records[0]), '');
    const name = tomlKey(this.arrayKey ?? DEFAULT_ARRAY_KEY);
    return `${RECORDS_MARK}[[${name}]]\n` + records.map((r) => `[[${name}]]\n${tableBody(entriesOf(r), name)}`).join('\n');
  }
}
