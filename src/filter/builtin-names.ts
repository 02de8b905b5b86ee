// The names of the filter language's builtins (natives and the prelude's
// definitions), for an editor that completes them.
import { natives } from './builtins/index.js';
import { PRELUDE } from './prelude.js';

let names: readonly string[] | undefined;

/** Every builtin function name, once each, sorted. The prelude's names
 * are read from its top-level `def NAME` lines, not parsed (that takes
 * 50-150 ms; a test checks they are the names parseDefs finds). */
export function builtinNames(): readonly string[] {
  if (!names) {
    const all = new Set<string>();
    for (const key of natives.keys()) all.add(key.slice(0, key.lastIndexOf('/')));
    for (const m of PRELUDE.matchAll(/^def\s+([A-Za-z_]\w*)/gm)) all.add(m[1]);
    names = Object.freeze([...all].filter((n) => !n.startsWith('_')).sort());
  }
  return names;
}
