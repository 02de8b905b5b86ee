// The one exit table of jn (documented in docs/exit-codes.md) and the errors
// that carry a status. Stage processes (plugins, jn's own stage commands) and
// the jn process share it: a plugin exits with PLUGIN_EXIT (the contract any
// plugin, in any language, follows: docs/plugins.md), and the runner maps that
// to jn's status with statusOfPlugin().

/** jn's exit statuses. */
export const EXIT = {
  OK: 0,
  /** Anything not covered below. */
  GENERAL: 1,
  /** Bad command line, unknown format or plugin, bad address. */
  USAGE: 2,
  /** Bad input data (invalid JSON, a CSV row that cannot be read), or a plugin failed. */
  DATA: 3,
  /** I/O: missing or unreadable file, destination not writable, network. */
  IO: 4,
  /** jn filter: runtime error (jq's status). */
  FILTER_RUNTIME: 5,
} as const;

/** What a plugin exits with. A stage whose reader went away exits 0 (or dies
 * of SIGPIPE, or exits 141): that is a normal end, not a failure. */
export const PLUGIN_EXIT = {
  OK: 0,
  /** Bad input data; the message names the line (and column). */
  DATA: 1,
  /** Bad option (an address param the plugin does not know). */
  USAGE: 2,
  /** I/O or network error. */
  IO: 4,
} as const;

/** jn's status for a plugin that exited with code (not 0). */
export function statusOfPlugin(code: number | null): number {
  if (code === PLUGIN_EXIT.USAGE) return EXIT.USAGE;
  if (code === PLUGIN_EXIT.IO) return EXIT.IO;
  return EXIT.DATA;
}

/** An error with a user-facing one-line message and jn's exit status. */
export class JnError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.GENERAL,
  ) {
    super(message);
  }
}

/** Bad input data at a line (and column) of the stage's input. A plugin
 * exits PLUGIN_EXIT.DATA with it; a jn command exits EXIT.DATA. */
export class DataError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }

  /** `line 3, column 7: invalid JSON: ...` */
  located(): string {
    if (this.line === undefined) return this.message;
    return `line ${this.line}${this.column === undefined ? '' : `, column ${this.column}`}: ${this.message}`;
  }
}

/** Bad command line. A plugin exits PLUGIN_EXIT.USAGE. */
export class UsageError extends Error {}

/** I/O or network: a missing file, a refused connection, an HTTP error
 * status. A plugin exits PLUGIN_EXIT.IO. */
export class IoError extends Error {}

/** Turn a Node file-system error into a one-line JnError (exit 4). */
export function ioError(err: unknown, what: string): JnError {
  const e = err as NodeJS.ErrnoException;
  const reason: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
    ELOOP: 'too many levels of symbolic links',
  };
  return new JnError(`${what}: ${(e.code && reason[e.code]) ?? e.message}`, EXIT.IO);
}

/** An error from a system call (an errno code like ENOSPC, and the call). */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  const e = err as NodeJS.ErrnoException;
  return e instanceof Error && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string';
}

/** True for the errors of a reader that went away (a normal end). */
export function isDownstreamClosed(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET';
}
