// Exit statuses of jn (documented in docs/exit-codes.md).
export const EXIT = {
  OK: 0,
  /** Anything not covered below. */
  GENERAL: 1,
  /** Bad command line, unknown format or plugin, bad address. */
  USAGE: 2,
  /** A plugin failed (including bad input data it could not read or write). */
  PLUGIN: 3,
  /** I/O: missing or unreadable file, destination not writable. */
  IO: 4,
  /** jn filter: runtime error (jq's status). */
  FILTER_RUNTIME: 5,
} as const;

/** An error with a user-facing one-line message and an exit status. */
export class JnError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.GENERAL,
  ) {
    super(message);
  }
}

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
  };
  return new JnError(`${what}: ${(e.code && reason[e.code]) ?? e.message}`, EXIT.IO);
}
