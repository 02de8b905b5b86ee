// Record-level errors under --on-error (docs/reliability.md):
//
//   fail    the default: the first bad record ends the stage (status 3);
//   skip    a bad record is left out and counted; the stage goes on, ends
//           normally, and says at the end how many it left out;
//   report  as skip, and each bad record's place and message is written as
//           one NDJSON line to the errors descriptor: jn's stderr, or the
//           file of --errors FILE.
//
// `jn cat` hands the choice to its plugins in the environment (JN_ON_ERROR,
// JN_ERRORS_FD: the fd of the errors stream in the plugin, JN_SOURCE: the
// address), so that any plugin can honour it; jn filter uses it in-process.
import { writeSync } from 'node:fs';
import { DataError, UsageError } from './exit.js';

export type OnError = 'fail' | 'skip' | 'report';
const MODES: readonly OnError[] = ['fail', 'skip', 'report'];

export const ON_ERROR_ENV = 'JN_ON_ERROR';
export const ERRORS_FD_ENV = 'JN_ERRORS_FD';
export const SOURCE_ENV = 'JN_SOURCE';

/** A --on-error value, checked. */
export function onErrorMode(value: string | undefined): OnError {
  if (value === undefined || value === '') return 'fail';
  if (!(MODES as readonly string[]).includes(value)) throw new UsageError(`--on-error: expected fail, skip or report, got ${JSON.stringify(value)}`);
  return value as OnError;
}

export class BadRecords {
  readonly mode: OnError;
  private count = 0;

  constructor(
    private readonly stage: string,
    options: { mode?: OnError; fd?: number; source?: string } = {},
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.mode = options.mode ?? onErrorMode(env[ON_ERROR_ENV]);
    this.fd = options.fd ?? (env[ERRORS_FD_ENV] ? Number(env[ERRORS_FD_ENV]) : 2);
    this.source = options.source ?? env[SOURCE_ENV];
  }

  private readonly fd: number;
  private readonly source: string | undefined;

  /** A bad record: thrown under fail; else counted, and reported with
   * where it is (line and column of the input; for jn filter's runtime
   * errors, the record's number). */
  bad(err: DataError | Error, where: { source?: string; line?: number; column?: number; record?: number } = {}): void {
    if (this.mode === 'fail') throw err;
    this.count++;
    if (this.mode === 'report') {
      const at = err instanceof DataError ? { line: err.line, column: err.column } : {};
      const line = JSON.stringify({ stage: this.stage, source: where.source ?? this.source, ...at, ...where, error: err.message });
      writeSync(this.fd, line + '\n');
    }
  }

  /** How many were left out. */
  get skipped(): number {
    return this.count;
  }

  /** The closing line for stderr, if any record was left out. */
  summary(): string | undefined {
    if (this.count === 0) return undefined;
    return `skipped ${this.count} bad record${this.count === 1 ? '' : 's'} (--on-error=${this.mode})`;
  }
}
