// The first syntax error of a filter program and its offset, without
// compiling or running it: for an editor that checks while you type.
import { SyntaxError } from './lexer.js';
import { parse } from './parser.js';

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
