// SQLite database files, read and written by the sqlite plugin
// (plugins/sqlite.ts; role 'database': jn passes --path and the plugin opens
// the file itself; stdin is not the file).
//
// read: --query (parameters :name/@name/$name bound from --bind, never
// pasted into the SQL), --table, or the database's only table. The file is
// opened read-only and must exist: a missing file is exit 4, never a new
// empty database. Rows stream from better-sqlite3's stmt.iterate() one at a
// time (raw arrays, turned into JSON text by hand: src/databases/sql.ts
// rowLine) with a small page cache, so memory stays flat whatever the table
// size; a reader that goes away ends the process quietly (writeAll exits 0
// on EPIPE). Values: INTEGER as a JSON number with its exact digits, also
// beyond 2^53 (stmt.safeIntegers: a JavaScript reader rounds those, jq and
// Python do not), REAL as a number (NaN/Infinity as null), TEXT as a
// string, BLOB as a base64 string.
//
// write: NDJSON records into --table, created from the first --batch
// records (src/databases/sql.ts writeTable): INTEGER for integers and for
// booleans (stored as 1/0, so they read back as 1/0), REAL, TEXT for strings
// and for objects/arrays (stored as their JSON text, read back as strings);
// a column whose first values mix kinds, or are all null, gets no declared
// type, so SQLite keeps each value as it comes. A key first seen later adds
// a column; later values are stored under SQLite's usual type affinity.
// Atomic: the write is one transaction (BEGIN IMMEDIATE ... COMMIT), table
// creation included; any error rolls it back, and a database file the write
// created is removed again, so a failed write leaves the file as it was.
import { createRequire } from 'node:module';
import { DataError, IoError, type Options } from '../../kit/sdk.js';
import { Output } from '../../kit/io.js';
import {
  bindEach,
  quoteIdent,
  readQuery,
  readSource,
  rowKeys,
  rowLine,
  SqlTarget,
  writeFile,
  writeOptions,
  writeTable,
  pathOption,
  type Column,
  type Kind,
  type Row,
} from '../sql.js';

// better-sqlite3 ships no type declarations: just what this file uses.
interface Statement {
  readonly reader: boolean;
  safeIntegers(on: boolean): Statement;
  raw(on: boolean): Statement;
  columns(): { name: string }[];
  pluck(on: boolean): Statement;
  iterate(...params: unknown[]): IterableIterator<unknown>;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}
interface Database {
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(source: string): unknown;
  close(): void;
}
type DatabaseClass = new (path: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => Database;
const Database = createRequire(import.meta.url)('better-sqlite3') as DatabaseClass;

const IO_CODES = /^SQLITE_(IOERR|CANTOPEN|FULL|READONLY|PERM|BUSY|LOCKED)/;

/** A driver error as the plugin reports it: I/O (exit 4) or a DataError
 * (exit 1) saying where it came from. */
function sqlError(err: unknown, where: string, line?: number): unknown {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && IO_CODES.test(code)) return new IoError(`${where}: ${(err as Error).message}`);
  // better-sqlite3 throws RangeError/TypeError for parameters that do not fit the statement
  const driver = (err as Error)?.name === 'SqliteError' || err instanceof RangeError || err instanceof TypeError;
  return driver ? new DataError(`${where}: ${(err as Error).message}`, line) : err;
}

function open(path: string, readonly: boolean): Database {
  try {
    return new Database(path, { readonly, fileMustExist: readonly });
  } catch (err) {
    throw new IoError(`cannot open ${path}: ${(err as Error).message}`);
  }
}

function tableNames(db: Database, path: string): string[] {
  try {
    return db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
      .pluck(true)
      .all() as string[];
  } catch (err) {
    throw sqlError(err, path);
  }
}

/** A JSON value as SQLite stores it: booleans 1/0, objects and arrays as
 * JSON text, integers bound as integers (not as 8-byte floats). */
function sqliteValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'boolean':
      return v ? 1 : 0;
    case 'number':
      return Number.isSafeInteger(v) ? BigInt(v) : v;
    case 'string':
      return v;
    default:
      return JSON.stringify(v);
  }
}

/** Page cache of a read, in KiB. better-sqlite3's default (16 MB) only
 * fills up during a scan, which reads each page once: memory would grow
 * with the file up to that size. */
const READ_CACHE_KIB = 2048;

/** read mode: the rows of --query or --table as NDJSON on stdout. */
export function readSqlite(options: Options): void {
  const { path, binds } = readSource(options);
  const db = open(path, true);
  db.pragma(`cache_size = -${READ_CACHE_KIB}`);
  const { sql, origin } = readQuery(options, path, () => tableNames(db, path));
  const out = new Output(1, 1 << 16);
  try {
    const stmt = db.prepare(sql);
    if (!stmt.reader) throw new DataError(`${origin}: the statement returns no rows`);
    stmt.safeIntegers(true).raw(true);
    const keys = rowKeys(stmt.columns().map((c) => c.name));
    const rows = binds === undefined ? stmt.iterate() : stmt.iterate(bindEach(binds, sqliteValue));
    for (const row of rows) out.write(rowLine(keys, row as unknown[]));
  } catch (err) {
    throw sqlError(err, origin);
  } finally {
    out.flush();
  }
}

const SQL_TYPE: Record<Kind, string> = {
  null: '',
  boolean: ' INTEGER',
  integer: ' INTEGER',
  real: ' REAL',
  text: ' TEXT',
  json: ' TEXT',
  mixed: '',
  other: '',
};

/** writeTable's view of a SQLite database. SQLite types values, not
 * columns, so widening a column needs nothing. */
class SqliteTarget extends SqlTarget {
  private insertSql = '';
  private insertStmt: Statement | undefined;

  constructor(private readonly db: Database) {
    super('BEGIN IMMEDIATE');
  }

  protected run(sql: string): Promise<void> {
    try {
      this.db.exec(sql);
    } catch (err) {
      throw sqlError(err, 'write');
    }
    return Promise.resolve();
  }

  protected columnSql(c: Column): string {
    return quoteIdent(c.name) + SQL_TYPE[c.kind];
  }

  rollback(): Promise<void> {
    return this.db.inTransaction ? this.run('ROLLBACK') : Promise.resolve();
  }

  columns(table: string): Promise<Column[] | undefined> {
    const names = this.db.prepare('SELECT name FROM pragma_table_info(?)').pluck(true).all(table) as string[];
    return Promise.resolve(names.length ? names.map((name) => ({ name, kind: 'other' as const })) : undefined);
  }

  widen(): Promise<void> {
    return Promise.resolve();
  }

  insert(table: string, columns: Column[], rows: Row[]): Promise<void> {
    const sql = `INSERT INTO ${quoteIdent(table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    if (sql !== this.insertSql) {
      this.insertStmt = this.db.prepare(sql);
      this.insertSql = sql;
    }
    const stmt = this.insertStmt!;
    const values = new Array<unknown>(columns.length);
    for (const [record, line] of rows) {
      for (let k = 0; k < columns.length; k++) values[k] = sqliteValue(record[columns[k].name]);
      try {
        stmt.run(values);
      } catch (err) {
        throw sqlError(err, 'insert', line);
      }
    }
    return Promise.resolve();
  }
}

/** write mode: stdin's NDJSON records into --table, in one transaction. */
export async function writeSqlite(options: Options): Promise<void> {
  const path = pathOption(options);
  const settings = writeOptions(options);
  await writeFile(path, ['-journal', '-wal'], () => open(path, false), (db) => writeTable(new SqliteTarget(db), settings));
}
