// table: NDJSON -> a text table for people (display role, write mode only;
// used through the format override `~table`). Streams in blocks of --block
// records; see src/kit/table.ts for how blocks join up.
import { write } from '../src/formats/table/modes.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'table',
  version: '0.1.0',
  description:
    'NDJSON -> text table. Streams in blocks of --block records: each block is laid out on its own; columns are the union of keys seen so far (order of first appearance) and widths only grow; a block that fits the table above continues it, otherwise a blank line and a new table with its header follow',
  matches: [],
  role: 'display',
  modes: ['write'],
  options: [
    { name: 'tablefmt', description: 'grid | github | simple | plain (default simple)' },
    { name: 'max-width', description: 'truncate cells (and headers) wider than N display columns, ending them with …' },
    { name: 'block', description: 'records laid out together (default 1000); each block is printed as soon as it is full' },
  ],
};

runPlugin(meta, { write });
