// The worker thread of jn filter's two-thread path (parallel.ts),
// bundled on its own as dist/filter-worker.js. It compiles the program the
// main thread runs and says whether that worked (with its thread id, so the
// main thread can tell if it dies), then runs each chunk it is sent as the
// main thread would: same RecordRunner, absolute record numbers.
//
// It never touches a file descriptor: its output is encoded into bytes, its
// stderr messages kept in place among them, and all of it goes back with the
// chunk's buffer in a 'done' message (transferred, not copied). Output past
// PART characters goes ahead in a 'part' message, and the worker then waits
// until the main thread has taken the part before that one: however much a
// program prints, at most two parts wait. After each message it bumps and
// notifies the shared signal the main thread blocks on.
import { workerData } from 'node:worker_threads';
import { EXIT, JnError } from '../../kit/exit.js';
import { compile } from '../index.js';
import { setHeapLimit } from '../memory.js';
import { truthy } from '../values.js';
import type { Sink } from './output.js';
import { SENT, TAKEN, threadId, type Done, type Job, type Message, type Pieces, type WorkerInit } from './protocol.js';
import { RecordRunner, runLines } from './runner.js';

/** Characters of output that go ahead of the rest of their job. */
const PART = 1 << 21;
const init = workerData as WorkerInit;
const encoder = new TextEncoder();

function post(msg: Message, transfer: ArrayBuffer[] = []): void {
  init.port.postMessage(msg, transfer);
  Atomics.add(init.signal, SENT, 1);
  Atomics.notify(init.signal, SENT);
}

/** Transfer list of pieces: the buffers of their bytes. */
function buffers(pieces: Pieces): ArrayBuffer[] {
  return pieces.filter((p) => typeof p !== 'string').map((p) => (p as Uint8Array).buffer as ArrayBuffer);
}

/** A job's output: stdout text, encoded at each stderr message, at each
 * PART characters (sent ahead) and at the end. */
class JobOutput implements Sink {
  private text: string[] = [];
  private size = 0;
  private pieces: Pieces = [];
  private parts = 0;

  write(s: string): void {
    this.text.push(s);
    this.size += s.length;
    if (this.size >= PART) this.sendPart();
  }

  error(s: string): void {
    this.cut();
    this.pieces.push(s);
  }

  take(): Pieces {
    this.cut();
    const p = this.pieces;
    this.pieces = [];
    return p;
  }

  private sendPart(): void {
    const pieces = this.take();
    post({ kind: 'part', pieces }, buffers(pieces));
    this.parts++;
    for (let taken = Atomics.load(init.signal, TAKEN); taken < this.parts - 1; taken = Atomics.load(init.signal, TAKEN)) {
      Atomics.wait(init.signal, TAKEN, taken);
    }
  }

  private cut(): void {
    if (this.text.length === 0) return;
    this.pieces.push(encoder.encode(this.text.join('')));
    this.text = [];
    this.size = 0;
  }
}

function runJob(runner: RecordRunner, out: JobOutput, job: Job): Done {
  runner.records = job.records;
  runner.outputs = 0;
  runner.last = null;
  runner.failed = false;
  let rest: string | null = null;
  let fatal: string | null = null;
  let fatalStatus: number = EXIT.GENERAL;
  let lines = 0;
  try {
    const text = Buffer.from(job.input, job.offset, job.length).toString('utf8');
    const ran = runLines(text, runner, init.raw);
    lines = ran.lines;
    if (ran.pos < text.length) rest = text.slice(ran.pos);
  } catch (e) {
    fatal = e instanceof Error ? e.message : String(e);
    if (e instanceof JnError) fatalStatus = e.exitCode;
  }
  return {
    pieces: out.take(),
    input: job.input,
    lines,
    records: runner.records - job.records,
    outputs: runner.outputs,
    lastTruthy: truthy(runner.last),
    failed: runner.failed,
    rest,
    fatal,
    fatalStatus,
  };
}

function main(): void {
  const out = new JobOutput();
  let runner: RecordRunner;
  setHeapLimit(init.heapMb);
  try {
    const prog = compile(init.expr, { vars: init.vars, stderr: (s) => out.error(s) });
    runner = new RecordRunner(prog, init.output, out);
  } catch {
    post({ kind: 'ready', ok: false, tid: null });
    return;
  }
  post({ kind: 'ready', ok: true, tid: threadId() });
  init.port.on('message', (job: Job) => {
    const done = runJob(runner, out, job);
    post({ kind: 'done', ...done }, [done.input, ...buffers(done.pieces)]);
  });
}

main();
