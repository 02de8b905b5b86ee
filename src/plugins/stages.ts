// Turning an address into pipeline stages (plugin processes with arguments).
import type { Address } from '../address/parse.js';
import { paramsToArgs } from '../address/parse.js';
import { loadConfig, pluginEnv } from '../config/config.js';
import type { Stage } from '../pipeline/runner.js';
import { commandFor } from './discovery.js';
import { resolveChain, type ChainStep } from './registry.js';

function stageFor(step: ChainStep, addr: Address, isFormat: boolean, env: NodeJS.ProcessEnv): Stage {
  const { command, args } = commandFor(step.plugin.path);
  const extra: string[] = [];
  if (isFormat) {
    extra.push(...paramsToArgs(addr.params));
    const tablefmt = loadConfig().get('table.tablefmt');
    if (step.plugin.name === 'table' && tablefmt !== undefined && !addr.params.some(([k]) => k === 'tablefmt')) {
      extra.push(`--tablefmt=${tablefmt}`);
    }
  }
  return {
    label: `${step.plugin.name} ${step.mode}`,
    source: addr.isStdio ? (step.mode === 'read' ? 'stdin' : 'stdout') : addr.raw,
    command,
    args: [...args, `--mode=${step.mode}`, ...extra],
    env,
    failure: 'plugin',
  };
}

/** Stages that turn the bytes of addr into NDJSON, or NDJSON into its bytes. */
export function addressStages(addr: Address, direction: 'read' | 'write'): { stages: Stage[]; steps: ChainStep[] } {
  const steps = resolveChain(addr, direction);
  const env = pluginEnv();
  const stages = steps.map((s) => stageFor(s, addr, s.plugin.meta.role !== 'compression', env));
  return { stages, steps };
}
