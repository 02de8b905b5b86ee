// The processes that read a shell session's source: a single file (or
// database) by its plugin chain directly; URLs, profiles and globs by a
// `jn cat` stage. The preview (preview.ts) puts the session's stages after
// them. Stdin (`-`, `-~csv`) is read through its plugin chain from the
// spool (spool.ts, spool-reader.ts). A command (`sh:ls -l`, sh-source.ts)
// is read by a `jn sh` stage.
import { join } from 'node:path';
import { expandAddresses, openSource } from '../sources/open.js';
import { readPlan } from '../sources/plans.js';
import { nodeStage } from '../pipeline/node.js';
import type { Stage } from '../pipeline/spawn.js';
import { packageRoot } from '../kit/paths.js';
import { spoolStdin } from './spool.js';
import { readSpool } from './spool-reader.js';
import { shSourceArgv } from './sh-source.js';

export const jnBin = (): string => join(packageRoot(), 'dist', 'jn.js');

export interface SourceStages {
  stages: Stage[];
  stdin: number | 'ignore';
  /** To call once the chain has ended (stops feeding it from the spool). */
  release?: () => void;
}

/** A single file (or database) is read by its plugin chain directly; stdin
 * by its plugin chain from the spool; URLs, profiles and globs by a `jn cat`
 * stage (which also masks a profile's secrets in its messages); a command
 * by a `jn sh` stage (its stdin: none). */
export function sourceStages(source: string): SourceStages {
  const sh = shSourceArgv(source);
  if (sh) return { stages: [{ label: 'sh', source: sh.slice(1).join(' '), ...nodeStage(jnBin(), sh), kind: 'jn' }], stdin: 'ignore' };
  const addrs = expandAddresses([source]);
  if (addrs.length === 1 && addrs[0].protocol === 'file') {
    const plan = readPlan(addrs[0]);
    if (plan.input === 'stdin') {
      const { fd, release } = readSpool(spoolStdin());
      return { stages: plan.stages, stdin: fd, release };
    }
    return { stages: plan.stages, stdin: plan.input === 'file' ? openSource(plan.addr) : 'ignore' };
  }
  return { stages: [{ label: 'cat', source, ...nodeStage(jnBin(), ['cat', source]), kind: 'jn' }], stdin: 'ignore' };
}
