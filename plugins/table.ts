// table: NDJSON -> a text table for people (display role, write mode only;
// used through the format override `~table`). Streams in blocks of --block
// records; see src/kit/table.ts for how blocks join up.
import { TABLE_FORMATS, TableWriter, type TableFormat } from '../src/kit/table.js';
import { runPlugin, UsageError, type Options, type PluginMeta } from '../src/kit/sdk.js';
import { Output } from '../src/kit/io.js';
import { readRecords } from '../src/kit/records.js';

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

function write(options: Options): void {
  const fmt = options.str('tablefmt', 'simple');
  if (!(TABLE_FORMATS as readonly string[]).includes(fmt))
    throw new UsageError(`--tablefmt: expected one of ${TABLE_FORMATS.join(', ')}, got ${JSON.stringify(fmt)}`);
  const block = options.int('block', 1000);
  if (block < 1) throw new UsageError('--block: expected at least 1');
  let maxWidth: number | undefined;
  if (options.has('max-width')) {
    maxWidth = options.int('max-width', 0);
    if (maxWidth < 1) throw new UsageError('--max-width: expected at least 1');
  }
  const out = new Output(1, 1 << 16);
  const writer = new TableWriter(fmt as TableFormat, (text) => out.write(text), maxWidth);
  let records: unknown[] = [];
  try {
    for (const [value] of readRecords(0)) {
      records.push(value);
      if (records.length >= block) {
        writer.writeBlock(records);
        records = [];
        out.flush();
      }
    }
    writer.writeBlock(records);
    records = [];
  } finally {
    if (records.length) writer.writeBlock(records); // show what came before a bad line
    out.flush();
  }
}

runPlugin(meta, { write });
