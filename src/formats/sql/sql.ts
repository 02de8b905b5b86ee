// What the database plugins (plugins/sqlite.ts, plugins/duckdb.ts) share:
// identifier quoting, reading NDJSON records in batches, inferring column
// kinds from records, the write algorithm itself (writeTable) and turning
// result rows into NDJSON lines.
//
// writeTable drives a TableTarget (one per database engine) through one
// transaction: the first batch of records decides the columns (the union of
// their keys in first-seen order) and their kinds; a later batch with a new
// key adds a column, and one whose values no longer fit a column's kind
// widens it (the target decides what that means: DuckDB changes the column's
// type, SQLite's dynamic typing needs nothing). Any error rolls the whole
// write back, table creation included.
//
// Result rows: integers (bigint from the drivers) are written as their exact
// digits, unquoted, so an NDJSON number beyond 2^53 is exact even though a
// JavaScript reader rounds it; BLOBs become base64 strings.
import { parseJsonLine } from '../../kit/json.js';
import { DataError, type Options, UsageError } from '../../kit/sdk.js';
import { readLines } from '../../kit/io.js';

/** "name" with embedded double quotes doubled: safe for any table or column name. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** 'text' with embedded single quotes doubled. */
export function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A driver message made one line (DuckDB's span several). */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** A missing file, an unwritable path, a full disk: exit status 4. */
export { IoError } from '../../kit/sdk.js';

type JsonRecord = Record<string, unknown>;
/** A record and the NDJSON line it came from. */
export type Row = [JsonRecord, number];

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** NDJSON records of stdin in batches of up to size (blank lines skipped). */
function* readBatches(size: number): Generator<Row[]> {
  let batch: Row[] = [];
  for (const [line, lineNo] of readLines(0)) {
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) continue;
    const value = parseJsonLine(line, lineNo);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DataError(`expected a JSON object, got ${typeName(value)}`, lineNo);
    }
    batch.push([value as JsonRecord, lineNo]);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** What a column holds. 'json': objects/arrays; 'mixed': values of
 * different kinds; 'null': nothing but nulls so far; 'other': a column of a
 * table jn did not create, of a type it does not map (never widened). */
export type Kind = 'null' | 'boolean' | 'integer' | 'real' | 'text' | 'json' | 'mixed' | 'other';

const INT64_LIMIT = 2 ** 63;

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < INT64_LIMIT ? 'integer' : 'real';
    case 'string':
      return 'text';
    default:
      return 'json';
  }
}

/** The kind of a column holding values of kinds a and b. */
function mergeKinds(a: Kind, b: Kind): Kind {
  if (a === b || b === 'null' || a === 'other') return a;
  if (a === 'null') return b;
  if ((a === 'integer' && b === 'real') || (a === 'real' && b === 'integer')) return 'real';
  return 'mixed';
}

/** The keys of rows in first-seen order, each with the kind of its values. */
function inferKinds(rows: Row[]): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  for (const [record] of rows) {
    for (const key in record) kinds.set(key, mergeKinds(kinds.get(key) ?? 'null', kindOf(record[key])));
  }
  return kinds;
}

export interface Column {
  name: string;
  kind: Kind;
}

/** One database engine's side of writeTable. Every call happens inside the
 * transaction begin() opened. */
export interface TableTarget {
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** The table's columns, or undefined if there is no such table. */
  columns(table: string): Promise<Column[] | undefined>;
  create(table: string, columns: Column[]): Promise<void>;
  drop(table: string): Promise<void>;
  /** Delete every row. */
  clear(table: string): Promise<void>;
  addColumn(table: string, column: Column): Promise<void>;
  /** column is about to hold values of kind `to`; its kind is still the old one. */
  widen(table: string, column: Column, to: Kind): Promise<void>;
  /** Insert rows into these columns (a record's missing keys are NULL). */
  insert(table: string, columns: Column[], rows: Row[]): Promise<void>;
}

export type IfExists = 'append' | 'replace' | 'fail';

export interface WriteOptions {
  table: string;
  ifExists: IfExists;
  batch: number;
}

/** --table (or the given default), --if-exists and --batch of a write. */
export function writeOptions(options: Options, defaultTable?: string): WriteOptions {
  const table = options.str('table') ?? defaultTable;
  if (!table) throw new UsageError('--table is required to write (the table to create or append to)');
  const ifExists = options.str('if-exists', 'append');
  if (ifExists !== 'append' && ifExists !== 'replace' && ifExists !== 'fail') {
    throw new UsageError(`--if-exists: expected append, replace or fail, got ${JSON.stringify(ifExists)}`);
  }
  const batch = options.int('batch', 1000);
  if (batch < 1) throw new UsageError('--batch: expected at least 1');
  return { table, ifExists, batch };
}

/** Columns for a batch's new keys, and widened kinds for known ones. */
async function fitColumns(target: TableTarget, table: string, columns: Column[], rows: Row[]): Promise<void> {
  const known = new Map(columns.map((c) => [c.name, c]));
  for (const [name, kind] of inferKinds(rows)) {
    const column = known.get(name);
    if (!column) {
      const added = { name, kind };
      await target.addColumn(table, added);
      columns.push(added);
      continue;
    }
    const merged = mergeKinds(column.kind, kind);
    if (merged === column.kind) continue;
    await target.widen(table, column, merged);
    column.kind = merged;
  }
}

/** Write stdin's NDJSON records into a table, all in one transaction.
 * Returns how many were written. */
export async function writeTable(target: TableTarget, { table, ifExists, batch }: WriteOptions): Promise<number> {
  let written = 0;
  await target.begin();
  try {
    const existing = await target.columns(table);
    if (existing && ifExists === 'fail') throw new DataError(`table ${table} already exists (--if-exists=fail)`);
    const replacing = existing !== undefined && ifExists === 'replace';
    let columns = replacing ? undefined : existing;
    for (const rows of readBatches(batch)) {
      if (columns) await fitColumns(target, table, columns, rows);
      else {
        if (replacing) await target.drop(table);
        columns = [...inferKinds(rows)].map(([name, kind]) => ({ name, kind }));
        if (columns.length === 0) throw new DataError(`no fields to make the columns of table ${table} from`, rows[0][1]);
        await target.create(table, columns);
      }
      await target.insert(table, columns, rows);
      written += rows.length;
    }
    if (replacing && !columns) await target.clear(table); // replaced by no records
    await target.commit();
  } catch (err) {
    await target.rollback();
    throw err;
  }
  return written;
}

/** --query, or SELECT * FROM --table, or from the database's only table. */
export function readQuery(options: Options, path: string, tables: () => string[]): { sql: string; origin: string } {
  const query = options.str('query');
  const table = options.str('table');
  if (query !== undefined && table !== undefined) throw new UsageError('give --query or --table, not both');
  if (query !== undefined) return { sql: query, origin: 'query' };
  if (table !== undefined) return { sql: `SELECT * FROM ${quoteIdent(table)}`, origin: `table ${table}` };
  const names = tables();
  if (names.length === 1) return { sql: `SELECT * FROM ${quoteIdent(names[0])}`, origin: `table ${names[0]}` };
  if (names.length === 0) throw new UsageError(`${path} has no tables: give --query`);
  throw new UsageError(`${path} has ${names.length} tables (${names.join(', ')}): choose one with --table=NAME or give --query`);
}

/** --bind: a JSON object of named parameters (or an array of positional ones). */
export function bindValues(options: Options): Record<string, unknown> | unknown[] | undefined {
  const text = options.str('bind');
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--bind: invalid JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null) throw new UsageError(`--bind: expected a JSON object of parameters, got ${typeName(value)}`);
  return value as Record<string, unknown> | unknown[];
}

/** The --path option, required. */
export function pathOption(options: Options): string {
  const path = options.str('path');
  if (!path) throw new UsageError('--path is required (the database file)');
  return path;
}

/** JSON text of a result value: bigints as their exact digits, bytes as
 * base64, non-finite numbers as null. Numbers go through JSON.stringify, not
 * String(): V8 caches String(double) results in the old generation, which
 * then grows by megabytes between full collections on a long scan. */
function jsonValue(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v !== 'object' || v === null) return JSON.stringify(v) ?? 'null';
  if (v instanceof Uint8Array) return `"${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}"`;
  if (Array.isArray(v)) return `[${v.map(jsonValue).join(',')}]`;
  return `{${Object.entries(v).map(([k, x]) => JSON.stringify(k) + ':' + jsonValue(x)).join(',')}}`;
}

/** The JSON text before each column's value in a row: `{"a":`, `,"b":`, ... */
export function rowKeys(names: string[]): string[] {
  return names.map((name, k) => (k ? ',' : '{') + JSON.stringify(name) + ':');
}

/** One result row (values in the order of keys) as an NDJSON line, newline
 * included. Built by hand rather than with JSON.stringify of an object:
 * no object per row, and bigints need no special case. */
export function rowLine(keys: string[], values: ArrayLike<unknown>): string {
  if (keys.length === 0) return '{}\n';
  let line = '';
  for (let k = 0; k < keys.length; k++) line += keys[k] + jsonValue(values[k]);
  return line + '}\n';
}
