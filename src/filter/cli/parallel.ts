// jn filter's two-thread path for big inputs. A single Node thread running
// `jn filter` is at its ceiling (JSON.parse and JSON.stringify are most of
// the time), so once an input turns out to be big, a second thread takes
// half of it.
//
// Input is read in chunks of whole lines (ChunkReader, Lines: input.ts).
// Small inputs and the start of big ones run on the main thread as they
// always did: no worker is started, start-up does not grow. Once
// JN_FILTER_PARALLEL_AFTER bytes (default 4 MiB) have been read, between two
// chunks, and if the program is eligible (parallelizable() in eligible.ts:
// nothing in it, or in the builtins it calls, reads further inputs or
// depends on the process-wide order — input, inputs, debug, stderr, halt...;
// and no -s, -n or --seq), jn starts ONE worker thread (worker.ts) that
// compiles the same program with the same options. As soon as it is ready,
// each chunk read is cut in two at a line end: the main thread runs the
// first half while the worker runs the second, and their results are
// written strictly in input order. No read comes before the chunk read last
// is written, so a writer that pauses sees the results of what it wrote at
// once.
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
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { JnError } from '../../kit/exit.js';
import { writeAll } from '../../kit/io.js';
import { parallelizable } from './eligible.js';
import { countRecords, type Lines } from './input.js';
import type { StdSink } from './output.js';
import { SENT, TAKEN, type Done, type Job, type Message, type Pieces, type WorkerInit, type WorkerSpec } from './protocol.js';
import { runLines, type RecordRunner } from './runner.js';

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
      if (res.fatal !== null) throw new JnError(res.fatal, res.fatalStatus);
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
