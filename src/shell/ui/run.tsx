// Running the jn shell UI: drawn on the terminal (stderr, or /dev/tty),
// keys from the terminal (stdin, or /dev/tty), until the user quits.
import { appendFileSync, openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { render } from 'ink';
import { EXIT, JnError } from '../../kit/exit.js';
import { History } from '../history.js';
import type { SessionState } from '../session.js';
import type { EarlyRun } from '../early.js';
import { App } from './App.js';
import type { OnPreview } from './hooks/usePreviewTimings.js';

function terminal(): { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream } {
  let stdin: NodeJS.ReadStream = process.stdin;
  let stdout: NodeJS.WriteStream = process.stderr;
  try {
    if (!process.stdin.isTTY) stdin = new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
    if (!process.stderr.isTTY) stdout = new WriteStream(openSync('/dev/tty', 'w')) as unknown as NodeJS.WriteStream;
  } catch {
    throw new JnError('jn shell needs a terminal', EXIT.USAGE);
  }
  return { stdin, stdout };
}

/** JN_SHELL_TIMINGS=FILE appends one JSON line per preview (bench/shell.bench.mjs). */
function timingsWriter(): OnPreview | undefined {
  const file = process.env.JN_SHELL_TIMINGS;
  if (!file) return undefined;
  return (r, sinceEnterMs, rowsShownMs) =>
    appendFileSync(file, JSON.stringify({ sinceEnterMs, rowsShownMs, runMs: r.ms, rows: r.rows.length, limited: r.limited, error: r.error?.message }) + '\n');
}

/** Run the UI on `initial`; resolves with the session as the user left it. */
export async function runApp(initial: SessionState, limit: number, version: string, early?: EarlyRun): Promise<SessionState> {
  const { stdin, stdout } = terminal();
  // The terminal went away (hang-up): nothing left to draw on.
  stdout.on('error', () => process.exit(EXIT.GENERAL));
  let final: SessionState = initial;
  const app = render(<App initial={initial} limit={limit} version={version} history={new History()} onExit={(s) => (final = s)} onPreview={timingsWriter()} early={early} />, {
    stdin,
    stdout,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await app.waitUntilExit();
  return final;
}
