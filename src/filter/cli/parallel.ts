// jn filter's two-thread path for big inputs. A single Node thread running
// `jn filter` is at its ceiling (JSON.parse and JSON.stringify are most of
// the time), so once an input turns out to be big, a second thread takes
// half of it.
//
// Input is read in chunks of whole lines (ChunkReader, Lines). Small inputs
// and the start of big ones run on the main thread as they always did: no
// worker is started, start-up does not grow. Once JN_FILTER_PARALLEL_AFTER
// bytes (default 4 MiB) have been read, between two chunks, and if the
// program is eligible (parallelizable(): nothing in it, or in the builtins
// it calls, reads further inputs or depends on the process-wide order —
// input, inputs, debug, stderr, halt...; and no -s, -n or --seq), jn starts
// ONE worker thread (src/commands/filter-worker.ts) that compiles the same
// program with the same options. As soon as it is ready, each chunk read is
// cut in two at a line end: the main thread runs the first half while the
// worker runs the second, and their results are written strictly in input
// order. No read comes before the chunk read last is written, so a writer
// that pauses sees the results of what it wrote at once.
//
// The main thread stays synchronous (blocking fd I/O, no event loop): a
// chunk's bytes go to the worker as a transferred ArrayBuffer, and the main
// thread blocks in Atomics.wait until the worker's result — its output bytes
// (transferred), its stderr lines in place, its counts, and the chunk's
// buffer back for reuse — can be taken with receiveMessageOnPort. One chunk
// is in flight at a time, and a chunk's big output comes in parts that the
// worker does not get ahead of, so memory stays flat whatever the input size
// and whatever the program prints. A downstream close still ends the process
// at once (writeAll exits, and the worker with it); a worker that dies (out
// of memory) ends it with an error, not a hang.
//
// Records keep their absolute numbers (rownum, error messages): before it
// sends the second half, the main thread counts the records of the first
// (countRecords). The count assumes one JSON value per line that is
// not blank; the first line that is anything else (two values on a line,
// part of a pretty-printed value, invalid JSON) stops the chunk there, and
// the rest of the input, from that line on, goes back to the single-threaded
// code, which handles it exactly as before: same values, same error message
// with the same line number.
//
// Environment: JN_FILTER_THREADS=1 never starts a worker; JN_FILTER_THREADS=2
// starts one whenever the program is eligible and the threshold is passed
// (even on one CPU), and waits for it to be ready; JN_FILTER_DEBUG=1 says on
// stderr, at the end, whether a worker ran and how many half chunks it ran.
import { existsSync, readlinkSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { JnError } from '../../kit/exit.js';
import { flushAll, Output, TextLines, writeAll } from '../../kit/io.js';
import { HaltSignal, JqError, type Program } from '../index.js';
import { parse, parseDefs } from '../parser.js';
import { PRELUDE } from '../prelude.js';
import { bigLiterals, dumpJq, dumpWith, type DumpOptions, type Value } from '../runtime.js';

/** Bytes in a chunk (at most: what a read brings): enough that handing half
 * of one over costs nothing next to running it, few enough that the two
 * threads stay busy to the end. */
const CHUNK = 2 << 20;
/** A smaller chunk runs on the main thread alone. */
const MIN_SHARED = 16 << 10;
const DEFAULT_AFTER = 4 << 20;
/** The worker's JS stack as deep as the main thread's (V8's 984 KiB; Node
 * keeps 192 KiB of a worker's stack for itself): deep recursion fails at
 * the same depth on both threads. */
const WORKER_STACK_MB = (984 + 192) / 1024;
/** The worker's young generation, small like the main thread's (8 MiB
 * semi-space from dist/jn.js's #! line). With V8's default, peak RSS grew
 * with the input (measured +13% at 3x the input); with 12 MiB, 193 MB vs
 * 579 MB of NDJSON measured 141-158 MiB vs 154-157 MiB (run-to-run noise
 * from chunk timing, no growth). */
const WORKER_YOUNG_MB = 12;
/** How long JN_FILTER_THREADS=2 waits for the worker to compile the program. */
const READY_TIMEOUT_MS = 10_000;

// ---- printing results: the same code on both threads ----

/** jq's output options. */
export interface OutputSpec {
  rawOutput: boolean;
  join: boolean;
  ascii: boolean;
  indent: number | string;
  sortKeys: boolean;
  seq: boolean;
}

/** Where results go: stdout text, and whole stderr messages, which come
 * after the stdout text written before them. */
export interface Sink {
  write(s: string): void;
  error(s: string): void;
}

/** The main thread's sink: stdout through an Output buffer, flushed before
 * each stderr message. Messages are written to fd 2 at once, blocking, as
 * stdout is: process.stderr would queue what a full pipe does not take (the
 * worker's messages come in bursts), and process.exit would lose it. */
export class StdSink extends Output implements Sink {
  error(s: string): void {
    this.flush();
    writeAll(2, Buffer.from(s));
  }
}

function asciiOnly(s: string): string {
  return s.replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Runs the program on input records and prints the results to a sink;
 * counts what -e and the exit status need. */
export class RecordRunner {
  /** Number (1-based) of the last record run. */
  records = 0;
  outputs = 0;
  last: Value = null;
  /** A runtime error was reported (exit 5 at the end). */
  failed = false;
  private readonly emit: (v: Value) => void;

  constructor(
    private readonly prog: Program,
    o: OutputSpec,
    private readonly sink: Sink,
  ) {
    const dumpOpts: DumpOptions = { indent: o.indent, sortKeys: o.sortKeys, ascii: o.ascii };
    const plain = !o.indent && !o.sortKeys && !o.ascii;
    const nl = o.join ? '' : '\n';
    const rs = o.seq ? '\x1e' : '';
    this.emit = (v) => {
      this.outputs++;
      this.last = v;
      if (o.rawOutput && typeof v === 'string') sink.write(rs + (o.ascii ? asciiOnly(v) : v) + nl);
      else sink.write(rs + (plain ? dumpJq(v) : dumpWith(v, dumpOpts)) + nl);
    };
  }

  /** Run the next input record (bigLiterals.input holds its text). */
  record(v: Value): void {
    const rec = ++this.records;
    this.prog.ctx.rownum = rec - 1;
    bigLiterals.record = v;
    this.run(v, rec);
  }

  /** Run the program once; a runtime error is reported as record rec's and
   * the run goes on (HaltSignal and anything unexpected are thrown). */
  run(input: Value, rec: number): void {
    try {
      this.prog.run(input, this.emit);
    } catch (e) {
      if (e instanceof JqError) {
        this.sink.error(`jn: filter: ${e.describe()} (record ${rec})\n`);
        this.failed = true;
        return;
      }
      if (e instanceof HaltSignal) throw e;
      if (e instanceof RangeError && /call stack/.test(e.message)) {
        this.sink.error(`jn: filter: recursion too deep (record ${rec})\n`);
        this.failed = true;
        return;
      }
      throw e;
    }
  }
}

// ---- chunks of whole lines ----

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Reads fd in chunks of whole lines, each in its own ArrayBuffer (so that
 * it can be transferred to the worker), recycled by recycle(). */
export class ChunkReader {
  /** Bytes read so far. */
  bytes = 0;
  /** Bytes after the last newline of the previous chunk. */
  private rest: Buffer = Buffer.alloc(0);
  private eof = false;
  private spare: ArrayBuffer[] = [];

  constructor(private readonly fd = 0) {}

  /** The next chunk (the last line of the input may lack its newline), or
   * null at the end: one read, of what is there — up to CHUNK bytes from a
   * file, what a pipe holds — to its last newline. Never a second read for
   * more whole lines: it might wait, and a stage shows results as its input
   * comes. (Only a line that does not end in the chunk reads on, and grows
   * the chunk if it must.) */
  next(): Buffer | null {
    let buf = this.buffer(this.rest.length);
    let have = this.rest.copy(buf);
    this.rest = Buffer.alloc(0);
    for (;;) {
      if (this.eof) {
        if (have > 0) return buf.subarray(0, have);
        this.recycle(buf.buffer as ArrayBuffer);
        return null;
      }
      if (have === buf.length) {
        const bigger = Buffer.from(new ArrayBuffer(buf.length * 2));
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      const n = this.read(buf, have);
      if (n === 0) {
        this.eof = true;
        continue;
      }
      have += n;
      this.bytes += n;
      const nl = buf.lastIndexOf(10, have - 1);
      if (nl === -1) continue;
      this.rest = Buffer.from(buf.subarray(nl + 1, have));
      return buf.subarray(0, nl + 1);
    }
  }

  /** Give back the buffer of a chunk that has been run. */
  recycle(ab: ArrayBuffer): void {
    if (ab.byteLength === CHUNK && this.spare.length < 4) this.spare.push(ab);
  }

  private buffer(min: number): Buffer {
    const ab = min < CHUNK ? this.spare.pop() ?? new ArrayBuffer(CHUNK) : new ArrayBuffer(2 * min);
    return Buffer.from(ab);
  }

  private read(buf: Buffer, at: number): number {
    flushAll(); // results so far go out before a read that may block
    for (;;) {
      try {
        return readSync(this.fd, buf, at, buf.length - at, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          Atomics.wait(sleeper, 0, 0, 1);
          continue;
        }
        if (code === 'EOF') return 0;
        throw err;
      }
    }
  }
}

/** Lines of the chunks of a ChunkReader (io.ts's TextLines does the
 * splitting): without the newline, a trailing CR removed. */
export class Lines extends TextLines {
  constructor(readonly reader: ChunkReader) {
    super();
  }

  protected refill(): string | undefined {
    const chunk = this.reader.next();
    if (chunk === null) return undefined;
    const text = chunk.toString('utf8');
    this.reader.recycle(chunk.buffer as ArrayBuffer);
    return text;
  }

  /** Every line read so far has been returned: the next one starts a chunk. */
  get drained(): boolean {
    return this.pos >= this.text.length;
  }

  /** Go on with text (the rest of a chunk, or more), before reading more;
   * its first line is number lineNo + 1. */
  resume(text: string): void {
    this.text = text;
    this.pos = 0;
  }
}

/** Lines of a chunk of bytes, and records among them: lines with anything
 * but spaces, tabs and CRs (with raw input, every line). */
export function countRecords(b: Buffer, raw: boolean): { lines: number; records: number } {
  let lines = 0;
  let records = 0;
  for (let p = 0; p < b.length; ) {
    let end = b.indexOf(10, p);
    if (end === -1) end = b.length;
    lines++;
    if (raw || hasContent(b, p, end)) records++;
    p = end + 1;
  }
  return { lines, records };
}

function hasContent(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== 13) return true;
  }
  return false;
}

const SKIP = {};
const STOP = {};

/** A line's one JSON value; SKIP for a blank line; STOP for anything else. */
function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return /^[ \t\r]*$/.test(line) ? SKIP : STOP;
  }
}

/** What runLines did: the offset it stopped at (text.length when it ran
 * every line), and the lines and records it ran. */
export interface Ran {
  pos: number;
  lines: number;
  records: number;
}

/** Run the records of text, whole lines: each line one JSON value (or, with
 * raw, one string). Stops before the first line that is neither a value
 * nor blank: countRecords did not count it right. */
export function runLines(text: string, runner: RecordRunner, raw: boolean): Ran {
  const before = runner.records;
  let lines = 0;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    let line = text.slice(pos, end);
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (raw) runner.record(line);
    else if (line.length !== 0) {
      const v = parseLine(line);
      if (v === STOP) break;
      if (v !== SKIP) {
        bigLiterals.input = line;
        runner.record(v as Value);
      }
    }
    lines++;
    pos = end + 1;
  }
  return { pos: Math.min(pos, text.length), lines, records: runner.records - before };
}

// ---- which programs may run on two threads ----

/** Builtins whose results depend on the other inputs or on the order of
 * everything the process does. */
const ORDER_BOUND = new Set(['input', 'inputs', 'input_line_number', 'input_filename', 'halt', 'halt_error', 'debug', 'stderr']);

/** True when no call in expr — nor in the builtins written in jq that it
 * calls, transitively — is to an ORDER_BOUND name (whatever its arity, even
 * if the program defines its own: when in doubt, one thread). */
export function parallelizable(expr: string): boolean {
  let ast: unknown;
  try {
    ast = parse(expr);
  } catch {
    return false;
  }
  const prelude = new Map(parseDefs(PRELUDE).map((d) => [`${d.name}/${d.params.length}`, d.body]));
  const visited = new Set<string>();
  let ok = true;
  const walk = (n: unknown): void => {
    if (!ok || n === null || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    const node = n as { k?: string; name?: string; args?: unknown[] };
    if (node.k === 'literal') return;
    if (node.k === 'call') {
      if (ORDER_BOUND.has(node.name!)) ok = false;
      const key = `${node.name}/${node.args!.length}`;
      if (prelude.has(key) && !visited.has(key)) {
        visited.add(key);
        walk(prelude.get(key));
      }
    }
    for (const v of Object.values(n)) walk(v);
  };
  walk(ast);
  return ok;
}

// ---- the two threads ----

/** What the worker needs to compile and run the program as the main thread does. */
export interface WorkerSpec {
  expr: string;
  vars: Record<string, Value>;
  output: OutputSpec;
  raw: boolean;
}

export interface WorkerInit extends WorkerSpec {
  /** The worker's messages go back on this port; after each, it increments
   * signal[SENT] (and notifies). The main thread increments signal[TAKEN]
   * for each part it has taken. */
  port: MessagePort;
  signal: Int32Array;
}

export const SENT = 0;
export const TAKEN = 1;

/** A chunk for the worker: its bytes (from offset), and the number of
 * records before it. */
export interface Job {
  input: ArrayBuffer;
  offset: number;
  length: number;
  records: number;
}

/** Output bytes, and stderr messages where they were written. */
export type Pieces = (Uint8Array | string)[];

/** The worker's messages: whether it compiled the program (and its thread
 * id, to tell whether it is still alive); output of a Job so far (a big
 * one comes in parts); the end of a Job. */
export type Message =
  | { kind: 'ready'; ok: boolean; tid: number | null }
  | { kind: 'part'; pieces: Pieces }
  | ({ kind: 'done' } & Done);

export interface Done {
  pieces: Pieces;
  /** The Job's buffer, back for reuse. */
  input: ArrayBuffer;
  lines: number;
  records: number;
  outputs: number;
  lastTruthy: boolean;
  failed: boolean;
  /** The chunk from its first line that is not one JSON value on, if any. */
  rest: string | null;
  /** The message of an unexpected error (jn exits 1 with it). */
  fatal: string | null;
}

/** The calling thread's id (Linux), for the main thread to see whether the
 * worker is still alive: a worker out of memory is ended without a word. */
export function threadId(): number | null {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
}

type Threads = typeof import('node:worker_threads');

/** The worker bundle (dist/filter-worker.js) next to the chunk this code is
 * bundled in; none when running from source: then one thread. */
function workerScript(): URL | null {
  for (const rel of ['../filter-worker.js', './filter-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === 'file:' && existsSync(url)) return url;
  }
  return null;
}

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** The main thread's side of the two-thread path. */
export class Parallel {
  private state: 'waiting' | 'starting' | 'ready' | 'off' = 'waiting';
  private port: MessagePort | null = null;
  private receive: Threads['receiveMessageOnPort'] | null = null;
  private signal = new Int32Array(new SharedArrayBuffer(8));
  private tid: number | null = null;
  private started = false;
  private workerChunks = 0;

  private constructor(
    private readonly spec: WorkerSpec,
    private readonly after: number,
    private readonly forced: boolean,
  ) {}

  /** The two-thread path for a jn filter run, or null when it may not be
   * used (JN_FILTER_THREADS=1, --seq; -s and -n never ask). */
  static plan(spec: WorkerSpec): Parallel | null {
    const threads = envNumber('JN_FILTER_THREADS');
    if (threads === 1 || spec.output.seq) return null;
    return new Parallel(spec, envNumber('JN_FILTER_PARALLEL_AFTER') ?? DEFAULT_AFTER, threads !== undefined && threads >= 2);
  }

  /** Asked between two chunks, with the bytes read so far: should the rest
   * of the input run on two threads? The first time past the threshold
   * starts the worker; it is used once it is ready (JN_FILTER_THREADS=2:
   * waits for it). */
  due(bytes: number): boolean {
    if (this.state === 'ready') return true;
    if (this.state === 'off' || bytes < this.after) return false;
    if (this.state === 'waiting') this.start();
    if (this.state === 'starting') {
      const m = this.forced ? this.next(READY_TIMEOUT_MS) : this.take();
      if (m?.kind === 'ready') {
        this.state = m.ok ? 'ready' : 'off';
        this.tid = m.tid;
      } else if (this.forced) this.state = 'off';
    }
    return this.state === 'ready';
  }

  /** Run the rest of the input on both threads (see the top of the file).
   * Returns at the end of the input, or after a line that is not one JSON
   * value, with lines resumed at it for the single-threaded code. */
  run(lines: Lines, runner: RecordRunner, out: StdSink): void {
    this.state = 'off';
    const reader = lines.reader;
    const raw = this.spec.raw;
    for (;;) {
      const chunk = reader.next();
      if (!chunk) return;
      const cut = half(chunk);
      const text = chunk.toString('utf8', 0, cut);
      const mine = cut < chunk.length ? countRecords(chunk.subarray(0, cut), raw) : null;
      const sent = mine && this.send(chunk, cut, runner.records + mine.records);
      if (!sent) reader.recycle(chunk.buffer as ArrayBuffer);
      const ran = runLines(text, runner, raw);
      lines.lineNo += ran.lines;
      if (ran.pos < text.length || (mine && (ran.records !== mine.records || ran.lines !== mine.lines))) {
        // The rest of this half is not one value per line, and the worker's
        // half was numbered after a wrong count: its results are void.
        let rest = text.slice(ran.pos);
        if (sent) {
          const res = this.result(null);
          rest += Buffer.from(res.input, sent.offset, sent.length).toString('utf8');
          reader.recycle(res.input);
        }
        lines.resume(rest);
        return;
      }
      if (!sent) continue;
      const res = this.result(out);
      reader.recycle(res.input);
      this.workerChunks++;
      lines.lineNo += res.lines;
      runner.records += res.records;
      runner.outputs += res.outputs;
      if (res.outputs > 0) runner.last = res.lastTruthy;
      if (res.failed) runner.failed = true;
      write(res.pieces, out);
      if (res.fatal !== null) throw new Error(res.fatal);
      if (res.rest !== null) {
        lines.resume(res.rest);
        return;
      }
    }
  }

  /** JN_FILTER_DEBUG's line. */
  debug(): string {
    return `jn: filter: worker thread: ${this.started ? `started, ran ${this.workerChunks} chunks` : 'not started'}\n`;
  }

  private start(): void {
    const script = workerScript();
    if (!script || (!this.forced && availableParallelism() < 2) || !parallelizable(this.spec.expr)) {
      this.state = 'off';
      return;
    }
    const { MessageChannel, receiveMessageOnPort, Worker } = process.getBuiltinModule('node:worker_threads') as Threads;
    const { port1, port2 } = new MessageChannel();
    const init: WorkerInit = { ...this.spec, port: port2, signal: this.signal };
    const worker = new Worker(script, { workerData: init, transferList: [port2], resourceLimits: { stackSizeMb: WORKER_STACK_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    worker.on('error', () => {}); // a worker that fails to start never says it is ready: one thread
    worker.unref();
    this.port = port1;
    this.receive = receiveMessageOnPort;
    this.started = true;
    this.state = 'starting';
  }

  /** Hand the chunk from offset on over to the worker (the chunk is
   * unusable afterwards). */
  private send(chunk: Buffer, offset: number, records: number): Job {
    const job: Job = { input: chunk.buffer as ArrayBuffer, offset, length: chunk.length - offset, records };
    this.port!.postMessage(job, [job.input]);
    return job;
  }

  /** The end of the worker's job, its parts written to out on the way (or
   * dropped: null). Each part taken lets the worker go on. */
  private result(out: StdSink | null): Done {
    for (;;) {
      const m = this.next(Infinity)!;
      if (m.kind === 'done') return m;
      if (m.kind === 'part') {
        if (out) write(m.pieces, out);
        Atomics.add(this.signal, TAKEN, 1);
        Atomics.notify(this.signal, TAKEN);
      }
    }
  }

  /** The worker's next message, if it has posted one. */
  private take(): Message | undefined {
    return this.receive!(this.port!)?.message as Message | undefined;
  }

  /** Block until the worker's next message (undefined after timeoutMs).
   * A worker that has died (its thread is gone) ends jn with an error. */
  private next(timeoutMs: number): Message | undefined {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.signal, SENT);
      const m = this.take();
      if (m !== undefined) return m;
      const left = deadline - performance.now();
      if (left <= 0) return undefined;
      if (Atomics.wait(this.signal, SENT, seen, Math.min(left, 1000)) === 'timed-out' && this.tid !== null && !existsSync(`/proc/self/task/${this.tid}`)) {
        throw new JnError('the worker thread has died (out of memory?)');
      }
    }
  }
}

/** Where to cut a chunk in two, after a newline near the middle; its end
 * when it is too small to share or is one line. */
function half(chunk: Buffer): number {
  if (chunk.length < MIN_SHARED) return chunk.length;
  const nl = chunk.indexOf(10, chunk.length >> 1);
  return nl === -1 ? chunk.length : nl + 1;
}

/** Worker output to stdout and stderr, in order. */
function write(pieces: Pieces, out: StdSink): void {
  out.flush();
  for (const p of pieces) {
    if (typeof p === 'string') out.error(p);
    else writeAll(1, p);
  }
}
