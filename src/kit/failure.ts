// A failure as data: which stage, which source, why, and jn's exit status.
// It is built where the failure happens and formatted once, at the edge: a
// jn command prints it as one line on stderr; a jn command that runs as a
// stage of another jn (the shell's preview, `jn cat` inside `jn join`) is
// started with JN_FAILURE_FORMAT=json and prints it as one JSON line, which
// the runner reads back as it is: nobody re-parses a message.

export interface Failure {
  /** The command (`cat`, `filter`) or the plugin and its mode (`csv read`). */
  stage: string;
  /** The address or `stdin`/`stdout`, when there is one. */
  source?: string;
  /** What went wrong, with line and column when known; one line. */
  reason: string;
  /** jn's exit status (kit/exit.ts). */
  status: number;
}

/** The environment variable that asks a jn stage for JSON failures. */
export const FAILURE_FORMAT_ENV = 'JN_FAILURE_FORMAT';
const KEY = 'jn-failure';

/** `jn: csv read: data.csv: line 3, column 7: unterminated quoted field` */
export function formatFailure(f: Failure): string {
  return `jn: ${f.stage}: ${f.source ? `${f.source}: ` : ''}${f.reason}`;
}

/** The stderr line of a failure, in the format the environment asks for. */
export function failureLine(f: Failure, env: NodeJS.ProcessEnv = process.env): string {
  if (env[FAILURE_FORMAT_ENV] === 'json') return JSON.stringify({ [KEY]: f });
  return formatFailure(f);
}

/** Write a failure to stderr (see failureLine). */
export function printFailure(f: Failure): void {
  process.stderr.write(failureLine(f) + '\n');
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
