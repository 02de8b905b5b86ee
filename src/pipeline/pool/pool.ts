// The pool of pre-started stage processes (warm.ts): each one booted Node and
// loaded jn's common modules, and waits for the stage it will become. Each
// has a private 0700 directory with two FIFOs, made in advance, that the
// chains it joins use as its pipes (start.ts). A process is used once. The
// pool is refilled when nothing else runs: IDLE_MS after a preview was
// drawn (refillSoon()), a new chain calling it off (or, for a caller that
// never says, REFILL_MS after a chain took from it). Warming a process up costs about what starting a
// stage cold does (booting Node); started while a chain runs, it would only
// slow that chain down on 2 cores.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeStage, stageEnv } from '../node.js';
import { envOf } from '../spawn.js';
import type { Stage } from '../types.js';

/** One idle pre-started process. */
export interface Warm {
  child: ChildProcess;
  /** Its control channel (fd 3 in the process). */
  control: Socket;
  dir: string;
  /** FIFOs in dir: where its input comes from, where its output goes. */
  input: string;
  output: string;
}

/** At most this many idle processes (each costs ~10 MB, docs/performance.md). */
const CAP = 4;
/** Refill this long after a chain took processes, unless the caller tells
 * when its previews are drawn (refillSoon())... */
const REFILL_MS = 300;
/** ...then refill once nothing happened for this long after a preview was
 * drawn: an Enter pressed again at once takes cold stages rather than
 * competing with processes warming up. */
const IDLE_MS = 100;

const CA = 'NODE_EXTRA_CA_CERTS';

export class Pool {
  private idle: Warm[] = [];
  private starting = new Set<Warm>();
  /** Taken by a chain, their directories not yet removed (release()). */
  private taken = new Set<Warm>();
  private target = 0;
  private timer: NodeJS.Timeout | undefined;
  private broken = false;
  /** refillSoon() was called: refill only when told. */
  private told = false;
  private readonly env: NodeJS.ProcessEnv;

  /** The Node flags of every JavaScript stage (node.ts). */
  private readonly flags = nodeStage('').args.slice(0, -1);

  /** script: warm.js; root: where jn's own stage scripts are (dist/). */
  constructor(private readonly script: string, private readonly root: string) {
    this.env = stageEnv(process.env, false);
  }

  /** Whether a pre-started process can become this stage: jn's own
   * JavaScript (a jn command or a bundled plugin) with the same Node flags,
   * and an environment that Node reads nothing from at start-up that the
   * process did not start with (a TLS stage's CA bundle). */
  fits(stage: Stage): boolean {
    const flags = this.flags;
    const script = stage.args[flags.length];
    if (stage.command !== process.execPath || script === undefined || stage.extraFds?.length) return false;
    if (!flags.every((f, i) => stage.args[i] === f)) return false;
    if (!script.startsWith(this.root + '/') || !script.endsWith('.js')) return false;
    const env = envOf(stage);
    return env[CA] === undefined && env.NODE_OPTIONS === this.env.NODE_OPTIONS;
  }

  /** A chain has `n` stages a pooled process could run: keep n + 1 ready. */
  want(n: number): void {
    this.target = Math.min(CAP, n + 1);
    this.putOff();
  }

  take(): Warm | undefined {
    const w = this.idle.shift();
    if (w) {
      this.taken.add(w);
      this.putOff();
    }
    return w;
  }

  /** A taken process has opened its FIFOs: its directory can go. */
  release(w: Warm): void {
    this.taken.delete(w);
    removeDir(w);
  }

  /** A chain starts: no refill while it does. Told when previews are drawn
   * (refillSoon()), the pool waits for the next; else it refills REFILL_MS on. */
  private putOff(): void {
    if (this.told) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
    } else if (this.idle.length + this.starting.size < this.target) this.schedule();
  }

  /** The pids of the idle processes (oldest first). */
  pids(): number[] {
    return this.idle.map((w) => w.child.pid!);
  }

  /** The processes being started and the idle ones (for tests and close). */
  all(): Warm[] {
    return [...this.idle, ...this.starting];
  }

  private schedule(ms = REFILL_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refill(), ms);
    this.timer.unref();
  }

  /** The preview is drawn: refill once nothing else happened for IDLE_MS. */
  refillSoon(): void {
    this.told = true;
    if (this.idle.length + this.starting.size < this.target) this.schedule(IDLE_MS);
  }

  /** Start processes until `target` are idle or starting. */
  private refill(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const missing = this.target - this.idle.length - this.starting.size;
    if (this.broken || missing <= 0) return;
    const made = Array.from({ length: missing }, () => this.prepare());
    // one mkfifo for all of them
    const fifo = spawn('mkfifo', ['-m', '600', ...made.flatMap((w) => [w.input, w.output])], { stdio: 'ignore' });
    let fifos = false;
    const ready = new Set<Warm>();
    const settle = (w: Warm) => {
      if (!fifos || !ready.has(w) || !this.starting.delete(w)) return;
      this.idle.push(w);
    };
    fifo.on('error', () => this.fail(made));
    fifo.on('exit', (code) => {
      if (code !== 0) return this.fail(made);
      fifos = true;
      made.forEach(settle);
    });
    for (const w of made) {
      w.control.setEncoding('utf8');
      w.control.once('data', (s: string) => {
        if (s.startsWith('ready')) ready.add(w);
        settle(w);
      });
    }
  }

  /** Start one process; it is idle once it said ready and its FIFOs exist. */
  private prepare(): Warm {
    const dir = mkdtempSync(join(tmpdir(), 'jn-pool-'));
    const child = spawn(process.execPath, [...this.flags, this.script, dir], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], detached: true, env: this.env });
    const w: Warm = { child, control: child.stdio[3] as Socket, dir, input: join(dir, 'in'), output: join(dir, 'out') };
    // an idle process keeps nothing of ours alive
    child.unref();
    (child.stderr as Socket).unref();
    w.control.unref();
    // a process ended with our request unread: its channel is reset
    w.control.on('error', () => {});
    this.starting.add(w);
    const gone = () => {
      this.starting.delete(w);
      const at = this.idle.indexOf(w);
      if (at !== -1) this.idle.splice(at, 1);
    };
    child.on('error', gone);
    child.on('exit', gone);
    return w;
  }

  /** mkfifo failed: no pool (every stage starts cold). */
  private fail(made: Warm[]): void {
    this.broken = true;
    for (const w of made) discard(w);
  }

  /** End every idle or starting process and remove its directory. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.broken = true;
    for (const w of this.all()) discard(w);
    // (a chain that took them ends them: jn exits, or its kill)
    for (const w of this.taken) removeDir(w);
    this.taken.clear();
    this.idle = [];
    this.starting.clear();
  }
}

/** End a process of the pool (its group) and remove its directory. */
export function discard(w: Warm): void {
  try {
    process.kill(-w.child.pid!, 'SIGKILL');
  } catch {
    /* gone */
  }
  removeDir(w);
}

function removeDir(w: Warm): void {
  rmSync(w.dir, { recursive: true, force: true });
}
