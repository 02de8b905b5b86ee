// A failure as data: which stage, which source, why, and jn's exit status.
// It is built where the failure happens and formatted once, at the edge: a
// jn command prints it as one line on stderr; a jn command that runs as a
// stage of another jn (the shell's preview, `jn cat` inside `jn join`) is
// started with JN_FAILURE_FORMAT=json and prints it as one JSON line, which
// the runner reads back as it is: nobody re-parses a message.
import { DataError, EXIT, IoError, JnError, UsageError, ioError, isDownstreamClosed, isSystemError } from './exit.js';

export interface Failure {
  /** The command (`cat`, `filter`) or the plugin and its mode (`csv read`). */
  stage: string;
  /** The address or `stdin`/`stdout`, when there is one. */
  source?: string;
  /** What went wrong, with line and column when known; one line. */
  reason: string;
  /** jn's exit status (kit/exit.ts). */
  status: number;
  /** Read from an upstream stage's failure mark (kit/mark.ts): this stage
   * stopped because of it, and the upstream stage has reported it already. */
  upstream?: boolean;
}

/** The environment variable that asks a jn stage for JSON failures. */
export const FAILURE_FORMAT_ENV = 'JN_FAILURE_FORMAT';
const KEY = 'jn-failure';

/** `jn: csv read: data.csv: line 3, column 7: unterminated quoted field` */
export function formatFailure(f: Failure): string {
  return `jn: ${describeFailure(f, true)}`;
}

/** The failure without jn's name, for a screen that already says which
 * stage it is about: `csv read: data.csv: line 3: ...`, or without the
 * stage, `data.csv: line 3: ...`. */
export function describeFailure(f: Failure, withStage: boolean): string {
  return `${withStage ? `${f.stage}: ` : ''}${f.source ? `${f.source}: ` : ''}${f.reason}`;
}

/** The stderr line of a failure, in the format the environment asks for
 * (for a stage that reports a failure and goes on, as jn filter does for
 * a runtime error, as jq does). */
export function failureLine(f: Failure, env: NodeJS.ProcessEnv = process.env): string {
  if (env[FAILURE_FORMAT_ENV] === 'json') return JSON.stringify({ [KEY]: { stage: f.stage, source: f.source, reason: f.reason, status: f.status, upstream: f.upstream } });
  return formatFailure(f);
}

let last: Failure | undefined;

/** Write a failure to stderr (see failureLine); one that came from
 * upstream was printed there, and is only passed on as JSON to a runner
 * that asks (so that it is not mistaken for this stage's own). */
export function printFailure(f: Failure, env: NodeJS.ProcessEnv = process.env): void {
  last = f;
  if (f.upstream && env[FAILURE_FORMAT_ENV] !== 'json') return;
  process.stderr.write(failureLine(f, env) + '\n');
}

/** The failure this process reported last (for the failure mark). */
export function lastFailure(): Failure | undefined {
  return last;
}

/** The failure in a stderr line written with JN_FAILURE_FORMAT=json, if it is one. */
export function parseFailureLine(line: string): Failure | undefined {
  if (!line.startsWith(`{"${KEY}":`)) return undefined;
  try {
    const f = (JSON.parse(line) as Record<string, Failure>)[KEY];
    return typeof f?.stage === 'string' && typeof f.reason === 'string' && typeof f.status === 'number' ? f : undefined;
  } catch {
    return undefined;
  }
}

/** A failure that already knows its stage (a pipeline's, read by a command
 * that consumes its output; an upstream stage's, read from its failure
 * mark): shown as it is. */
export class FailureError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.reason);
  }
}

/** Any error thrown out of a command, as the failure of that command. */
function failureOf(command: string, err: unknown): Failure {
  if (err instanceof FailureError) return err.failure;
  if (err instanceof JnError) return { stage: command, reason: err.message, status: err.exitCode };
  if (err instanceof DataError) return { stage: command, source: 'stdin', reason: err.located(), status: EXIT.DATA };
  if (err instanceof UsageError) return { stage: command, reason: err.message, status: EXIT.USAGE };
  if (err instanceof IoError) return { stage: command, reason: err.message, status: EXIT.IO };
  const e = err as Error;
  if (process.env.JN_DEBUG && e?.stack) process.stderr.write(e.stack + '\n');
  // A system call failed (stdout on a full disk or /dev/full: ENOSPC, EIO).
  if (isSystemError(err)) return { stage: command, reason: ioError(err, err.syscall === 'write' ? 'stdout' : err.syscall!).message, status: EXIT.IO };
  return { stage: command, reason: e?.message ?? String(err), status: EXIT.GENERAL };
}

/** The edge of a jn command: print what err says and return the status. A
 * reader that went away is a normal end. */
export function reportError(command: string, err: unknown): number {
  if (isDownstreamClosed(err)) return EXIT.OK;
  const f = failureOf(command, err);
  printFailure(f);
  return f.status;
}
