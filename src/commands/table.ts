// jn table — NDJSON on stdin as a text table on stdout, in the styles of
// Python's tabulate (the original JN's `jn table`): the table plugin's write
// mode run as one stage, so a project or user plugin named `table` takes its
// place. It reads all its input before printing (column widths need every
// cell).
import { loadConfig } from '../sources/config.js';
import { commandFor } from '../sources/discovery.js';
import { findPlugin } from '../sources/registry.js';
import { runPipeline } from '../pipeline/spawn.js';
import { EXIT, JnError } from '../kit/exit.js';
import { reportResult } from '../pipeline/result.js';
import { STYLE_NAMES } from '../formats/table/styles.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'table',
  description: 'Print NDJSON from stdin as a text table (reads all its input first).',
  options: [
    { flags: '--tablefmt <fmt>', description: `table style (default grid, or table.tablefmt in .jnrc): ${STYLE_NAMES.join(', ')}` },
    { flags: '--maxcolwidths <n>', description: 'wrap text wider than N inside its cell (N,M,... per column; numbers are not wrapped)' },
    { flags: '--floatfmt <spec>', description: "numbers in columns with non-integers: g (tabulate's 6 significant digits), f, e, with a precision (.2f); default as written" },
    { flags: '--showindex', description: 'a first column with the row number, from 0' },
    { flags: '--numalign <align>', description: 'numbers: decimal (default: on the decimal point), right, left, center' },
    { flags: '--stralign <align>', description: 'text: left (default), right, center' },
    { flags: '--max-width <n>', description: 'cut text cells and headers wider than N columns with …', kind: 'count' },
  ],
  stage: true,
};

export function run({ opts }: Invocation): Promise<number> {
  return table(opts as TableOptions);
}

interface TableOptions {
  tablefmt?: string;
  maxcolwidths?: string;
  floatfmt?: string;
  showindex?: boolean;
  numalign?: string;
  stralign?: string;
  maxWidth?: number;
}

async function table(opts: TableOptions): Promise<number> {
  const plugin = findPlugin('table');
  if (!plugin) throw new JnError('no table plugin found (see jn plugin list)', EXIT.USAGE);
  const { command, args } = commandFor(plugin.path);
  const fmt = opts.tablefmt ?? loadConfig().get('table.tablefmt');
  const extra = [
    ...(fmt !== undefined ? [`--tablefmt=${fmt}`] : []),
    ...(opts.maxcolwidths !== undefined ? [`--maxcolwidths=${opts.maxcolwidths}`] : []),
    ...(opts.floatfmt !== undefined ? [`--floatfmt=${opts.floatfmt}`] : []),
    ...(opts.showindex ? ['--showindex'] : []),
    ...(opts.numalign !== undefined ? [`--numalign=${opts.numalign}`] : []),
    ...(opts.stralign !== undefined ? [`--stralign=${opts.stralign}`] : []),
    ...(opts.maxWidth !== undefined ? [`--max-width=${opts.maxWidth}`] : []),
  ];
  const result = await runPipeline([{ label: 'table', source: 'stdin', command, args: [...args, '--mode=write', ...extra], kind: 'plugin' }], { stdin: 0, stdout: 1 });
  return reportResult(result);
}
