// TOML <-> NDJSON, pure logic (no I/O); plugins/toml.ts wires it to
// stdin/stdout. Parsing and printing are done by smol-toml.
//
// TOML is one document (a table), not a sequence of records, so both
// directions hold everything:
// - read: the whole document becomes one record. With --array=KEY, each table
//   of the top-level array KEY becomes a record instead (the inverse of what
//   write does with several records). Dates and times become strings in
//   their TOML form (ISO 8601: `1979-05-27T07:32:00Z` ->
//   "1979-05-27T07:32:00.000Z", a local date stays "1979-05-27", an offset is
//   kept: "1979-05-27T00:32:00.000-07:00"). Integers beyond 2^53 keep every
//   digit (written as JSON numbers); inf and nan become null.
// - write: exactly one record is written as the document itself; several
//   records (or any number, with --array=KEY) as an array of tables
//   `[[records]]` (or `[[KEY]]`). TOML has no null: null members are dropped,
//   in arrays too. Records must be objects.
import { parse, stringify, TomlError } from 'smol-toml';
import { DataError, UsageError } from '../../kit/sdk.js';
import { expectObject } from '../../kit/records.js';
import { JsonNumber } from '../../kit/lossless.js';
import { typeName } from '../../kit/text.js';

const DEFAULT_ARRAY_KEY = 'records';

/** Compact JSON text of a parsed TOML value: dates as their TOML/ISO
 * strings, big integers with all their digits. */
function tomlJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return '[' + value.map(tomlJson).join(',') + ']';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) parts.push(JSON.stringify(k) + ':' + tomlJson(v));
  return '{' + parts.join(',') + '}';
}

/** The type of a parsed TOML value, as a JSON type name or `date`. */
function describe(v: unknown): string {
  return v instanceof Date ? 'date' : typeName(v);
}

/** Parse a TOML document; DataError with line and column when it is invalid. */
function parseToml(text: string): Record<string, unknown> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return parse(text, { integersAsBigInt: 'asNeeded' }) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) {
      const message = err.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
      throw new DataError(`invalid TOML: ${message}`, err.line, err.column);
    }
    throw err;
  }
}

/** The NDJSON lines (each ending in a newline) for a TOML document. */
export function tomlToNdjson(text: string, arrayKey?: string): string {
  const doc = parseToml(text);
  if (arrayKey === undefined) return tomlJson(doc) + '\n';
  if (!Object.hasOwn(doc, arrayKey)) throw new DataError(`no top-level key ${JSON.stringify(arrayKey)} (--array)`);
  const items = doc[arrayKey];
  if (!Array.isArray(items)) throw new DataError(`top-level ${JSON.stringify(arrayKey)} is ${describe(items) === 'object' ? 'a table' : 'a ' + describe(items)}, not an array (--array)`);
  return items.map((item) => tomlJson(item) + '\n').join('');
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A record (kit/lossless: Maps, JsonNumbers) as smol-toml values, without
 * its nulls (object members and array items), recursively. A number kept
 * as text is a TOML integer with all its digits when it is an integer
 * literal within TOML's 64 bits, else the nearest float. */
function tomlValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(tomlValue);
  if (value instanceof JsonNumber) {
    if (/^-?\d+$/.test(value.text)) {
      const n = BigInt(value.text);
      if (n >= INT64_MIN && n <= INT64_MAX) return n;
    }
    return Number(value.text);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const entries = value instanceof Map ? (value as Map<string, unknown>) : Object.entries(value);
    for (const [k, v] of entries) {
      if (v === null) continue;
      Object.defineProperty(out, k, { value: tomlValue(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Collects NDJSON records and prints them as one TOML document. */
export class TomlWriter {
  private records: unknown[] = [];

  constructor(private readonly arrayKey?: string) {
    if (arrayKey === '') throw new UsageError('--array: expected a key name');
  }

  add(value: unknown, lineNo: number): void {
    expectObject(value, lineNo, ' (a TOML document is a table)');
    this.records.push(tomlValue(value));
  }

  /** The document (empty for no records). */
  finish(): string {
    const records = this.records;
    this.records = [];
    if (records.length === 0) return '';
    const doc = records.length === 1 && this.arrayKey === undefined ? records[0] : { [this.arrayKey ?? DEFAULT_ARRAY_KEY]: records };
    try {
      const text = stringify(doc);
      return text.endsWith('\n') || text === '' ? text : text + '\n';
    } catch (err) {
      throw new DataError(`cannot write TOML: ${(err as Error).message}`);
    }
  }
}
