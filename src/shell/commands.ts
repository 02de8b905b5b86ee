// The colon commands typed in the `jn shell` editor (`:export FILE`,
// `:limit N`, ...), read into a description of what to do. Pure: the UI
// does it (and files.ts does the file I/O). A file name that starts with
// `~/` is in the home directory, as in a shell.
import { expandHome } from '../kit/paths.js';

type ColonCommand =
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'export'; file: string; force?: boolean }
  | { kind: 'save'; file: string }
  | { kind: 'load'; file: string }
  | { kind: 'source'; address: string }
  | { kind: 'limit'; limit: number }
  | { kind: 'goto'; row: number }
  | { kind: 'goto'; percent: number }
  | { kind: 'run' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'error'; message: string };

/** Read an editor entry that starts with `:` (already trimmed). A command
 * that cannot be done (unknown, or missing its argument) is an `error` with
 * the message to show. */
export function parseColonCommand(text: string): ColonCommand {
  const body = text.slice(1).trim();
  const [cmd, first] = body.split(/\s+/);
  const arg = body.slice(cmd.length).trim();
  const error = (message: string): ColonCommand => ({ kind: 'error', message });
  switch (cmd) {
    case 'q':
    case 'quit':
      return { kind: 'quit' };
    case 'help':
    case 'h':
      return { kind: 'help' };
    case 'export':
    case 'w':
    case 'export!':
    case 'w!': {
      if (!arg) return error(':export needs a file name');
      return cmd.endsWith('!') ? { kind: 'export', file: expandHome(arg), force: true } : { kind: 'export', file: expandHome(arg) };
    }
    case 'save':
      return arg ? { kind: 'save', file: expandHome(arg) } : error(':save needs a file name');
    case 'load':
      return arg ? { kind: 'load', file: expandHome(arg) } : error(':load needs a file name');
    case 'source':
      return arg ? { kind: 'source', address: arg } : error(':source needs an address');
    case 'limit': {
      const n = Number(first);
      return Number.isInteger(n) && n >= 1 ? { kind: 'limit', limit: n } : error(':limit needs a positive number');
    }
    case 'goto':
    case 'g':
      return gotoCommand(arg) ?? error(':goto needs a row number or a percentage (:goto 1000000, :goto 50%)');
    case 'run':
      return { kind: 'run' };
    case 'undo':
      return { kind: 'undo' };
    case 'redo':
      return { kind: 'redo' };
    default:
      return error(`unknown command :${cmd} (try :help)`);
  }
}

/** `:goto 1000000` (a row, 1-based; `1,000,000` and `1_000_000` too) or
 * `:goto 50%`. */
function gotoCommand(arg: string): ColonCommand | undefined {
  const m = /^(\d[\d,_]*)(%?)$/.exec(arg.trim());
  if (!m) return undefined;
  const n = Number(m[1].replace(/[,_]/g, ''));
  if (!Number.isSafeInteger(n)) return undefined;
  if (m[2]) return n <= 100 ? { kind: 'goto', percent: n } : undefined;
  return n >= 1 ? { kind: 'goto', row: n } : undefined;
}


/** What the status line says once a file command has been done. */
export function doneMessage(cmd: Extract<ColonCommand, { kind: 'export' | 'save' | 'load' }>): string {
  switch (cmd.kind) {
    case 'export':
      return `exported to ${cmd.file} (run: sh ${cmd.file} [SOURCE])`;
    case 'save':
      return `saved session to ${cmd.file}`;
    case 'load':
      return `loaded ${cmd.file}`;
  }
}
