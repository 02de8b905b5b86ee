// What the database plugins (plugins/sqlite.ts, plugins/duckdb.ts) share:
// identifier quoting, their options, reading NDJSON records in batches,
// inferring column kinds from records, the write algorithm itself
// (writeTable, with SqlTarget for the statements both engines write alike,
// and writeFile for removing a database file a failed write created) and
// turning result rows into NDJSON lines.
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
import { existsSync, rmSync } from 'node:fs';
import { DataError, IoError, type Options, UsageError } from '../kit/sdk.js';
import { expectObject, readRecords, type JsonRecord } from '../kit/records.js';
import { typeName } from '../kit/text.js';

/** "name" with embedded double quotes doubled: safe for any table or column name. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** 'text' with embedded single quotes doubled. */
export function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A record and the NDJSON line it came from. */
export type Row = [JsonRecord, number];

/** NDJSON records of stdin in batches of up to size (blank lines skipped). */
function* readBatches(size: number): Generator<Row[]> {
  let batch: Row[] = [];
  for (const [value, lineNo] of readRecords(0)) {
    expectObject(value, lineNo);
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
interface TableTarget {
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

/** The TableTarget statements SQLite and DuckDB write alike: run(sql)
 * executes one statement (reporting its errors the engine's way), and
 * columnSql is a column's definition in CREATE TABLE / ADD COLUMN. */
export abstract class SqlTarget implements TableTarget {
  constructor(private readonly beginSql: string) {}

  protected abstract run(sql: string): Promise<void>;
  protected abstract columnSql(column: Column): string;
  abstract rollback(): Promise<void>;
  abstract columns(table: string): Promise<Column[] | undefined>;
  abstract widen(table: string, column: Column, to: Kind): Promise<void>;
  abstract insert(table: string, columns: Column[], rows: Row[]): Promise<void>;

  begin(): Promise<void> {
    return this.run(this.beginSql);
  }

  commit(): Promise<void> {
    return this.run('COMMIT');
  }

  create(table: string, columns: Column[]): Promise<void> {
    return this.run(`CREATE TABLE ${quoteIdent(table)} (${columns.map((c) => this.columnSql(c)).join(', ')})`);
  }

  drop(table: string): Promise<void> {
    return this.run(`DROP TABLE ${quoteIdent(table)}`);
  }

  clear(table: string): Promise<void> {
    return this.run(`DELETE FROM ${quoteIdent(table)}`);
  }

  addColumn(table: string, column: Column): Promise<void> {
    return this.run(`ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${this.columnSql(column)}`);
  }
}

type IfExists = 'append' | 'replace' | 'fail';

interface WriteOptions {
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
function bindValues(options: Options): Record<string, unknown> | unknown[] | undefined {
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

/** The database file of a read (--path, which must exist) and its --bind values. */
export function readSource(options: Options): { path: string; binds: ReturnType<typeof bindValues> } {
  const path = pathOption(options);
  const binds = bindValues(options);
  if (!existsSync(path)) throw new IoError(`no such file: ${path}`);
  return { path, binds };
}

/** The --path option, required. */
export function pathOption(options: Options): string {
  const path = options.str('path');
  if (!path) throw new UsageError('--path is required (the database file)');
  return path;
}

/** Bind values as a driver takes them: each value through convert. */
export function bindEach<T>(values: Record<string, unknown> | unknown[], convert: (v: unknown) => T): Record<string, T> | T[] {
  if (Array.isArray(values)) return values.map(convert);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, convert(v)]));
}

/** Open the database at path, write into it and close it. When the write
 * fails and the file did not exist before, the file and its companions
 * (path + each of suffixes: a journal, a WAL) are removed again. */
export async function writeFile<D extends { close(): void }>(
  path: string,
  suffixes: string[],
  open: () => D | Promise<D>,
  write: (db: D) => Promise<unknown>,
): Promise<void> {
  const created = !existsSync(path);
  const db = await open();
  try {
    await write(db);
  } catch (err) {
    db.close();
    if (created) for (const suffix of ['', ...suffixes]) rmSync(path + suffix, { force: true });
    throw err;
  }
  db.close();
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
