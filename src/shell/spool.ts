// Data on stdin for `jn shell`: stdin can be read only once, and every
// preview re-runs the pipeline from its start, so the shell copies stdin to
// a private temp file (the spool) as it arrives, and each run reads the
// spool (spool-reader.ts). The copy streams: one write at a time, and stdin
// paused while 1 MB waits for it, so the jn process holds at most about
// 2 MB of the data, whatever its size. The spool is bounded
// (JN_SHELL_SPOOL_MB, default 1024): past the bound the spool ends at the
// last complete line before it, stdin is closed, and the status says so. The temp directory is removed when jn exits, also on
// SIGINT, SIGTERM and SIGHUP.
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writev } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { isatty } from 'node:tty';
import { EXIT, JnError, ioError } from '../kit/exit.js';
import { parseAddress } from '../sources/address.js';
import { installSignalHandlers } from '../pipeline/terminate.js';

const SPOOL_ENV = 'JN_SHELL_SPOOL_MB';
const DEFAULT_MB = 1024;
const MB = 1024 * 1024;
/** What may be read ahead of the file: stdin pauses past it. */
const QUEUE_BYTES = MB;

/** reading: stdin is still open; done: stdin ended and all of it is in the
 * spool; cut: stdin went past the bound and the rest was not read; failed:
 * reading stdin or writing the spool failed. */
export type SpoolState = 'reading' | 'done' | 'cut' | 'failed';

export interface SpoolStatus {
  state: SpoolState;
  /** Bytes in the spool file. */
  bytes: number;
  /** The bound, in bytes. */
  limit: number;
  /** Why it failed (one line). */
  error?: string;
}

/** The bound from JN_SHELL_SPOOL_MB (megabytes of 2^20 bytes; decimals
 * allowed), or 1024 MB. */
export function spoolLimit(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[SPOOL_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_MB * MB;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) throw new JnError(`${SPOOL_ENV}=${raw}: expected a positive number of megabytes`, EXIT.USAGE);
  return Math.max(1, Math.floor(mb * MB));
}

export class Spool {
  readonly dir: string;
  /** The temp file that holds what was read. */
  readonly path: string;
  readonly limit: number;
  #fd: number | undefined;
  #input: Readable;
  #bytes = 0;
  /** Offset just past the last newline written. */
  #lineEnd = 0;
  #state: SpoolState = 'reading';
  #error: string | undefined;
  #writing = false;
  #ended = false;
  /** Read, not yet written (at most about QUEUE_BYTES). */
  #queue: Buffer[] = [];
  #queued = 0;
  /** The bound was passed: nothing more is taken from stdin. */
  #over = false;
  #listeners = new Set<() => void>();

  /** Start copying `input` to a new temp file under `dir`. */
  constructor(input: Readable, limit: number, dir = tmpdir()) {
    this.limit = limit;
    this.#input = input;
    try {
      this.dir = mkdtempSync(join(dir, 'jn-spool-'));
      this.path = join(this.dir, 'stdin');
      this.#fd = openSync(this.path, 'wx', 0o600);
    } catch (err) {
      throw ioError(err, `the stdin spool in ${dir}`);
    }
    input.on('data', (chunk: Buffer) => this.#take(chunk));
    input.on('end', () => {
      this.#ended = true;
      this.#flush();
    });
    input.on('error', (err) => this.#fail(ioError(err, 'stdin').message));
  }

  get status(): SpoolStatus {
    return { state: this.#state, bytes: this.#bytes, limit: this.limit, ...(this.#error ? { error: this.#error } : {}) };
  }

  /** Stdin will add nothing more: the spool is whole, cut or failed. */
  get finished(): boolean {
    return this.#state !== 'reading';
  }

  /** How far a reader may read now: while stdin is open, up to the last
   * complete line (a line is never handed out in part); once it has ended,
   * everything; after a cut or a failure, up to the last complete line
   * (the file is cut there too). */
  get readableEnd(): number {
    return this.#state === 'done' ? this.#bytes : this.#lineEnd;
  }

  /** Call `fn` whenever the spool grows or its state changes; returns the
   * function that stops it. */
  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Stop reading stdin and remove the temp file and its directory. */
  remove(): void {
    this.#listeners.clear();
    if (this.#state === 'reading') {
      this.#error = 'removed';
      this.#finish('failed');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  #take(chunk: Buffer): void {
    if (this.#state !== 'reading' || this.#over) return;
    const room = this.limit - this.#bytes - this.#queued;
    if (chunk.length > room) {
      // past the bound: take what fits, read no more
      chunk = chunk.subarray(0, room);
      this.#over = true;
      this.#input.destroy();
    }
    this.#queue.push(chunk);
    this.#queued += chunk.length;
    if (this.#queued >= QUEUE_BYTES) this.#input.pause();
    this.#flush();
  }

  /** Write what is queued, one write at a time (stdin is paused while the
   * queue is full); end the spool once nothing is left to write. */
  #flush(): void {
    if (this.#writing || this.#state !== 'reading') return;
    if (this.#queue.length === 0) {
      if (this.#over) this.#finish('cut');
      else if (this.#ended) this.#finish('done');
      return;
    }
    const chunks = this.#queue;
    const n = this.#queued;
    this.#queue = [];
    this.#queued = 0;
    this.#writing = true;
    writev(this.#fd!, chunks, this.#bytes, (err, written) => {
      this.#writing = false;
      if (this.#state !== 'reading') return this.#end();
      const nl = lastNewline(chunks, err ? 0 : written);
      if (nl !== -1) this.#lineEnd = this.#bytes + nl + 1;
      if (!err) this.#bytes += written;
      if (err || written < n) return this.#fail(ioError(err ?? Object.assign(new Error('short write'), { code: 'ENOSPC' }), 'the stdin spool').message);
      this.#notify();
      this.#flush();
      if (!this.#over && !this.#ended && this.#queued < QUEUE_BYTES) this.#input.resume();
    });
  }

  #fail(message: string): void {
    if (this.#state !== 'reading') return;
    this.#error = message;
    this.#finish('failed');
  }

  #finish(state: Exclude<SpoolState, 'reading'>): void {
    this.#state = state;
    if (state !== 'done') this.#input.destroy();
    this.#end();
    this.#notify();
  }

  /** Once no write is in flight: a cut or failed spool keeps only its
   * complete lines; the file is closed. */
  #end(): void {
    if (this.#fd === undefined || this.#writing) return;
    try {
      if (this.#state === 'cut' || this.#state === 'failed') {
        ftruncateSync(this.#fd, this.#lineEnd);
        this.#bytes = this.#lineEnd;
      }
      closeSync(this.#fd);
    } catch {
      // the readers stop at the last complete line anyway
    }
    this.#fd = undefined;
  }

  #notify(): void {
    for (const fn of this.#listeners) fn();
  }
}

/** `-` or `-~FORMAT` (with params or not): stdin. */
export function isStdinSource(source: string): boolean {
  try {
    return parseAddress(source).isStdio;
  } catch {
    return false;
  }
}

/** The offset of the last newline among the first `upTo` bytes of
 * `chunks`, or -1. */
function lastNewline(chunks: readonly Buffer[], upTo: number): number {
  let end = 0;
  const ends = chunks.map((c) => (end += c.length));
  for (let i = chunks.length - 1; i >= 0; i--) {
    const start = ends[i] - chunks[i].length;
    if (start >= upTo) continue;
    const nl = chunks[i].subarray(0, upTo - start).lastIndexOf(10);
    if (nl !== -1) return start + nl;
  }
  return -1;
}

let stdinSpool: Spool | undefined;

/** The spool of jn's stdin, started on first use: it reads stdin from then
 * on, and is removed when jn exits. Throws a one-line JnError when stdin is
 * the terminal (the keys come from there). */
export function spoolStdin(): Spool {
  if (stdinSpool) return stdinSpool;
  if (isatty(0)) throw new JnError('stdin is the terminal: pipe the data in (cat data.ndjson | jn shell) or give a file', EXIT.USAGE);
  const spool = new Spool(process.stdin, spoolLimit());
  installSignalHandlers();
  process.on('exit', () => spool.remove());
  stdinSpool = spool;
  return spool;
}

const size = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : bytes < MB ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / MB).toFixed(1)} MB`);

/** What the status line says about stdin. */
export function spoolNote({ state, bytes, limit, error }: SpoolStatus): string {
  switch (state) {
    case 'reading':
      return `stdin: ${size(bytes)} so far, still reading`;
    case 'done':
      return `stdin: ${size(bytes)}`;
    case 'cut':
      return `stdin is over the ${size(limit)} bound (${SPOOL_ENV}): only its first ${size(bytes)} are read, the rest is left out`;
    case 'failed':
      return `stdin: ${error ?? 'failed'}; what was read before is shown`;
  }
}
