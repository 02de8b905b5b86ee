// The one place that spawns process chains.
//
// Each stage is its own OS process; stage i's stdout and stage i+1's stdin are
// the two ends of one kernel pipe (see pipes.ts). The parent hands every fd
// straight to the children and closes its own copies at once: it keeps no pipe
// end it does not use and copies no bytes between stages. It only reads each
// stage's stderr (to report errors by stage) and, when asked, the last stage's
// stdout (the shell's preview).
//
// Every child is started detached, i.e. as the leader of its own process
// group, so that kill() can end a stage together with anything it spawned
// (terminate.ts); on SIGINT/SIGTERM/SIGHUP the CLI kills every running chain.
import { spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { FAILURE_FORMAT_ENV } from '../kit/failure.js';
import { maskSecrets } from '../kit/mask.js';
import { stageEnv } from './node.js';
import { closeQuietly, createPipes } from './pipes.js';
import { isNormalEnd, reportedFailure, stageFailure, summarize } from './result.js';
import { installSignalHandlers, signalGroup, track } from './terminate.js';
import type { PipelineIO, PipelineResult, RunningPipeline, Stage, StageResult, Started } from './types.js';

export type { PipelineIO, PipelineResult, RunningPipeline, Stage, StageResult } from './types.js';

const STDERR_LIMIT = 64 * 1024;

/** How long stages upstream of a finished last stage may take to end on
 * their own (their output has no reader any more) before they are ended. */
const ORPHAN_GRACE_MS = 250;

/** The environment a stage runs with (node.ts's stageEnv; a jn stage
 * reports its failure as data, kit/failure.ts). */
export function envOf(stage: Stage): NodeJS.ProcessEnv {
  const env = stageEnv(stage.env ?? process.env, stage.tls ?? stage.kind !== 'jn');
  return stage.kind === 'jn' ? { ...env, [FAILURE_FORMAT_ENV]: 'json' } : env;
}

/** Start one stage on the given fds, as the leader of its own process group. */
export function startCold(stage: Stage, stdin: number | 'ignore', stdout: number): ChildProcess {
  return spawn(stage.command, stage.args, {
    stdio: [stdin, stdout, 'pipe', ...(stage.extraFds ?? [])],
    detached: true,
    cwd: stage.cwd,
    env: envOf(stage),
  });
}

/** Spawn every stage on its pipes; the parent's copies of the fds are
 * closed whatever happens. */
function spawnStages(stages: Stage[], io: PipelineIO): Started {
  const pipes = createPipes(stages.length - 1);
  const outPipe = io.stdout === 'pipe' ? createPipes(1)[0] : undefined;
  const children: ChildProcess[] = [];
  try {
    stages.forEach((stage, i) => {
      const stdin = i === 0 ? io.stdin : pipes[i - 1].read;
      const stdout = i === stages.length - 1 ? (outPipe ? outPipe.write : (io.stdout as number)) : pipes[i].write;
      children.push(startCold(stage, stdin, stdout));
    });
  } finally {
    for (const p of pipes) {
      closeQuietly(p.read);
      closeQuietly(p.write);
    }
    if (outPipe) closeQuietly(outPipe.write);
    for (const fd of io.closeAfterSpawn ?? []) closeQuietly(fd);
  }
  return { children, outRead: outPipe?.read };
}

/** Another way to start a chain's processes (pool/: pre-started ones), or
 * undefined to start them all here. */
export type Starter = (stages: Stage[], io: PipelineIO) => Started | undefined;
let starter: Starter | undefined;

/** Install (or remove) the other way to start chains. */
export function setStarter(s: Starter | undefined): void {
  starter = s;
}

/** Start a chain of stages joined by kernel pipes. */
export function startPipeline(stages: Stage[], io: PipelineIO): RunningPipeline {
  if (stages.length === 0) throw new Error('startPipeline: no stages');
  installSignalHandlers();
  const started = performance.now();
  const { children, outRead } = starter?.(stages, io) ?? spawnStages(stages, io);
  const stderrs: string[] = stages.map(() => '');
  children.forEach((child, i) => {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      stderrs[i] = (stderrs[i] + s).slice(-STDERR_LIMIT);
    });
  });
  const endedByUs = new Set<number>();
  let killed = false;

  const handle: RunningPipeline = {
    pids: children.map((c) => c.pid!).filter((p) => p !== undefined),
    stdout: outRead === undefined ? undefined : new Socket({ fd: outRead, readable: true, writable: false }),
    done: undefined as unknown as Promise<PipelineResult>,
    kill(signal: NodeJS.Signals = 'SIGTERM') {
      killed = true;
      children.forEach((c, i) => {
        endedByUs.add(i);
        signalGroup(c, signal);
      });
    },
    stderrSoFar: () => stderrs.map((s, i) => maskSecrets(s, stages[i].secrets)),
  };

  // Once the last stage has exited, what the others write can reach no one.
  // A stage that is writing learns it at once (EPIPE); one that is not (a
  // plugin waiting on a slow source, a hung one) would only learn on its
  // next write: end it after a short grace, so that `… | head` returns.
  let orphanTimer: NodeJS.Timeout | undefined;
  const running = new Set(children.map((_, i) => i));
  const endOrphans = () => {
    if (running.size === 0) return;
    orphanTimer = setTimeout(() => {
      for (const j of running) {
        endedByUs.add(j);
        signalGroup(children[j], 'SIGTERM');
      }
    }, ORPHAN_GRACE_MS);
    orphanTimer.unref();
  };

  const exit = (child: ChildProcess, i: number) =>
    new Promise<StageResult>((resolve) => {
      let spawnError: Error | undefined;
      child.on('error', (err) => {
        spawnError = err;
      });
      child.on('close', (code, signal) => {
        running.delete(i);
        if (running.size === 0 && orphanTimer) clearTimeout(orphanTimer);
        if (spawnError) stderrs[i] += `cannot run ${stages[i].command}: ${spawnError.message}\n`;
        const r: StageResult = {
          label: stages[i].label,
          source: stages[i].source,
          pid: child.pid,
          code: spawnError ? 127 : code,
          signal,
          stderr: maskSecrets(stderrs[i], stages[i].secrets),
          ok: false,
          ms: performance.now() - started,
        };
        // Ended by the signal we sent (a jn child exits 128+signal).
        const byOurSignal = endedByUs.has(i) && (r.signal !== null || r.code === 143 || r.code === 130);
        r.ok = isNormalEnd(r) || byOurSignal || killed;
        // A jn stage that reported a failure and went on (jn filter's runtime
        // errors) failed, even if it was ended later by us (a preview's limit).
        const reported = r.ok && stages[i].kind === 'jn' ? reportedFailure(r.stderr) : undefined;
        if (reported) r.ok = false;
        if (i === children.length - 1) endOrphans();
        if (!r.ok) {
          r.failure = reported ?? stageFailure(stages[i], r);
          // A failed stage leaves its upstream stages without a reader: end
          // them now rather than waiting for their next write to fail.
          for (let j = 0; j < i; j++) {
            endedByUs.add(j);
            signalGroup(children[j], 'SIGTERM');
          }
        }
        resolve(r);
      });
    });

  handle.done = track(handle, Promise.all(children.map(exit)).then((results) => summarize(results, killed)));
  return handle;
}

/** Run a chain to completion. */
export function runPipeline(stages: Stage[], io: PipelineIO): Promise<PipelineResult> {
  return startPipeline(stages, io).done;
}
