// The file names the stage editor completes (complete.ts): the entries of
// the directory a typed path names, as they would be typed.
import { opendirSync, statSync, type Dirent } from 'node:fs';
import { expandHome } from '../kit/paths.js';
import { join } from 'node:path';

/** Directory entries read at most (a huge directory stays quick). */
const ENTRIES = 5000;

function isDir(dir: string, ent: Dirent): boolean {
  if (ent.isDirectory()) return true;
  if (!ent.isSymbolicLink()) return false;
  try {
    return statSync(join(dir, ent.name)).isDirectory();
  } catch {
    return false;
  }
}

/** The paths that start with `typed` (`data/or` → `data/orders.csv`,
 * `data/orders/`; `~/` is the home directory), sorted; a directory ends
 * with `/`; names starting with `.` only when `typed`'s last part does. */
export function pathsStartingWith(typed: string): string[] {
  const slash = typed.lastIndexOf('/');
  const dirPart = typed.slice(0, slash + 1);
  const base = typed.slice(slash + 1);
  const dir = dirPart === '' ? '.' : expandHome(dirPart);
  const out: string[] = [];
  try {
    const d = opendirSync(dir);
    try {
      for (let i = 0, ent = d.readSync(); ent && i < ENTRIES; i++, ent = d.readSync()) {
        if (!ent.name.startsWith(base) || (ent.name.startsWith('.') && !base.startsWith('.'))) continue;
        out.push(dirPart + ent.name + (isDir(dir, ent) ? '/' : ''));
      }
    } finally {
      d.closeSync();
    }
  } catch {
    return [];
  }
  return out.sort();
}
