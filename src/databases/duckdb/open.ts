// Opening a DuckDB database (or an in-memory one for a .parquet file) for
// the duckdb plugin (plugins/duckdb.ts), and its errors as the plugin reports
// them.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DataError, IoError } from '../../kit/sdk.js';
import { joinLines } from '../../kit/text.js';

export const isParquet = (path: string): boolean => /\.parquet$/i.test(path);

/** A driver error as the plugin reports it: I/O (exit 4) or a DataError
 * (exit 1) saying where it came from. */
export function duckError(err: unknown, where: string, line?: number): unknown {
  if (err instanceof DataError || err instanceof IoError || !(err instanceof Error)) return err;
  const message = joinLines(err.message.replace(/\n\s*LINE \d+:[^]*$/, '')); // without the caret picture
  return /^IO Error/.test(message) ? new IoError(`${where}: ${message}`) : new DataError(`${where}: ${message}`, line);
}

/** An open database and its one connection. */
export interface Db {
  conn: DuckDBConnection;
  close(): void;
}

/** Opening a file of another format (a SQLite file, say) would otherwise
 * make DuckDB download the extension that reads it: a data tool should not
 * go to the network behind the user's back. */
const SETTINGS = { autoinstall_known_extensions: 'false' };

export async function open(path: string, options: Record<string, string> = {}): Promise<Db> {
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
