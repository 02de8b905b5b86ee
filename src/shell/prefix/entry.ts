// One cached prefix: the processes of the source and the first stages of a
// run, kept alive after that run ends, their output copied by a tee stage
// (tee.ts) into a spool file that later runs read and follow
// (../spool-reader.ts). The tee says how far the spool has whole lines;
// a reader that caught up asks it (want) for more, so the prefix reads on
// only as far as a run needs.
import { Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { partStatuses, type Part, type StageStatus } from './status.js';

/** reading: the prefix's processes run (or wait for a reader); done: its
 * whole output is in the spool; cut: the spool passed its bound; failed:
 * a stage of the prefix failed, or it was dropped. */
type EntryState = 'reading' | 'done' | 'cut' | 'failed';

export interface EntryInit {
  source: string;
  argvs: string[][];
  /** What the source was when the prefix started (stamp.ts). */
  stamp: string;
  path: string;
  part: Part;
  /** The entry this prefix reads from (a longer prefix built on a shorter one). */
  base?: PrefixEntry;
  /** Stop reading the base's spool, or the stdin spool. */
  release?: () => void;
  /** fd 3 of the tee (write end: demands), fd 4 (read end: its reports). */
  demandFd: number;
  reportFd: number;
}

export class PrefixEntry {
  readonly source: string;
  readonly argvs: string[][];
  readonly stamp: string;
  readonly path: string;
  readonly base: PrefixEntry | undefined;
  readonly what = 'the prefix cache';
  #part: Part;
  #release?: () => void;
  #demand: Socket;
  #report: Socket;
  #state: EntryState = 'reading';
  #lineEnd = 0;
  #asked = false;
  #listeners = new Set<() => void>();
  #rest = '';
  #reportClosed = false;
  /** Last used (for eviction). */
  used = 0;

  constructor(init: EntryInit) {
    ({ source: this.source, argvs: this.argvs, stamp: this.stamp, path: this.path, base: this.base, part: this.#part, release: this.#release } = init);
    this.#demand = new Socket({ fd: init.demandFd, readable: false, writable: true });
    this.#demand.on('error', () => {});
    this.#report = new Socket({ fd: init.reportFd, readable: true, writable: false });
    this.#report.setEncoding('utf8');
    this.#report.on('data', (s: string) => this.#take(s));
    this.#report.on('error', () => {});
    this.#report.on('close', () => {
      this.#reportClosed = true;
      this.#settle();
    });
    void init.part.p.done.then((r) => {
      this.#part.final = r;
      this.#release?.();
      this.#demand.destroy();
      this.#settle();
    });
  }

  get state(): EntryState {
    return this.#state;
  }

  /** The processes still run (a prefix reading, or waiting for a reader). */
  get live(): boolean {
    return this.#part.final === undefined;
  }

  get pids(): number[] {
    return this.live ? this.#part.p.pids : [];
  }

  get part(): Part {
    return this.#part;
  }

  /** Once the output has ended (not reading): when the processes have
   * ended too, so that their statuses are final; at once otherwise. */
  async settled(): Promise<void> {
    if (this.#state !== 'reading') await this.#part.p.done;
    await this.base?.settled();
  }

  /** Bytes of whole lines in the spool. */
  get readableEnd(): number {
    return this.#lineEnd;
  }

  get finished(): boolean {
    return this.#state !== 'reading';
  }

  /** Fit for another run: not failed, not cut, its source unchanged. */
  reusable(stamp: string): boolean {
    return (this.#state === 'reading' || this.#state === 'done') && !this.#part.final?.failure && stamp === this.stamp && (this.base?.reusable(stamp) ?? true);
  }

  /** The statuses of the prefix's stages, source first, marked cached. */
  statuses(): StageStatus[] {
    return [...(this.base?.statuses() ?? []), ...partStatuses(this.#part).map((s) => ({ ...s, cached: true }))];
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** A reader has read everything up to `pos`: let the tee read on. */
  want(pos: number): void {
    if (this.#asked || pos < this.#lineEnd || this.#state !== 'reading') return;
    this.#asked = true;
    this.#demand.write('x');
  }

  /** End the processes (if they run) and remove the spool. */
  drop(): void {
    if (this.live) this.#part.p.kill();
    this.#finish('failed');
    this.#demand.destroy();
    this.#report.destroy();
    this.#release?.();
    rmSync(this.path, { force: true });
  }

  #take(s: string): void {
    const lines = (this.#rest + s).split('\n');
    this.#rest = lines.pop()!;
    for (const line of lines) {
      const [word, n] = line.includes(' ') ? line.split(' ') : ['', line];
      this.#lineEnd = Math.max(this.#lineEnd, Number(n) || 0);
      this.#asked = false;
      if (word === 'end') this.#finish('done');
      else if (word === 'cut') this.#finish('cut');
    }
    this.#notify();
  }

  /** Once the processes have ended and the tee's reports are all read: a
   * tee that did not say `end` was killed; a failed stage fails it. */
  #settle(): void {
    const r = this.#part.final;
    if (!r || !this.#reportClosed) return;
    if (this.#state === 'reading' || r.failure) this.#finish('failed');
    this.#notify();
  }

  #finish(state: Exclude<EntryState, 'reading'>): void {
    if (this.#state !== 'reading' && !(state === 'failed' && this.#state === 'done')) return;
    this.#state = state;
    this.#notify();
  }

  #notify(): void {
    for (const fn of this.#listeners) fn();
  }
}
