// jn seek range|index — internal (hidden from `jn --help`): the processes
// `jn shell` starts to page a big file. `range` writes a file's header bytes
// and then its bytes from a record boundary on, for the source plugin to
// read (the shell never copies the bytes itself); `index` is the background
// scan that builds the sparse row index; `tee` copies a cached prefix's
// output to its spool (src/shell/prefix/). See src/shell/seek/.
import type { CommandSpec, Invocation } from '../spec.js';
import { EXIT, JnError } from '../kit/exit.js';
import { copyRange } from '../shell/seek/range.js';
import { scanIndex } from '../shell/seek/indexer.js';
import { parseRulesArg } from '../shell/seek/rules.js';
import { teeToSpool } from '../shell/prefix/tee.js';

const file = { name: '<file>', description: 'the source file' };
const rules = { flags: '--rules <json>', description: 'how rows are found (src/shell/seek/rules.ts)' };

export const spec: CommandSpec = {
  name: 'seek',
  description: 'internal: read a file from a byte offset, or index its rows (used by jn shell)',
  hidden: true,
  subcommands: [
    {
      name: 'range',
      description: 'write the header bytes, then the file from a record boundary on',
      arguments: [file],
      options: [
        { flags: '--from <byte>', description: 'a record boundary', kind: 'count' },
        { flags: '--header-bytes <n>', description: 'bytes of the header, written first', kind: 'count' },
        { flags: '--skip-rows <n>', description: 'rows after --from to leave out (needs --rules)', kind: 'count' },
        rules,
      ],
    },
    {
      name: 'index',
      description: 'report the offset of every N-th row, at low priority',
      arguments: [file],
      options: [
        { flags: '--from <byte>', description: 'where the data rows start', kind: 'count' },
        { flags: '--every <n>', description: 'rows per entry', kind: 'count' },
        rules,
        { flags: '--cache <file>', description: 'store the finished index there' },
      ],
    },
    {
      name: 'tee',
      description: 'copy stdin to stdout and to a spool file, then spool on demand (fd 3 in, fd 4 reports)',
      arguments: [file],
      options: [{ flags: '--max-bytes <n>', description: 'bytes the spool may hold', kind: 'count' }],
    },
  ],
};

export function run({ args, opts, subcommand }: Invocation): number {
  const path = args[0] as string;
  const from = (opts.from as number | undefined) ?? 0;
  const rowRules = typeof opts.rules === 'string' ? parseRulesArg(opts.rules) : undefined;
  if (subcommand === 'range') {
    copyRange({ path, from, headerBytes: (opts.headerBytes as number | undefined) ?? 0, skipRows: opts.skipRows as number | undefined, rules: rowRules });
    return EXIT.OK;
  }
  if (subcommand === 'tee') {
    teeToSpool({ file: path, maxBytes: (opts.maxBytes as number | undefined) ?? Number.MAX_SAFE_INTEGER });
    return EXIT.OK;
  }
  if (!rowRules) throw new JnError('--rules is required', EXIT.USAGE);
  if (opts.every === 0) throw new JnError('--every must be at least 1', EXIT.USAGE);
  scanIndex({ path, from, every: (opts.every as number | undefined) ?? 10_000, rules: rowRules, cache: opts.cache as string | undefined });
  return EXIT.OK;
}
