// `jn seek tee FILE`: the hidden stage the shell puts after a cached prefix
// of the pipeline (see cache.ts). It copies fd 0 to fd 1 and appends the
// same bytes to FILE (the prefix's spool), and says on fd 4 how far the
// spool has whole lines (`N`), or that it is complete (`end N`) or over its
// bound (`cut N`). Once fd 1 has no reader (the run that started it was
// replaced), it reads on only on demand: each byte the shell writes on fd
// 3 lets it spool about one more chunk, so the prefix reads only as far as
// some later run needs (the pipes' backpressure does the rest); EOF on fd 3
// (the shell dropped the prefix, or exited) ends it. A spool that cannot
// grow (its bound, a full disk) is cut; the copy to fd 1 goes on. Runs in
// its own process, never in the shell.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { readBlocking } from '../../kit/io.js';
import { isDownstreamClosed } from '../../kit/exit.js';

const CHUNK = 1 << 18;
const DEMAND_FD = 3;
const REPORT_FD = 4;

function writeFully(fd: number, buf: Uint8Array): void {
  for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
}

/** Append to the spool; false when it cannot (ENOSPC, ...). */
function append(fd: number, chunk: Buffer): boolean {
  try {
    writeFully(fd, chunk);
    return true;
  } catch {
    return false;
  }
}

export interface TeeArgs {
  file: string;
  /** Bytes the spool may hold: past them it is cut at a line end. */
  maxBytes: number;
}

export function teeToSpool({ file, maxBytes }: TeeArgs): void {
  const spool = openSync(file, 'a');
  const report = (s: string) => {
    try {
      writeFully(REPORT_FD, Buffer.from(`${s}\n`));
    } catch {
      process.exit(0); // the shell is gone
    }
  };
  const buf = Buffer.allocUnsafe(CHUNK);
  const demand = Buffer.allocUnsafe(64);
  let spooled = 0;
  let lineEnd = 0;
  let cut = false;
  let downstream = true;
  /** Bytes the shell has asked for (only counted once fd 1 is gone). */
  let granted = 0;
  try {
    for (;;) {
      if (!downstream && !cut && spooled >= granted) {
        const n = readSync(DEMAND_FD, demand, 0, demand.length, null);
        if (n === 0) return;
        granted = spooled + n * CHUNK;
      }
      const n = readBlocking(0, buf, 0, CHUNK);
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      if (!cut) {
        // past the bound, or the disk is full: spool no more (pass on)
        if (spooled + n > maxBytes || !append(spool, chunk)) {
          cut = true;
          report(`cut ${lineEnd}`);
          if (!downstream) return;
        } else {
          const nl = chunk.lastIndexOf(10);
          spooled += n;
          if (nl !== -1) lineEnd = spooled - n + nl + 1;
          // after every chunk, a new line end or not: a demand is answered
          report(String(lineEnd));
        }
      }
      if (downstream) {
        try {
          writeFully(1, chunk);
        } catch (err) {
          if (!isDownstreamClosed(err)) throw err;
          downstream = false;
          if (cut) return;
          granted = spooled;
        }
      }
    }
    if (!cut) report(`end ${spooled}`);
  } finally {
    closeSync(spool);
  }
}
