// The row index kept on disk between sessions: one file per indexed source
// under $JN_HOME/cache/rows/, named by a hash of the file's real path and
// the reading rules, holding a JSON header line (path, size, mtime, rules,
// header bytes, rows per entry, total rows) and the offsets as float64s.
// A file whose size or mtime changed is indexed again; at most MAX_FILES
// are kept (the least recently written go first). 8 bytes per 10,000 rows:
// 6 KB for a 7.5M-row file.
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jnHome } from '../../kit/paths.js';
import { rulesArg, type RowRules } from './rules.js';

const MAX_FILES = 64;

export interface CacheKey {
  path: string;
  size: number;
  mtimeMs: number;
  rules: RowRules;
  headerBytes: number;
  every: number;
}

export interface StoredIndex {
  rows: number;
  /** offsets[k]: the first byte of data row k*every. */
  offsets: Float64Array;
}

function dir(): string {
  return join(jnHome(), 'cache', 'rows');
}

/** The cache file of a source's index. */
export function cacheFile(path: string, rules: RowRules, headerBytes: number, every: number): string {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    /* a missing file has no cache worth finding */
  }
  const hash = fnv64(`${real}\0${rulesArg(rules)}\0${headerBytes}\0${every}`);
  return join(dir(), `${hash}.idx`);
}

/** FNV-1a, 64 bits, of s's UTF-8 bytes, as 16 hex digits: a name, not a
 * secret (the header says whose index a file holds); node:crypto would cost
 * jn shell ~20 ms of start-up before its first preview. */
function fnv64(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(s)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

function header(key: CacheKey, rows: number): string {
  return JSON.stringify({ v: 1, path: key.path, size: key.size, mtimeMs: key.mtimeMs, rules: key.rules, headerBytes: key.headerBytes, every: key.every, rows });
}

/** The stored index of exactly this file (same size, mtime, rules), if any. */
export function loadIndex(file: string, key: CacheKey): StoredIndex | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  const nl = data.indexOf(10);
  if (nl === -1) return undefined;
  try {
    const h = JSON.parse(data.subarray(0, nl).toString('utf8')) as { rows: number };
    if (header(key, h.rows) !== data.subarray(0, nl).toString('utf8')) return undefined;
    const body = data.subarray(nl + 1);
    if (body.length % 8 !== 0) return undefined;
    const offsets = new Float64Array(body.length / 8);
    for (let i = 0; i < offsets.length; i++) offsets[i] = body.readDoubleLE(i * 8);
    return { rows: h.rows, offsets };
  } catch {
    return undefined;
  }
}

/** Store an index (atomically: temp file and rename), then keep only the
 * newest MAX_FILES. Failing to store is not an error: the index is
 * rebuilt next time. */
export function saveIndex(file: string, key: CacheKey, index: StoredIndex): void {
  try {
    mkdirSync(dir(), { recursive: true });
    const body = Buffer.alloc(index.offsets.length * 8);
    index.offsets.forEach((o, i) => body.writeDoubleLE(o, i * 8));
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(header(key, index.rows) + '\n'), body]));
    renameSync(tmp, file);
    prune();
  } catch {
    /* best effort */
  }
}

function prune(): void {
  const files = readdirSync(dir())
    .filter((f) => f.endsWith('.idx'))
    .map((f) => ({ f, t: statSync(join(dir(), f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(MAX_FILES)) rmSync(join(dir(), f), { force: true });
}
