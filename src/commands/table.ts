// jn table — NDJSON on stdin as a text table on stdout: the table plugin
// (display role) run as one stage, so a project or user plugin named
// `table` takes its place.
import { loadConfig } from '../sources/config.js';
import { commandFor } from '../sources/discovery.js';
import { findPlugin } from '../sources/registry.js';
import { runPipeline } from '../pipeline/runner.js';
import { EXIT, JnError } from '../kit/exit.js';
import { reportResult } from '../pipeline/result.js';

export interface TableOptions {
  tablefmt?: string;
  maxWidth?: number;
  block?: number;
}

export async function table(opts: TableOptions): Promise<number> {
  const plugin = findPlugin('table');
  if (!plugin) throw new JnError('no table plugin found (see jn plugin list)', EXIT.USAGE);
  const { command, args } = commandFor(plugin.path);
  const fmt = opts.tablefmt ?? loadConfig().get('table.tablefmt');
  const extra = [
    ...(fmt !== undefined ? [`--tablefmt=${fmt}`] : []),
    ...(opts.maxWidth !== undefined ? [`--max-width=${opts.maxWidth}`] : []),
    ...(opts.block !== undefined ? [`--block=${opts.block}`] : []),
  ];
  const result = await runPipeline([{ label: 'table', source: 'stdin', command, args: [...args, '--mode=write', ...extra], failure: 'plugin' }], { stdin: 0, stdout: 1 });
  return reportResult(result);
}
