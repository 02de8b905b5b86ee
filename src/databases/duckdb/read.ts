// The duckdb plugin's read mode (plugins/duckdb.ts):
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
import {
  arrayFromArrayValue,
  arrayFromListValue,
  bigintFromBigIntValue,
  booleanFromValue,
  createDuckDBValueConverter,
  doubleFromDecimalValue,
  DuckDBBlobValue,
  type DuckDBConnection,
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
import type { Options } from '../../kit/sdk.js';
import { Output } from '../../kit/io.js';
import { bindEach, quoteString, readQuery, readSource, rowKeys, rowLine } from '../sql.js';
import { duckError, isParquet, open } from './open.js';

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

/** read mode: the rows of --query, --table or the .parquet file as NDJSON on stdout. */
export async function readDuckdb(options: Options): Promise<void> {
  const { path, binds } = readSource(options);
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
    const result = await conn.stream(sql, binds === undefined ? undefined : bindEach(binds, duckValue));
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
