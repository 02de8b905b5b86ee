// What an editor of filter programs needs to know about the language,
// without running anything: the builtin names (natives and the prelude's
// definitions), and the first syntax error of a program with its offset.
import { natives } from './builtins/index.js';
import { SyntaxError } from './lexer.js';
import { parse, parseDefs } from './parser.js';
import { PRELUDE } from './prelude.js';

let names: readonly string[] | undefined;

/** Every builtin function name, once each, sorted. */
export function builtinNames(): readonly string[] {
  if (!names) {
    const all = new Set<string>();
    for (const key of natives.keys()) all.add(key.slice(0, key.lastIndexOf('/')));
    for (const d of parseDefs(PRELUDE)) all.add(d.name);
    names = Object.freeze([...all].filter((n) => !n.startsWith('_')).sort());
  }
  return names;
}

/** The first syntax error of `program` (its message and UTF-16 offset), or
 * undefined when it parses. Names are not resolved: an unknown function is
 * for the run to report. */
export function syntaxErrorOf(program: string): { message: string; pos: number } | undefined {
  try {
    parse(program);
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxError) return { message: e.message, pos: Math.max(0, Math.min(e.pos, program.length)) };
    throw e;
  }
}
