// Trusted project directories (docs/plugins.md, "Trust").
//
// A project's `.jn/plugins/` run code and its `.jn/profiles/` run SQL or send
// requests with what the environment and the user's own profiles hold, so
// jn uses them only once the user has trusted the project with `jn trust`.
// Trust is kept per project root (the directory holding `.jn`, by its real
// path) together with a hash of every file under `.jn/plugins` and
// `.jn/profiles` (names, executable bits, contents): any change revokes it
// until the user trusts the project again. The records live in
// `$JN_HOME/trust.json`, written atomically. Directories listed in
// JN_TRUSTED_PATHS (and everything under them) are trusted whatever they hold.
import type { Hash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EXIT, JnError } from '../kit/exit.js';
import { jnHome, projectDir } from '../kit/paths.js';

interface TrustRecord {
  /** `sha256:<hex>` of the project's .jn/plugins and .jn/profiles. */
  hash: string;
  /** When it was trusted (ISO 8601). */
  trusted: string;
}

type Store = Record<string, TrustRecord>;

/** What a project's .jn holds that trust is about. */
interface Scan {
  /** Files under plugins/ and profiles/, relative to .jn, sorted. */
  files: { rel: string; path: string }[];
  plugins: number;
  profiles: number;
}

/** One trusted directory, as `jn trust --list` shows it. */
export interface TrustListing {
  dir: string;
  /** trusted: unchanged; changed: ignored until trusted again; missing: no .jn there; env: in JN_TRUSTED_PATHS. */
  state: 'trusted' | 'changed' | 'missing' | 'env';
  since?: string;
}

const PARTS = ['plugins', 'profiles'];
const MAX_DEPTH = 16;

function storeFile(): string {
  return join(jnHome(), 'trust.json');
}

function isRecord(v: unknown): v is TrustRecord {
  const r = v as TrustRecord;
  return !!r && typeof r === 'object' && typeof r.hash === 'string' && typeof r.trusted === 'string';
}

/** The records; a missing file is none. A file jn cannot read as its own is
 * an error (strict: the trust commands) or trusts nothing (the check). */
function readStore(strict: boolean): Store {
  const file = storeFile();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || !strict) return {};
    throw new JnError(`${file}: cannot read: ${(err as Error).message}`, EXIT.IO);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const ok = !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(isRecord);
  if (ok) return value as Store;
  if (strict) throw new JnError(`${file}: not a trust store written by jn (fix or remove it)`, EXIT.USAGE);
  return {};
}

function writeStore(store: Store): void {
  const file = storeFile();
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const sorted = Object.fromEntries(Object.entries(store).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    writeFileSync(tmp, JSON.stringify(sorted, null, 2) + '\n');
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new JnError(`${file}: cannot write: ${(err as Error).message}`, EXIT.IO);
  }
}

/** Every file under .jn/plugins and .jn/profiles (symlinks followed, each
 * directory once), sorted by relative path. */
function scanProject(jnDir: string): Scan {
  const files: Scan['files'] = [];
  const seen = new Set<string>();
  const walk = (dir: string, rel: string, depth: number) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (depth > MAX_DEPTH || seen.has(real)) return;
    seen.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const r = `${rel}/${name}`;
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        /* a dangling link: hashed by its name */
      }
      if (isDir) walk(path, r, depth + 1);
      else files.push({ rel: r, path });
    }
  };
  for (const part of PARTS) walk(join(jnDir, part), part, 0);
  // What discovery and profile lookup would look at (without running anything).
  const plugins = files.filter((f) => /^plugins\/[^./][^/]*$/.test(f.rel) && !/\.(json|md)$/.test(f.rel)).length;
  const profiles = files.filter((f) => /^profiles\/.*\.json$/.test(f.rel)).length;
  return { files, plugins, profiles };
}

function hashFile(h: Hash, path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    h.update('!unreadable\0');
    return;
  }
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/** sha256 over each file's relative path, executable bit, size and content. */
function contentHash(scan: Scan): string {
  // loaded here, not at start-up: node:crypto costs every jn process ~20 ms
  // to load, and most have no project .jn/ to hash
  const { createHash } = process.getBuiltinModule('node:crypto') as typeof import('node:crypto');
  const h = createHash('sha256');
  for (const f of scan.files) {
    let mode = '!';
    let size = -1;
    try {
      const st = statSync(f.path);
      mode = st.mode & 0o111 ? 'x' : '-';
      size = st.size;
    } catch {
      /* dangling link */
    }
    h.update(`${f.rel}\0${mode}\0${size}\0`);
    if (size >= 0) hashFile(h, f.path);
    h.update('\0');
  }
  return `sha256:${h.digest('hex')}`;
}

function realOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** The directories of JN_TRUSTED_PATHS, by real path. */
function trustedPaths(): string[] {
  return (process.env.JN_TRUSTED_PATHS ?? '')
    .split(delimiter)
    .filter((p) => p && isAbsolute(p))
    .map(realOr);
}

function within(dir: string, parent: string): boolean {
  const rel = relative(parent, dir);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/** A path as a shell word (quoted when it has to be). */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** The notice, once per command run: a jn stage that this process starts
 * (the stages of the shell's preview) inherits JN_TRUST_NOTED and
 * does not repeat it. */
function notice(jnDir: string, scan: Scan, reason: string): void {
  if (process.env.JN_TRUST_NOTED === jnDir) return;
  process.env.JN_TRUST_NOTED = jnDir;
  const what = [scan.plugins ? 'plugins' : '', scan.profiles ? 'profiles' : ''].filter(Boolean).join(' and ');
  process.stderr.write(`jn: ignoring project ${what} in ${jnDir} (${reason}; run: jn trust ${shellWord(dirname(jnDir))})\n`);
}

function decide(jnDir: string): string | undefined {
  const root = realOr(dirname(jnDir));
  if (trustedPaths().some((p) => within(root, p))) return jnDir;
  const scan = scanProject(jnDir);
  if (scan.plugins + scan.profiles === 0) return undefined;
  const record = readStore(false)[root];
  if (record && record.hash === contentHash(scan)) return jnDir;
  notice(jnDir, scan, record ? 'changed since trusted' : 'not trusted');
  return undefined;
}

/** Each project's answer, decided once per process. */
const decided = new Map<string, string | undefined>();

/** The `.jn` directory of the project the working directory is in, when the
 * user trusts it; else undefined (and, the first time, a one-line notice on
 * stderr when it holds plugins or profiles that are being ignored). */
export function trustedProjectDir(): string | undefined {
  const jnDir = projectDir();
  if (jnDir === undefined) return undefined;
  if (!decided.has(jnDir)) decided.set(jnDir, decide(jnDir));
  return decided.get(jnDir);
}

/** The project root (the directory holding .jn, by real path) that dir is
 * in; undefined when there is no .jn at or above it. */
function projectRoot(dir: string): string | undefined {
  const jnDir = projectDir(resolve(dir));
  return jnDir === undefined ? undefined : realOr(dirname(jnDir));
}

/** Trust the project dir is in (at its current content). */
export function trustProject(dir: string): { root: string; plugins: number; profiles: number } {
  const root = projectRoot(dir);
  if (!root) throw new JnError(`no .jn directory at or above ${resolve(dir)}`, EXIT.USAGE);
  const store = readStore(true);
  const scan = scanProject(join(root, '.jn'));
  store[root] = { hash: contentHash(scan), trusted: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  writeStore(store);
  return { root, plugins: scan.plugins, profiles: scan.profiles };
}

/** Forget the trust of the project dir is in (or of dir itself, when it no
 * longer holds a .jn). Returns the directory and whether it was trusted. */
export function untrustProject(dir: string): { root: string; was: boolean } {
  const root = projectRoot(dir) ?? realOr(dir);
  const store = readStore(true);
  if (!store[root]) return { root, was: false };
  delete store[root];
  writeStore(store);
  return { root, was: true };
}

/** Every trusted directory, sorted, with whether its content is unchanged;
 * then the JN_TRUSTED_PATHS. */
export function listTrusted(): TrustListing[] {
  const out: TrustListing[] = Object.entries(readStore(true))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dir, r]) => {
      const jnDir = join(dir, '.jn');
      const state = !existsSync(jnDir) ? 'missing' : contentHash(scanProject(jnDir)) === r.hash ? 'trusted' : 'changed';
      return { dir, state, since: r.trusted };
    });
  for (const dir of trustedPaths()) out.push({ dir, state: 'env' });
  return out;
}
