// Ending chains: a stage with anything it spawned (its process group), every
// running chain at once, and jn itself on SIGINT/SIGTERM/SIGHUP.
import type { ChildProcess } from 'node:child_process';
import type { PipelineResult, RunningPipeline } from './types.js';

const running = new Set<RunningPipeline>();

/** Count handle as running until done settles. */
export function track(handle: RunningPipeline, done: Promise<PipelineResult>): Promise<PipelineResult> {
  running.add(handle);
  return done.finally(() => running.delete(handle));
}

/** Send signal to the child's process group (the child and what it spawned). */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* gone */
    }
  }
}

/** Kill every chain still running (used on exit and on signals). */
function killAll(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const p of running) p.kill(signal);
}

let installed = false;
const cleanups = new Set<() => void>();

/** Run fn if jn is interrupted (before it exits with 128+signal). */
export function onInterrupt(fn: () => void): void {
  cleanups.add(fn);
}

/** On SIGINT/SIGTERM/SIGHUP end every running chain, run the onInterrupt
 * clean-ups, and exit with 128+signal; on any exit, kill what is left so no
 * orphan survives. Installed by the first startPipeline(). */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      killAll('SIGTERM');
      for (const fn of cleanups) fn();
      process.exit(128 + numbers[sig]);
    });
  }
  process.on('exit', () => killAll('SIGTERM'));
}
