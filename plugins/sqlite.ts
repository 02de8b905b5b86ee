// sqlite: SQLite database files (role 'database': jn passes --path and the
// plugin opens the file itself; stdin is not the file). How reads and writes
// work: src/databases/sqlite/sqlite.ts.
import { readSqlite, writeSqlite } from '../src/databases/sqlite/sqlite.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'sqlite',
  version: '0.1.0',
  description: 'SQLite databases: read a table or a query (streamed), write records into a table (one transaction)',
  matches: ['\\.sqlite3?$', '\\.db$'],
  role: 'database',
  modes: ['read', 'write'],
  options: [
    { name: 'path', description: 'the database file (given by jn)' },
    { name: 'table', description: 'read: the table to read; write: the table to create or append to' },
    { name: 'query', description: 'read: an SQL query (parameters :name, @name or $name)' },
    { name: 'bind', description: 'read: JSON object of named query parameters (or an array of positional ones)' },
    { name: 'if-exists', description: 'write: append (default), replace or fail when the table exists' },
    { name: 'batch', description: 'write: records per insert batch; the first batch decides the column types (default 1000)' },
  ],
};

runPlugin(meta, { read: readSqlite, write: writeSqlite });
