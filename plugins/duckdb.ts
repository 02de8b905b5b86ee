// duckdb: DuckDB database files, and Parquet files through DuckDB (role
// 'database': jn passes --path and the plugin opens the file itself). How
// reads and writes work: src/databases/duckdb/read.ts and write.ts.
import { readDuckdb } from '../src/databases/duckdb/read.js';
import { writeDuckdb } from '../src/databases/duckdb/write.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

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

runPlugin(meta, { read: readDuckdb, write: writeDuckdb });
