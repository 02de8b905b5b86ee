// A command as the source of a `jn shell` session: `sh:ls -l` runs
// `jn sh ls -l` (an argv: the words are split with sh quoting rules, as a
// stage entry is, never given to a shell) and the session's stages read its
// records. It is exported as `jn sh ls -l | jn ...`, and a pipeline that
// starts with `jn sh` loads back as this source.
//
// Pure: no processes, no terminal.
import { EXIT, JnError } from '../kit/exit.js';
import { splitWords } from './stage.js';

const PREFIX = 'sh:';

/** True when a session's source is a command (`sh:COMMAND ARGS...`). A
 * file whose name starts with `sh:` is `./sh:name`. */
export function isShSource(source: string): boolean {
  return source.startsWith(PREFIX);
}

/** The argv after `jn` that reads an `sh:` source (`['sh', 'ls', '-l']`),
 * or undefined for any other source. Throws a usage error with a one-line
 * message for an empty command or an unterminated quote. */
export function shSourceArgv(source: string): string[] | undefined {
  if (!isShSource(source)) return undefined;
  let words: string[];
  try {
    words = splitWords(source.slice(PREFIX.length));
  } catch (err) {
    throw new JnError(`${source}: ${(err as Error).message}`, EXIT.USAGE);
  }
  if (words.length === 0) throw new JnError(`${source}: name a command to run (sh:ls -l)`, EXIT.USAGE);
  return ['sh', ...words];
}

/** The `sh:` source of `jn sh WORDS...`, each word written so that it
 * splits back to itself (`quote` is sh quoting). */
export function shSourceOf(words: readonly string[], quote: (word: string) => string): string {
  return PREFIX + words.map(quote).join(' ');
}
