// The processes that read a shell session's source: a single file (or
// database) by its plugin chain directly; URLs, profiles and globs by a
// `jn cat` stage. The preview (preview.ts) puts the session's stages after
// them.
import { join } from 'node:path';
import { expandAddresses, openSource } from '../sources/open.js';
import { readPlan } from '../sources/plans.js';
import { nodeStage } from '../pipeline/node.js';
import type { Stage } from '../pipeline/spawn.js';
import { JnError } from '../kit/exit.js';
import { packageRoot } from '../kit/paths.js';

export const jnBin = (): string => join(packageRoot(), 'dist', 'jn.js');

/** A single file (or database) is read by its plugin chain directly; URLs,
 * profiles and globs by a `jn cat` stage (which also masks a profile's
 * secrets in its messages). */
export function sourceStages(source: string): { stages: Stage[]; stdin: number | 'ignore' } {
  const addrs = expandAddresses([source]);
  if (addrs.length === 1 && !addrs[0].isStdio && addrs[0].protocol === 'file') {
    const plan = readPlan(addrs[0]);
    return { stages: plan.stages, stdin: plan.input === 'file' ? openSource(plan.addr) : 'ignore' };
  }
  if (addrs.some((a) => a.isStdio)) throw new JnError('the shell cannot preview stdin (-): give a file or address');
  return { stages: [{ label: 'cat', source, ...nodeStage(jnBin(), ['cat', source]), kind: 'jn' }], stdin: 'ignore' };
}
