// `jn seek index`: the background scan that builds the row index, in its own
// process at the lowest CPU priority (nice 19): it reads the file from the
// end of the header at disk speed (1 MB reads), counts rows with the exact
// rules (scan.ts), and reports on fd 1, as NDJSON, the offset of every
// `every`-th row and how far it got (every 200 ms), then the total. It
// stores the finished index in the cache (cache.ts). Its memory is the read
// buffer and the offsets (8 bytes per `every` rows).
import { closeSync, fstatSync, readSync } from 'node:fs';
import { EXIT, JnError } from '../../kit/exit.js';
import { setPriority } from 'node:os';
import { writeAll } from '../../kit/io.js';
import { openFile } from './open-file.js';
import { saveIndex, type CacheKey } from './cache.js';
import type { RowRules } from './rules.js';
import { RowScanner } from './scan.js';

const CHUNK = 1 << 20;
const REPORT_MS = 200;

export interface IndexArgs {
  path: string;
  from: number;
  every: number;
  rules: RowRules;
  /** Where to store the finished index (none: not stored). */
  cache?: string;
}

/** One progress line: the offsets of rows every, 2*every, ... found since
 * the last line (row 0 is at `from`). */
export interface IndexReport {
  bytes: number;
  rows: number;
  at: number[];
  done?: boolean;
  /** Peak RSS of the scan process (KB), with done. */
  maxRssKb?: number;
}

export function scanIndex({ path, from, every, rules, cache }: IndexArgs): void {
  try {
    setPriority(19);
  } catch {
    /* not allowed: scan anyway */
  }
  const fd = openFile(path);
  const st = fstatSync(fd);
  const key: CacheKey = { path, size: st.size, mtimeMs: st.mtimeMs, rules, headerBytes: from, every };
  const all: number[] = [from];
  let fresh: number[] = [];
  let rows = 0;
  const scanner = new RowScanner(rules, from, (start) => {
    if (rows > 0 && rows % every === 0) {
      all.push(start);
      fresh.push(start);
    }
    rows++;
  });
  const report = (bytes: number, done = false) => {
    const r: IndexReport = { bytes, rows, at: fresh, ...(done ? { done, maxRssKb: process.resourceUsage().maxRSS } : {}) };
    writeAll(1, Buffer.from(JSON.stringify(r) + '\n'));
    fresh = [];
  };
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = from;
  let last = performance.now();
  let now = st;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, pos);
      if (n === 0) break;
      scanner.push(buf.subarray(0, n));
      pos += n;
      if (performance.now() - last >= REPORT_MS) {
        report(pos);
        last = performance.now();
      }
    }
    scanner.end();
    now = fstatSync(fd);
  } finally {
    closeSync(fd);
  }
  if (now.size !== st.size || now.mtimeMs !== st.mtimeMs) throw new JnError(`${path}: the file changed while it was indexed`, EXIT.IO);
  if (cache) saveIndex(cache, key, { rows, offsets: Float64Array.from(all) });
  report(pos, true);
}
