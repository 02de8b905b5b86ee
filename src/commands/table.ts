// jn table — NDJSON on stdin as a text table on stdout: the table plugin
// (display role) run as one stage, so a project or user plugin named
// `table` takes its place.
import { loadConfig } from '../sources/config.js';
import { commandFor } from '../sources/discovery.js';
import { findPlugin } from '../sources/registry.js';
import { runPipeline } from '../pipeline/spawn.js';
import { EXIT, JnError } from '../kit/exit.js';
import { reportResult } from '../pipeline/result.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'table',
  description: 'Print NDJSON from stdin as a text table (streams in blocks).',
  options: [
    { flags: '--tablefmt <fmt>', description: 'grid | github | simple | plain (default simple, or table.tablefmt in .jnrc)' },
    { flags: '--max-width <n>', description: 'truncate cells wider than N columns with …', kind: 'count' },
    { flags: '--block <n>', description: 'records laid out together (default 1000)', kind: 'count' },
  ],
  stage: true,
};

export function run({ opts }: Invocation): Promise<number> {
  return table(opts as TableOptions);
}

interface TableOptions {
  tablefmt?: string;
  maxWidth?: number;
  block?: number;
}

async function table(opts: TableOptions): Promise<number> {
  const plugin = findPlugin('table');
  if (!plugin) throw new JnError('no table plugin found (see jn plugin list)', EXIT.USAGE);
  const { command, args } = commandFor(plugin.path);
  const fmt = opts.tablefmt ?? loadConfig().get('table.tablefmt');
  const extra = [
    ...(fmt !== undefined ? [`--tablefmt=${fmt}`] : []),
    ...(opts.maxWidth !== undefined ? [`--max-width=${opts.maxWidth}`] : []),
    ...(opts.block !== undefined ? [`--block=${opts.block}`] : []),
  ];
  const result = await runPipeline([{ label: 'table', source: 'stdin', command, args: [...args, '--mode=write', ...extra], kind: 'plugin' }], { stdin: 0, stdout: 1 });
  return reportResult(result);
}
