// Pre-started stage processes for jn shell's previews (docs/performance.md,
// "Pre-started stages"): enableStagePool() once, and refillStagePool() when
// a preview has been drawn. Off for chains typed in a shell (jn cat | jn
// filter): each is its own jn process, with nothing to pre-start for.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../kit/paths.js';
import { setStarter } from '../spawn.js';
import { Pool } from './pool.js';
import { pooledStarter } from './start.js';

let pool: Pool | undefined;

/** From now on, chains started by this process use pre-started processes
 * for the stages they fit (JN_POOL=0: never). The pool is filled after the
 * first chain that could have used it. */
export function enableStagePool(): void {
  if (pool || process.env.JN_POOL === '0') return;
  const dist = join(packageRoot(), 'dist');
  const warm = join(dist, 'warm.js');
  if (!existsSync(warm)) return;
  const p = new Pool(warm, dist);
  pool = p;
  setStarter(pooledStarter(p));
  process.on('exit', () => p.close());
}

/** A preview has been drawn: refill the pool once the shell is idle a
 * moment (pool.ts); otherwise it refills a while after a chain took
 * processes from it. */
export function refillStagePool(): void {
  pool?.refillSoon();
}

/** Stop using the pool and end its idle processes. */
export function disableStagePool(): void {
  setStarter(undefined);
  pool?.close();
  pool = undefined;
}

/** The pids of the idle pre-started processes. */
export function idleStagePids(): number[] {
  return pool?.pids() ?? [];
}
