// jn shell [ADDRESS] — the interactive pipeline builder (src/shell). The UI
// is drawn on the terminal, keys come from the terminal, and on exit the
// pipeline is printed to stdout as one command line, so
// `jn shell data.csv > cmd.txt` keeps it. Data piped in (`cat x | jn shell`,
// `jn shell -~csv < x.csv`) is the source when no other is given; the keys
// then come from /dev/tty.
import { isatty, WriteStream } from 'node:tty';
import type { CommandSpec, Invocation } from '../spec.js';
import { loadConfig } from '../sources/config.js';
import { commandLine } from '../shell/export.js';
import { startingSession } from '../shell/files.js';
import { isStdinSource, spoolStdin } from '../shell/spool.js';
import { parseAddress } from '../sources/address.js';
import { EXIT, JnError } from '../kit/exit.js';
import { enableStagePool } from '../pipeline/pool/index.js';
import { earlyRows, startEarly } from '../shell/early.js';

export const spec: CommandSpec = {
  name: 'shell',
  description: 'Build a pipeline interactively over real data, with a live preview; prints the pipeline on exit.',
  arguments: [{ name: '[address...]', description: 'the source to open (any address; - or -~FORMAT for stdin, the default when data is piped in)' }],
  options: [
    { flags: '--load <file>', description: 're-open a script exported with :export, or a session saved with :save' },
    { flags: '--limit <n>', description: 'rows in the preview (default 500, or shell.limit in .jnrc)', kind: 'count' },
  ],
  // so that `-~csv` (stdin as CSV) is an address, not an option
  allowUnknownOption: true,
  helpAfter: 'Keys: see docs/shell.md, or type :help in the shell.',
};

export function run({ args, opts, version }: Invocation): Promise<number> {
  const addresses = args[0] as string[];
  // an unknown option reaches us as an address: `unknown option --x`
  for (const a of addresses) if (a.startsWith('-')) parseAddress(a);
  if (addresses.length > 1) throw new JnError(`jn shell opens one source, got ${addresses.length}: ${addresses.join(' ')}`, EXIT.USAGE);
  return shell(addresses[0], opts as ShellOptions, version);
}

/** Ink's colours are chalk's, and chalk decides them once, when it is
 * loaded, from stdout (fd 1). The UI draws on the terminal (stderr or
 * /dev/tty), so with stdout redirected (`jn shell x.csv > cmd.txt`, the
 * documented use) they must follow the terminal's colour depth instead:
 * FORCE_COLOR is set while the UI's modules load, and removed after, so that
 * no stage the shell runs inherits it. NO_COLOR and FORCE_COLOR set by the
 * user are left as they are. */
async function withTerminalColors<T>(load: () => Promise<T>): Promise<T> {
  if (isatty(1) || 'FORCE_COLOR' in process.env || 'NO_COLOR' in process.env) return load();
  const depth = WriteStream.prototype.getColorDepth.call(null, process.env);
  process.env.FORCE_COLOR = String(depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0);
  try {
    return await load();
  } finally {
    delete process.env.FORCE_COLOR;
  }
}

/** How long the UI waits for the first preview's rows before its first
 * frame (a slow source: the UI shows, and its rows come when they do). */
const FIRST_ROWS_WAIT_MS = 250;

interface ShellOptions {
  load?: string;
  limit?: number;
}

async function shell(address: string | undefined, opts: ShellOptions, version: string): Promise<number> {
  const piped = !isatty(0);
  const initial = startingSession(address ?? (piped && !opts.load ? '-' : undefined), opts.load);
  // Stdin is read into the spool from the start (and refused at once when
  // it is the terminal).
  if (isStdinSource(initial.source)) spoolStdin();
  const limit = opts.limit ?? Number(loadConfig().get('shell.limit') ?? 500);
  // previews start their stages in pre-started processes (JN_POOL=0: not)
  enableStagePool();
  // The first preview starts now, while the UI loads (shell/early.ts).
  const early = startEarly(initial, limit);
  // Ink and React are loaded only now: `jn --help` loads every command's
  // module for its list, and should not pay for the UI.
  let final;
  try {
    const { runApp } = await withTerminalColors(() => import('../shell/ui/run.js'));
    await earlyRows(early, FIRST_ROWS_WAIT_MS);
    final = await runApp(initial, limit, version, early);
  } catch (err) {
    early.handle.cancel();
    throw err;
  }
  process.stdout.write(commandLine(final) + '\n');
  return EXIT.OK;
}
