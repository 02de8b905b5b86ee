// Reading the stdin spool (spool.ts) for one preview run: the fd its first
// stage reads. A finished spool is a plain file, handed over as is (the
// bytes never pass through jn). While stdin is still being read, the run
// gets the read end of a kernel pipe that jn fills from the spool, as `tail
// -f` would: what is there at once, then each complete line as it arrives,
// and EOF once stdin has ended. So a run shows the rows that are there
// without waiting for stdin to end, and goes on with the new ones; a stage
// that must read everything (tail, sort) ends when stdin does, as it would
// in the real pipeline. The pipe is filled with backpressure (one chunk at
// a time), and stops when its reader is gone or release() is called.
import { closeSync, openSync, read } from 'node:fs';
import { Socket } from 'node:net';
import { createPipes } from '../pipeline/pipes.js';
import { ioError } from '../kit/exit.js';
import type { Spool } from './spool.js';

/** What a run follows: the stdin spool, or a cached prefix's spool
 * (prefix/), which reads on only when a reader that caught up asks (want). */
export type Followed = Pick<Spool, 'path' | 'readableEnd' | 'finished' | 'onChange'> & { want?(pos: number): void; what?: string };

const CHUNK = 64 * 1024;

export interface SpoolRead {
  /** For the first stage's stdin; the caller closes it once spawned. */
  fd: number;
  /** Stop filling the pipe (the run has ended). */
  release(): void;
}

export function readSpool(spool: Followed): SpoolRead {
  const open = (): number => {
    try {
      return openSync(spool.path, 'r');
    } catch (err) {
      throw ioError(err, spool.what ?? 'the stdin spool');
    }
  };
  if (spool.finished) return { fd: open(), release() {} };
  const file = open();
  const [pipe] = createPipes(1);
  const out = new Socket({ fd: pipe.write, readable: false, writable: true });
  let pos = 0;
  let reading = false;
  let stopped = false;
  const closeFile = () => {
    if (!reading) closeSync(file);
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    out.destroy();
    closeFile();
  };
  const pump = (): void => {
    if (stopped || reading || out.writableNeedDrain) return;
    const end = spool.readableEnd;
    if (pos >= end) {
      if (spool.finished) {
        out.end();
        stopped = true;
        unsubscribe();
        closeFile();
      } else spool.want?.(pos);
      return;
    }
    reading = true;
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, end - pos));
    read(file, buf, 0, buf.length, pos, (err, n) => {
      reading = false;
      if (stopped) return closeSync(file);
      if (err || n === 0) return stop();
      pos += n;
      if (out.write(buf.subarray(0, n))) pump();
    });
  };
  const unsubscribe = spool.onChange(pump);
  out.on('drain', pump);
  // EPIPE: the run ended (its limit, a cancel, a failed stage)
  out.on('error', stop);
  out.on('close', stop);
  pump();
  return { fd: pipe.read, release: stop };
}
