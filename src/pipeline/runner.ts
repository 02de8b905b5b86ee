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
// group, so that kill() can end a stage together with anything it spawned;
// on SIGINT/SIGTERM/SIGHUP the CLI kills every running chain (see
// installSignalHandlers).
import { spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { EXIT, statusOfPlugin } from '../kit/exit.js';
import { FAILURE_FORMAT_ENV, parseFailureLine, type Failure } from '../kit/failure.js';
import { maskSecrets } from '../kit/mask.js';
import { closeQuietly, createPipes } from './pipes.js';

export interface Stage {
  /** Short name used in messages: "csv read", "gz write", "filter". */
  label: string;
  /** The address this stage works on, named in its error messages. */
  source?: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** What runs: a plugin (its exit status is mapped with statusOfPlugin),
   * or a jn sub-command, which keeps its own status and reports its failure
   * as data (kit/failure.ts). Default: plugin. */
  kind?: 'plugin' | 'jn';
  /** Strings never to show (profile secrets, header values): replaced by
   * **** in everything the stage wrote to stderr before anyone sees it. */
  secrets?: string[];
  /** Extra fds handed to this stage as its fds 3, 4, ... (a side channel such
   * as the http plugin's --meta-fd=3); the caller closes its copies. */
  extraFds?: number[];
}

export interface PipelineIO {
  /** fd for the first stage's stdin ('ignore' = /dev/null). */
  stdin: number | 'ignore';
  /** fd for the last stage's stdout, or 'pipe' to read it from handle.stdout. */
  stdout: number | 'pipe';
  /** Close these fds in the parent once the children have them. */
  closeAfterSpawn?: number[];
}

export interface StageResult {
  label: string;
  source?: string;
  pid: number | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Everything the stage wrote to stderr (the last 64 KiB). */
  stderr: string;
  /** Ended normally, or by SIGPIPE/EPIPE because its reader left, or was
   * ended by us after a downstream failure or kill(). */
  ok: boolean;
  /** Milliseconds from the start of the chain to this stage's end. */
  ms: number;
  /** Why it failed, when it did (!ok). */
  failure?: Failure;
}

/** The first real failure of a chain and the index of its stage in
 * PipelineResult.stages. Formatted once, by whoever shows it. */
export interface PipelineFailure extends Failure {
  index: number;
}

export interface PipelineResult {
  stages: StageResult[];
  failure?: PipelineFailure;
  /** Stderr lines of stages that succeeded (warnings), already prefixed. */
  warnings: string[];
  /** True when kill() ended the chain. */
  killed: boolean;
}

export interface RunningPipeline {
  pids: number[];
  /** The last stage's stdout when io.stdout was 'pipe'. */
  stdout?: Readable;
  done: Promise<PipelineResult>;
  /** End every stage (and what it spawned) with the signal. */
  kill(signal?: NodeJS.Signals): void;
}

const STDERR_LIMIT = 64 * 1024;
const running = new Set<RunningPipeline>();

/** Start a chain of stages joined by kernel pipes. */
export function startPipeline(stages: Stage[], io: PipelineIO): RunningPipeline {
  if (stages.length === 0) throw new Error('startPipeline: no stages');
  installSignalHandlers();
  const pipes = createPipes(stages.length - 1);
  let outPipe: { read: number; write: number } | undefined;
  if (io.stdout === 'pipe') outPipe = createPipes(1)[0];

  const started = performance.now();
  const children: ChildProcess[] = [];
  const stderrs: string[] = stages.map(() => '');
  const endedByUs = new Set<number>();
  let killed = false;
  try {
    stages.forEach((stage, i) => {
      const stdin = i === 0 ? io.stdin : pipes[i - 1].read;
      const stdout = i === stages.length - 1 ? (outPipe ? outPipe.write : (io.stdout as number)) : pipes[i].write;
      const child = spawn(stage.command, stage.args, {
        stdio: [stdin, stdout, 'pipe', ...(stage.extraFds ?? [])],
        detached: true,
        env: stage.kind === 'jn' ? { ...(stage.env ?? process.env), [FAILURE_FORMAT_ENV]: 'json' } : (stage.env ?? process.env),
      });
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (s: string) => {
        stderrs[i] = (stderrs[i] + s).slice(-STDERR_LIMIT);
      });
      children.push(child);
    });
  } finally {
    for (const p of pipes) {
      closeQuietly(p.read);
      closeQuietly(p.write);
    }
    if (outPipe) closeQuietly(outPipe.write);
    for (const fd of io.closeAfterSpawn ?? []) closeQuietly(fd);
  }

  const stdout = outPipe ? new Socket({ fd: outPipe.read, readable: true, writable: false }) : undefined;

  const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
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
  };

  const handle: RunningPipeline = {
    pids: children.map((c) => c.pid!).filter((p) => p !== undefined),
    stdout,
    done: undefined as unknown as Promise<PipelineResult>,
    kill(signal: NodeJS.Signals = 'SIGTERM') {
      killed = true;
      children.forEach((c, i) => {
        endedByUs.add(i);
        signalGroup(c, signal);
      });
    },
  };

  const exits = children.map(
    (child, i) =>
      new Promise<StageResult>((resolve) => {
        let spawnError: Error | undefined;
        child.on('error', (err) => {
          spawnError = err;
        });
        child.on('close', (code, signal) => {
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
          if (!r.ok) r.failure = stageFailure(stages[i], r);
          // A failed stage leaves its upstream stages without a reader: end
          // them now rather than waiting for their next write to fail.
          if (!r.ok) {
            for (let j = 0; j < i; j++) {
              endedByUs.add(j);
              signalGroup(children[j], 'SIGTERM');
            }
          }
          resolve(r);
        });
      }),
  );

  handle.done = Promise.all(exits).then((results) => {
    running.delete(handle);
    return summarize(results, killed);
  });
  running.add(handle);
  return handle;
}

function isNormalEnd(r: StageResult): boolean {
  if (r.signal === 'SIGPIPE') return true;
  return r.signal === null && (r.code === 0 || r.code === 141);
}

/** A stderr line of a stage that did not fail (a warning), prefixed with
 * the stage and source unless it comes from a jn stage (already prefixed). */
function warningLine(r: StageResult, line: string): string {
  return line.startsWith('jn: ') ? line : `jn: ${r.label}: ${r.source ? `${r.source}: ` : ''}${line}`;
}

/** Why a stage failed: a jn stage says it as data (kit/failure.ts); for a
 * plugin it is the first line it wrote to stderr, its status mapped through
 * the exit table. */
function stageFailure(stage: Stage, r: StageResult): Failure {
  const lines = r.stderr.split('\n').filter((l) => l.trim());
  if (stage.kind === 'jn') {
    for (const line of lines) {
      const f = parseFailureLine(line);
      if (f) return f;
    }
  }
  const reason = lines[0] ?? (r.signal ? `killed by ${r.signal}` : `exited with status ${r.code}`);
  const status = stage.kind === 'jn' ? (r.code !== null && r.code > 0 ? r.code : EXIT.GENERAL) : statusOfPlugin(r.code);
  return { stage: r.label, source: r.source, reason, status };
}

function summarize(results: StageResult[], killed: boolean): PipelineResult {
  const failedAt = results.findIndex((r) => !r.ok);
  const warnings: string[] = [];
  results.forEach((r, i) => {
    if (i === failedAt) return;
    for (const line of r.stderr.split('\n')) if (line.trim()) warnings.push(warningLine(r, line));
  });
  const failure = failedAt === -1 ? undefined : { index: failedAt, ...results[failedAt].failure! };
  return { stages: results, warnings, killed, failure };
}

/** Run a chain to completion. */
export function runPipeline(stages: Stage[], io: PipelineIO): Promise<PipelineResult> {
  return startPipeline(stages, io).done;
}

/** Kill every chain still running (used on exit and on signals). */
export function killAll(signal: NodeJS.Signals = 'SIGTERM'): void {
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
