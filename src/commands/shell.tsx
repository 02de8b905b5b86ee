// jn shell [ADDRESS] — the interactive pipeline builder (src/shell). The UI
// is drawn on the terminal, keys come from the terminal, and on exit the
// pipeline is printed to stdout as one command line, so
// `jn shell data.csv > cmd.txt` keeps it.
import { loadConfig } from '../sources/config.js';
import { commandLine } from '../shell/export.js';
import { startingSession } from '../shell/files.js';
import { runApp } from '../shell/ui/run.js';
import { EXIT } from '../kit/exit.js';

export interface ShellOptions {
  load?: string;
  limit?: number;
}

export async function shell(address: string | undefined, opts: ShellOptions, version: string): Promise<number> {
  const initial = startingSession(address, opts.load);
  const limit = opts.limit ?? Number(loadConfig().get('shell.limit') ?? 500);
  const final = await runApp(initial, limit, version);
  process.stdout.write(commandLine(final) + '\n');
  return EXIT.OK;
}
