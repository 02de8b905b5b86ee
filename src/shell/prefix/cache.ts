// The prefix cache of jn shell (docs/shell.md, "Slow stages are paid
// once"): a few prefixes of recent runs (the source and their first stages)
// whose output is kept in spool files (entry.ts), so that a run whose first
// stages are the same reads their output instead of running them again.
// Bounded: at most MAX_ENTRIES spools of JN_SHELL_CACHE_MB each (default
// 1024) in one private temp directory, removed when jn exits; directories
// left by a jn that was killed are removed by the next shell.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, JnError } from '../../kit/exit.js';
import { expandAddresses } from '../../sources/open.js';
import type { PrefixEntry } from './entry.js';

const ENV = 'JN_SHELL_CACHE_MB';
const MB = 1024 * 1024;
const MAX_ENTRIES = 3;
const DIR_PREFIX = 'jn-prefix-';

/** The bound of one spool from JN_SHELL_CACHE_MB (0: no cache). */
function cacheLimit(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[ENV];
  if (raw === undefined || raw.trim() === '') return 1024 * MB;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb < 0) throw new JnError(`${ENV}=${raw}: expected a number of megabytes (0: no cache)`, EXIT.USAGE);
  return Math.floor(mb * MB);
}

/** What the source files are now (size and mtime of each): a prefix read
 * from other contents is not reused. '' for what is not a file. */
export function sourceStamp(source: string): string {
  try {
    return expandAddresses([source])
      .filter((a) => a.protocol === 'file' && !a.isStdio)
      .map((a) => {
        const st = statSync(a.path);
        return `${a.path}:${st.size}:${st.mtimeMs}`;
      })
      .join('|');
  } catch {
    return '?';
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Remove the cache directories of shells that are gone (killed). */
function removeStale(base: string): void {
  try {
    for (const name of readdirSync(base)) {
      const m = new RegExp(`^${DIR_PREFIX}(\\d+)-`).exec(name);
      if (m && !alive(Number(m[1]))) rmSync(join(base, name), { recursive: true, force: true });
    }
  } catch {
    // an unreadable temp directory: nothing to clean
  }
}

export class PrefixCache {
  readonly base: string;
  #limit: number | undefined;
  #dir: string | undefined;
  #entries: PrefixEntry[] = [];
  #files = 0;
  #clock = 0;
  #hooked = false;

  /** `limit`: bytes a spool may hold (default: JN_SHELL_CACHE_MB, read on
   * first use: a bad value is the run's error, as JN_SHELL_SPOOL_MB's). */
  constructor(limit?: number, base = tmpdir()) {
    this.#limit = limit;
    this.base = base;
  }

  get limit(): number {
    return (this.#limit ??= cacheLimit());
  }

  get enabled(): boolean {
    return this.limit > 0;
  }

  /** The temp directory, made (and stale ones removed) on first use. */
  get dir(): string | undefined {
    return this.#dir;
  }

  get entries(): readonly PrefixEntry[] {
    return this.#entries;
  }

  /** A new (empty) spool file's path. */
  newFile(): string {
    if (!this.#dir) {
      removeStale(this.base);
      this.#dir = mkdtempSync(join(this.base, `${DIR_PREFIX}${process.pid}-`));
      if (!this.#hooked) process.on('exit', () => this.clear());
      this.#hooked = true;
    }
    // made here, so that a reader may open it before the tee has started
    const path = join(this.#dir, `${++this.#files}.ndjson`);
    writeFileSync(path, '', { flag: 'wx', mode: 0o600 });
    return path;
  }

  /** The longest reusable prefix of `argvs` (all of them at most) for
   * `source` as it is now; entries that can no longer be used are dropped. */
  find(source: string, argvs: string[][], stamp: string): PrefixEntry | undefined {
    let best: PrefixEntry | undefined;
    for (const e of [...this.#entries]) {
      if (e.source !== source) continue;
      if (!e.reusable(stamp)) {
        this.drop(e);
        continue;
      }
      if (e.argvs.length <= argvs.length && e.argvs.every((a, i) => sameArgv(a, argvs[i])) && (!best || e.argvs.length > best.argvs.length)) best = e;
    }
    if (best) best.used = ++this.#clock;
    return best;
  }

  /** Keep `entry`; past MAX_ENTRIES the least recently used goes. Before a
   * run: a prefix still reading everything before its first row (no output
   * yet) that this run does not use is dropped, so that it does not go on
   * using the CPU for nothing. */
  add(entry: PrefixEntry): void {
    entry.used = ++this.#clock;
    this.#entries.push(entry);
    while (this.#entries.length > MAX_ENTRIES) {
      const oldest = this.#entries.filter((e) => !dependsOn(entry, e)).sort((a, b) => a.used - b.used)[0];
      if (!oldest) break;
      this.drop(oldest);
    }
  }

  /** Drop the entries still computing their first output that `used` (the
   * entry a new run reads, if any) does not depend on. */
  settleFor(used: PrefixEntry | undefined): void {
    for (const e of [...this.#entries]) if (e.live && e.readableEnd === 0 && !(used && dependsOn(used, e))) this.drop(e);
  }

  /** Drop `entry` and every entry built on it. */
  drop(entry: PrefixEntry): void {
    for (const e of [...this.#entries]) if (e !== entry && e.base && dependsOn(e, entry)) this.drop(e);
    this.#entries = this.#entries.filter((e) => e !== entry);
    entry.drop();
  }

  /** Drop everything and remove the directory. */
  clear(): void {
    for (const e of [...this.#entries]) this.drop(e);
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }
}

const sameArgv = (a: string[], b: string[] | undefined): boolean => b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

function dependsOn(e: PrefixEntry, on: PrefixEntry): boolean {
  for (let x: PrefixEntry | undefined = e; x; x = x.base) if (x === on) return true;
  return false;
}
