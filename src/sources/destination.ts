// Where `jn put` really writes a file, and its temp file beside it.
//
// A destination that is a symbolic link is written through: the temp file
// goes in the directory of the link's final target and is renamed over the
// target, so the link stays a link and the rename stays atomic (same
// directory, same file system). Temp files are named
// `.NAME.jn-HOST-PID.tmp`: a run killed with SIGKILL cannot remove its own,
// so each run removes the ones of this host whose process is gone.
import { readdirSync, readlinkSync, lstatSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const MAX_LINKS = 40; // as the kernel's ELOOP limit

/** The file a write to path lands in: path itself, or the final target of
 * the chain of symbolic links it names (which may not exist yet). */
export function writeTarget(path: string): string {
  let p = resolve(path);
  for (let i = 0; i < MAX_LINKS; i++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(p).isSymbolicLink();
    } catch {
      return p; // does not exist (yet): written as named
    }
    if (!isLink) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  const err = new Error(`${path}: too many levels of symbolic links`) as NodeJS.ErrnoException;
  err.code = 'ELOOP';
  throw err;
}

/** Host names may hold characters a file name should not. */
function host(): string {
  return hostname().replace(/[^A-Za-z0-9.-]/g, '_');
}

/** The temp file of this process for target. */
export function tempPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.jn-${host()}-${process.pid}.tmp`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, not ours
  }
}

/** Remove temp files for target left by runs on this host whose process is
 * gone (killed with SIGKILL, a power cut). Another host's, or a live
 * process's, are left alone. Returns the names removed. */
export function removeStaleTemps(target: string): string[] {
  const prefix = `.${basename(target)}.jn-${host()}-`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = name.slice(prefix.length, -4);
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid || alive(Number(pid))) continue;
    try {
      unlinkSync(join(dirname(target), name));
      removed.push(name);
    } catch {
      /* gone already, or not ours to remove */
    }
  }
  return removed;
}
