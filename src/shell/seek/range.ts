// `jn seek range`: the bytes a plugin reads when the shell jumps into a
// file — the header bytes, then the file from a record boundary on, written
// to fd 1 with blocking writes (the pipe's backpressure; EPIPE ends the
// process quietly, kit/io.ts). Runs in its own process, never in the shell.
import { closeSync, readSync } from 'node:fs';
import { writeAll } from '../../kit/io.js';
import { openFile } from './open-file.js';
import type { RowRules } from './rules.js';
import { RowScanner } from './scan.js';

const CHUNK = 1 << 18;

export interface RangeArgs {
  path: string;
  from: number;
  headerBytes: number;
  skipRows?: number;
  rules?: RowRules;
}

export function copyRange({ path, from, headerBytes, skipRows, rules }: RangeArgs): void {
  const fd = openFile(path);
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let pos = 0; pos < headerBytes; ) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, headerBytes - pos), pos);
      if (n === 0) break;
      writeAll(1, buf.subarray(0, n));
      pos += n;
    }
    let pos = Math.max(from, headerBytes);
    if (skipRows && rules) pos = skip(fd, buf, pos, skipRows, rules);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, pos);
      if (n === 0) break;
      writeAll(1, buf.subarray(0, n));
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** The start of the row `rows` rows after the boundary `from` (the end of
 * the file if there are not that many). */
function skip(fd: number, buf: Buffer, from: number, rows: number, rules: RowRules): number {
  let seen = 0;
  let found: number | undefined;
  const scanner = new RowScanner(rules, from, (start) => {
    if (seen++ < rows) return false;
    found = start;
    return true;
  });
  let pos = from;
  for (;;) {
    const n = readSync(fd, buf, 0, CHUNK, pos);
    if (n === 0) break;
    if (scanner.push(buf.subarray(0, n))) return found!;
    pos += n;
  }
  scanner.end();
  return found ?? pos;
}
