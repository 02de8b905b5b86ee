// jn shell [ADDRESS] — the interactive pipeline builder (Ink). The UI is
// drawn on the terminal (stderr, or /dev/tty), keys come from the terminal,
// and on exit the pipeline is printed to stdout as one command line, so
// `jn shell data.csv > cmd.txt` keeps it.
import { appendFileSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { ReadStream, WriteStream } from 'node:tty';
import { render } from 'ink';
import { loadConfig } from '../sources/config.js';
import { App } from '../shell/ui/App.js';
import { commandLine } from '../shell/export.js';
import { History } from '../shell/history.js';
import { startingSession } from '../shell/files.js';
import type { SessionState } from '../shell/session.js';
import type { PreviewResult } from '../shell/preview.js';
import { EXIT, JnError } from '../kit/exit.js';
import { jnHome } from '../kit/paths.js';

export interface ShellOptions {
  load?: string;
  limit?: number;
}

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

export async function shell(address: string | undefined, opts: ShellOptions, version: string): Promise<number> {
  const initial = startingSession(address, opts.load);
  const limit = opts.limit ?? Number(loadConfig().get('shell.limit') ?? 500);
  const { stdin, stdout } = terminal();
  // The terminal went away (hang-up): nothing left to draw on.
  stdout.on('error', () => process.exit(EXIT.GENERAL));
  let final: SessionState = initial;
  // JN_SHELL_TIMINGS=FILE appends one JSON line per preview (bench/shell.bench.mjs).
  const timings = process.env.JN_SHELL_TIMINGS;
  const onPreview = timings
    ? (r: PreviewResult, sinceEnterMs: number | undefined, rowsShownMs: number | undefined) =>
        appendFileSync(timings, JSON.stringify({ sinceEnterMs, rowsShownMs, runMs: r.ms, rows: r.rows.length, limited: r.limited, error: r.error?.message }) + '\n')
    : undefined;
  const app = render(
    <App initial={initial} limit={limit} version={version} history={new History(join(jnHome(), 'shell_history'))} onExit={(s) => (final = s)} onPreview={onPreview} />,
    { stdin, stdout, exitOnCtrlC: false, patchConsole: false },
  );
  await app.waitUntilExit();
  process.stdout.write(commandLine(final) + '\n');
  return EXIT.OK;
}
