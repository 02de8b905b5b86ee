// The names of the filter language's builtins (natives and the prelude's
// definitions), for an editor that completes them.
import { natives } from './builtins/index.js';
import { preludeDefs } from './prelude.js';

let names: readonly string[] | undefined;

/** Every builtin function name, once each, sorted. The prelude's names
 * come from its index of definitions, none parsed (parsing them all takes
 * 50-150 ms; a test checks they are the names the parser finds). */
export function builtinNames(): readonly string[] {
  if (!names) {
    const all = new Set<string>();
    for (const key of natives.keys()) all.add(key.slice(0, key.lastIndexOf('/')));
    for (const key of preludeDefs.keys()) all.add(key.slice(0, key.lastIndexOf('/')));
    names = Object.freeze([...all].filter((n) => !n.startsWith('_')).sort());
  }
  return names;
}
