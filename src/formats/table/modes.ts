// The table plugin's modes (plugins/table.ts), wired to stdin and stdout.
import { TABLE_FORMATS, TableWriter, type TableFormat } from '../../kit/table.js';
import { UsageError, type Options } from '../../kit/sdk.js';
import { Output } from '../../kit/io.js';
import { parseLosslessLine } from '../../kit/lossless.js';
import { readRecords } from '../../kit/records.js';

export function write(options: Options): void {
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
    for (const [value] of readRecords(0, parseLosslessLine)) {
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
