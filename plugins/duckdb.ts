// duckdb: DuckDB database files, and Parquet files through DuckDB (role
// 'database': jn passes --path and the plugin opens the file itself).
//
// read: --query (parameters $name bound from --bind, never pasted into the
// SQL), --table, or the database's only table in schema main. A database is
// opened read-only and must exist (a missing file is exit 4). A .parquet
// file is a view named `data` in an in-memory database: read it whole, or
// query it (`--query=SELECT ... FROM data`). Rows stream chunk by chunk
// (connection.stream + fetchChunk, ~2048 rows at a time), so memory stays
// flat; a reader that goes away ends the process quietly. Values: integers
// exact (beyond 2^53 as their digits, unquoted), DECIMAL as a number, DATE
// and TIME as strings, TIMESTAMP as ISO 8601 (`2024-01-02T03:04:05.123`;
// WITH TIME ZONE in UTC with a Z), LIST/ARRAY as arrays, STRUCT and MAP as
// objects, JSON columns parsed, BLOB as base64, INTERVAL/UUID/ENUM as text.
//
// write: NDJSON records into --table, created from the first --batch
// records (src/formats/sql.ts: writeTable) with BIGINT, DOUBLE, VARCHAR,
// BOOLEAN or JSON columns (JSON for objects/arrays and for columns whose
// values mix kinds: every value is stored as its JSON text, so it reads back
// exactly). DuckDB types are strict, so a later value that does not fit its
// column widens the column first (BIGINT -> DOUBLE, anything else -> JSON);
// a new key adds a column. Rows go in through DuckDB's Appender, flushed
// every --batch rows: it is DuckDB's bulk-insert path, ~40x faster than
// executing a prepared INSERT per row (measured: 18 µs vs 780 µs a row),
// and it appends inside the connection's transaction. Atomic: the write is
// one transaction (BEGIN ... COMMIT), table creation included; any error
// rolls it back, and a database file the write created is removed again.
// Writing a .parquet path spools the records into a temporary DuckDB file,
// then COPYs them to a temporary Parquet file renamed over the path.
import {
  arrayFromArrayValue,
  arrayFromListValue,
  bigintFromBigIntValue,
  booleanFromValue,
  createDuckDBValueConverter,
  doubleFromDecimalValue,
  DuckDBAppender,
  DuckDBBlobValue,
  DuckDBConnection,
  DuckDBInstance,
  DuckDBMapType,
  DuckDBMapValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  fromVariantValue,
  nullConverter,
  numberFromValue,
  objectFromStructValue,
  objectFromUnionValue,
  stringFromValue,
  unsupportedConverter,
  type DuckDBValue,
  type DuckDBValueConverter,
} from '@duckdb/node-api';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bindValues,
  IoError,
  oneLine,
  pathOption,
  quoteIdent,
  quoteString,
  readQuery,
  rowKeys,
  rowLine,
  writeOptions,
  writeTable,
  type Column,
  type Kind,
  type Row,
  type TableTarget,
} from '../src/formats/sql/sql.js';
import { DataError, runPlugin, type Options, type PluginMeta } from '../src/kit/sdk.js';
import { Output } from '../src/kit/io.js';

const meta: PluginMeta = {
  name: 'duckdb',
  version: '0.1.0',
  description: 'DuckDB databases and Parquet files: read a table or a query (streamed), write records into a table (one transaction)',
  matches: ['\\.duckdb$', '\\.ddb$', '\\.parquet$'],
  role: 'database',
  modes: ['read', 'write'],
  options: [
    { name: 'path', description: 'the database (or .parquet) file (given by jn)' },
    { name: 'table', description: 'read: the table to read; write: the table to create or append to (not for .parquet)' },
    { name: 'query', description: 'read: an SQL query (parameters $name; a .parquet file is the view `data`)' },
    { name: 'bind', description: 'read: JSON object of named query parameters (or an array of positional ones)' },
    { name: 'if-exists', description: 'write: append (default), replace or fail when the table exists' },
    { name: 'batch', description: 'write: records per appender flush; the first batch decides the column types (default 1000)' },
  ],
};

const isParquet = (path: string): boolean => /\.parquet$/i.test(path);

/** A driver error as the plugin reports it: I/O (exit 4) or a DataError
 * (exit 1) saying where it came from. */
function duckError(err: unknown, where: string, line?: number): unknown {
  if (err instanceof DataError || err instanceof IoError || !(err instanceof Error)) return err;
  const message = oneLine(err.message.replace(/\n\s*LINE \d+:[^]*$/, '')); // without the caret picture
  return /^IO Error/.test(message) ? new IoError(`${where}: ${message}`) : new DataError(`${where}: ${message}`, line);
}

/** An open database and its one connection. */
interface Db {
  conn: DuckDBConnection;
  close(): void;
}

/** Opening a file of another format (a SQLite file, say) would otherwise
 * make DuckDB download the extension that reads it: a data tool should not
 * go to the network behind the user's back. */
const SETTINGS = { autoinstall_known_extensions: 'false' };

async function open(path: string, options: Record<string, string> = {}): Promise<Db> {
  try {
    const instance = await DuckDBInstance.create(path, { ...SETTINGS, ...options });
    const conn = await instance.connect();
    return {
      conn,
      close: () => {
        conn.closeSync();
        instance.closeSync();
      },
    };
  } catch (err) {
    throw duckError(err, `cannot open ${path}`);
  }
}

// Reading.

const timestamp = (v: DuckDBValue): string => String(v).replace(' ', 'T');

function timestampTZ(v: DuckDBValue): string {
  const micros = (v as DuckDBTimestampTZValue).micros;
  const text = new DuckDBTimestampValue(micros).toString();
  return /infinity/.test(text) ? text : `${text.replace(' ', 'T')}Z`;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // not JSON after all
  }
}


const converters: Record<DuckDBTypeId, DuckDBValueConverter<unknown> | undefined> = {
  [DuckDBTypeId.INVALID]: unsupportedConverter,
  [DuckDBTypeId.BOOLEAN]: booleanFromValue,
  [DuckDBTypeId.TINYINT]: numberFromValue,
  [DuckDBTypeId.SMALLINT]: numberFromValue,
  [DuckDBTypeId.INTEGER]: numberFromValue,
  [DuckDBTypeId.BIGINT]: bigintFromBigIntValue,
  [DuckDBTypeId.UTINYINT]: numberFromValue,
  [DuckDBTypeId.USMALLINT]: numberFromValue,
  [DuckDBTypeId.UINTEGER]: numberFromValue,
  [DuckDBTypeId.UBIGINT]: bigintFromBigIntValue,
  [DuckDBTypeId.FLOAT]: numberFromValue,
  [DuckDBTypeId.DOUBLE]: numberFromValue,
  [DuckDBTypeId.TIMESTAMP]: timestamp,
  [DuckDBTypeId.DATE]: stringFromValue,
  [DuckDBTypeId.TIME]: stringFromValue,
  [DuckDBTypeId.INTERVAL]: stringFromValue,
  [DuckDBTypeId.HUGEINT]: bigintFromBigIntValue,
  [DuckDBTypeId.UHUGEINT]: bigintFromBigIntValue,
  [DuckDBTypeId.VARCHAR]: stringFromValue,
  [DuckDBTypeId.BLOB]: (v) => Buffer.from((v as DuckDBBlobValue).bytes).toString('base64'),
  [DuckDBTypeId.DECIMAL]: doubleFromDecimalValue,
  [DuckDBTypeId.TIMESTAMP_S]: timestamp,
  [DuckDBTypeId.TIMESTAMP_MS]: timestamp,
  [DuckDBTypeId.TIMESTAMP_NS]: timestamp,
  [DuckDBTypeId.ENUM]: stringFromValue,
  [DuckDBTypeId.LIST]: arrayFromListValue,
  [DuckDBTypeId.STRUCT]: objectFromStructValue,
  [DuckDBTypeId.MAP]: (v, type, convert) =>
    Object.fromEntries((v as DuckDBMapValue).entries.map((e) => [String(e.key), convert(e.value, (type as DuckDBMapType).valueType, convert)])),
  [DuckDBTypeId.ARRAY]: arrayFromArrayValue,
  [DuckDBTypeId.UUID]: stringFromValue,
  [DuckDBTypeId.UNION]: (v, type, convert) => objectFromUnionValue(v, type, convert).value,
  [DuckDBTypeId.BIT]: stringFromValue,
  [DuckDBTypeId.TIME_TZ]: stringFromValue,
  [DuckDBTypeId.TIMESTAMP_TZ]: timestampTZ,
  [DuckDBTypeId.ANY]: unsupportedConverter,
  [DuckDBTypeId.BIGNUM]: bigintFromBigIntValue,
  [DuckDBTypeId.SQLNULL]: nullConverter,
  [DuckDBTypeId.STRING_LITERAL]: unsupportedConverter,
  [DuckDBTypeId.INTEGER_LITERAL]: unsupportedConverter,
  [DuckDBTypeId.TIME_NS]: stringFromValue,
  [DuckDBTypeId.GEOMETRY]: stringFromValue,
  [DuckDBTypeId.VARIANT]: fromVariantValue,
};
const toJson = createDuckDBValueConverter(converters);

async function tableNames(conn: DuckDBConnection, path: string): Promise<string[]> {
  try {
    const reader = await conn.runAndReadAll(
      "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND database_name = current_database() AND schema_name = 'main' ORDER BY table_name",
    );
    return reader.getRowsJson().map((r) => r[0] as string);
  } catch (err) {
    throw duckError(err, path);
  }
}

/** A JSON value as a DuckDB parameter: objects and arrays as JSON text. */
const duckValue = (v: unknown): DuckDBValue => (v !== null && typeof v === 'object' ? JSON.stringify(v) : (v as DuckDBValue));

function duckBind(values: Record<string, unknown> | unknown[]): Record<string, DuckDBValue> | DuckDBValue[] {
  if (Array.isArray(values)) return values.map(duckValue);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, duckValue(v)]));
}

async function read(options: Options): Promise<void> {
  const path = pathOption(options);
  const binds = bindValues(options);
  if (!existsSync(path)) throw new IoError(`no such file: ${path}`);
  const parquet = isParquet(path);
  const db = await open(parquet ? ':memory:' : path, parquet ? {} : { access_mode: 'READ_ONLY' });
  const conn = db.conn;
  if (parquet) {
    try {
      await conn.run(`CREATE VIEW data AS SELECT * FROM read_parquet(${quoteString(path)})`);
    } catch (err) {
      throw duckError(err, path);
    }
  }
  const needsTables = !options.has('query') && !options.has('table');
  const names = parquet ? ['data'] : needsTables ? await tableNames(conn, path) : [];
  const { sql, origin } = readQuery(options, path, () => names);
  const out = new Output(1, 1 << 16);
  try {
    const result = await conn.stream(sql, binds === undefined ? undefined : duckBind(binds));
    const keys = rowKeys(result.deduplicatedColumnNames());
    // A chunk's vectors do not carry the JSON alias of a column's type: the result's types do.
    const jsonColumns = result.columnTypes().flatMap((t, k) => (t.alias === 'JSON' ? [k] : []));
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const values of chunk.convertRows(toJson)) {
        for (const k of jsonColumns) if (values[k] !== null) values[k] = json(values[k] as string);
        out.write(rowLine(keys, values));
      }
    }
  } catch (err) {
    throw duckError(err, origin);
  } finally {
    out.flush();
  }
}

// Writing.

const SQL_TYPE: Record<Kind, string> = {
  null: 'VARCHAR',
  boolean: 'BOOLEAN',
  integer: 'BIGINT',
  real: 'DOUBLE',
  text: 'VARCHAR',
  json: 'JSON',
  mixed: 'JSON',
  other: '',
};

/** The kind of a column's values from its declared type ('other' for types
 * jn does not create: those are never widened, DuckDB casts into them). */
function kindOfType(type: string): Kind {
  switch (type) {
    case 'BIGINT':
      return 'integer';
    case 'DOUBLE':
      return 'real';
    case 'VARCHAR':
      return 'text';
    case 'BOOLEAN':
      return 'boolean';
    case 'JSON':
      return 'mixed';
    default:
      return 'other';
  }
}

/** Append one value to the current row. Columns jn created have been
 * widened to fit, so the value's kind matches the column's. */
function append(app: DuckDBAppender, kind: Kind, v: unknown): void {
  if (v === null || v === undefined) return app.appendNull();
  if (kind === 'json' || kind === 'mixed' || (typeof v === 'object' && kind === 'other')) return app.appendVarchar(JSON.stringify(v));
  switch (typeof v) {
    case 'boolean':
      return app.appendBoolean(v);
    case 'number':
      return kind === 'integer' || (kind === 'other' && Number.isSafeInteger(v)) ? app.appendBigInt(BigInt(v)) : app.appendDouble(v);
    default:
      return app.appendVarchar(v as string);
  }
}

/** writeTable's view of a DuckDB connection. */
class DuckTarget implements TableTarget {
  private appender: DuckDBAppender | undefined;

  constructor(private readonly conn: DuckDBConnection) {}

  private async run(sql: string): Promise<void> {
    this.closeAppender();
    try {
      await this.conn.run(sql);
    } catch (err) {
      throw duckError(err, 'write');
    }
  }

  private closeAppender(): void {
    const app = this.appender;
    this.appender = undefined;
    app?.closeSync(); // flushes
  }

  begin(): Promise<void> {
    return this.run('BEGIN TRANSACTION');
  }

  commit(): Promise<void> {
    return this.run('COMMIT');
  }

  async rollback(): Promise<void> {
    try {
      this.closeAppender();
    } catch {
      // the rows it still held are discarded with the transaction
    }
    await this.conn.run('ROLLBACK');
  }

  async columns(table: string): Promise<Column[] | undefined> {
    const reader = await this.conn.runAndReadAll(
      'SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = current_schema() AND lower(table_name) = lower($table) ORDER BY column_index',
      { table },
    );
    const rows = reader.getRowsJson() as string[][];
    return rows.length ? rows.map(([name, type]) => ({ name, kind: kindOfType(type) })) : undefined;
  }

  create(table: string, columns: Column[]): Promise<void> {
    return this.run(`CREATE TABLE ${quoteIdent(table)} (${columns.map((c) => `${quoteIdent(c.name)} ${SQL_TYPE[c.kind]}`).join(', ')})`);
  }

  drop(table: string): Promise<void> {
    return this.run(`DROP TABLE ${quoteIdent(table)}`);
  }

  clear(table: string): Promise<void> {
    return this.run(`DELETE FROM ${quoteIdent(table)}`);
  }

  addColumn(table: string, column: Column): Promise<void> {
    return this.run(`ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${quoteIdent(column.name)} ${SQL_TYPE[column.kind]}`);
  }

  async widen(table: string, column: Column, to: Kind): Promise<void> {
    const type = SQL_TYPE[to];
    if (type === SQL_TYPE[column.kind]) return;
    const name = quoteIdent(column.name);
    await this.run(`ALTER TABLE ${quoteIdent(table)} ALTER COLUMN ${name} SET DATA TYPE ${type}${type === 'JSON' ? ` USING to_json(${name})` : ''}`);
  }

  async insert(table: string, columns: Column[], rows: Row[]): Promise<void> {
    this.appender ??= await this.conn.createAppender(table);
    const app = this.appender;
    for (const [record, line] of rows) {
      try {
        for (const c of columns) append(app, c.kind, record[c.name]);
        app.endRow();
      } catch (err) {
        throw duckError(err, 'insert', line);
      }
    }
    try {
      app.flushSync();
    } catch (err) {
      throw duckError(err, `insert (lines ${rows[0][1]}-${rows[rows.length - 1][1]})`);
    }
  }
}

function removeDatabase(path: string): void {
  for (const f of [path, `${path}.wal`]) rmSync(f, { force: true });
}

async function writeDatabase(path: string, options: Options): Promise<void> {
  const settings = writeOptions(options);
  const created = !existsSync(path);
  const db = await open(path);
  try {
    await writeTable(new DuckTarget(db.conn), settings);
  } catch (err) {
    db.close();
    if (created) removeDatabase(path);
    throw err;
  }
  db.close();
}

/** Records -> a temporary DuckDB file -> a temporary Parquet file renamed
 * over path: the old file stays whole until the new one is. */
async function writeParquet(path: string, options: Options): Promise<void> {
  const { batch } = writeOptions(options, 'data');
  const dir = mkdtempSync(join(tmpdir(), 'jn-duckdb-'));
  const partial = `${path}.jn-partial`;
  let db: Db | undefined;
  try {
    db = await open(join(dir, 'spool.duckdb'));
    const written = await writeTable(new DuckTarget(db.conn), { table: 'data', ifExists: 'fail', batch });
    if (written === 0) throw new DataError('no records: a Parquet file needs at least one to have columns');
    try {
      await db.conn.run(`COPY data TO ${quoteString(partial)} (FORMAT parquet)`);
    } catch (err) {
      throw duckError(err, path);
    }
    renameSync(partial, path);
  } finally {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
}

async function write(options: Options): Promise<void> {
  const path = pathOption(options);
  await (isParquet(path) ? writeParquet(path, options) : writeDatabase(path, options));
}

runPlugin(meta, { read: read, write: write });
