// Reading a run's output into its RowWindow as the view needs it: the
// stream is paused once `ahead` rows are read beyond the last row the view
// wants, so the kernel pipe fills and the whole chain blocks
// (backpressure): a run the user only looks at costs nothing, and moving
// one page reads one page, at row 1,000,000 as at row 1.
import type { Readable } from 'node:stream';
import { ChunkLines } from '../../kit/io.js';
import { RowWindow } from './window.js';

export interface ReaderState {
  /** Rows read so far (the number of the next row). */
  read: number;
  /** The output has ended, all of it read: `read` is its row count (a
   * run ended before, e.g. cancelled, is not at its end). */
  eof: boolean;
  /** Reading now (not blocked waiting for the view). */
  reading: boolean;
}

export class PageReader {
  readonly window: RowWindow;
  readonly #stream: Readable;
  readonly #ahead: number;
  readonly #lines = new ChunkLines();
  #want = 0;
  /** The output ended (all of it read). */
  #eof = false;
  /** No more rows will come: the end, or the stream closed before it. */
  #done = false;
  #paused = false;
  /** Rows after which reading ends for good (a one-shot preview). */
  #stopAt = Infinity;
  /** Called once `stopAt` rows are read. */
  onStop: () => void = () => {};
  /** Called after each chunk of rows, at a pause and at the end. */
  onChange: () => void = () => {};
  /** Called when reading pauses: enough rows are ahead of the view. */
  onIdle: () => void = () => {};

  constructor(stream: Readable, capacity: number, ahead: number, parse: (line: string) => unknown | undefined) {
    this.window = new RowWindow(capacity);
    this.#stream = stream;
    this.#ahead = Math.min(ahead, Math.max(1, capacity >> 1));
    stream.on('data', (chunk: Buffer) => {
      if (this.window.end >= this.#stopAt) return;
      for (const line of this.#lines.push(chunk)) {
        this.#take(parse(line));
        if (this.window.end >= this.#stopAt) {
          this.onStop();
          break;
        }
      }
      this.#check();
      this.onChange();
    });
    stream.on('end', () => {
      if (this.window.end < this.#stopAt) for (const line of this.#lines.end()) this.#take(parse(line));
      this.#finish(true);
    });
    stream.on('close', () => this.#finish(false));
    stream.on('error', () => {});
  }

  /** Rows from here on are kept: those around the last one the view wants
   * (all the newest ones while reading to the end). */
  #keep(): number {
    const upTo = this.#want === Infinity ? this.window.end : this.#want;
    return Math.max(0, upTo - (this.window.capacity >> 1));
  }

  #take(row: unknown): void {
    if (row !== undefined) this.window.push(row, this.#keep());
  }

  #finish(complete: boolean): void {
    if (this.#done) return;
    this.#done = true;
    this.#eof = complete;
    this.onChange();
  }

  /** Pause once enough rows are ahead of the view. */
  #check(): void {
    if (!this.#paused && !this.#done && this.window.end >= this.#want + this.#ahead) {
      this.#paused = true;
      this.#stream.pause();
      this.onIdle();
    }
  }

  /** Read `n` rows at most, then stop (onStop) whatever the view wants. */
  stopAt(n: number): void {
    this.#stopAt = n;
  }

  /** The view needs the rows before `end` (Infinity: read to the end).
   * True when this starts reading again. */
  want(end: number): boolean {
    this.#want = Math.max(0, end);
    if (this.#paused && !this.#done && this.window.end < this.#want + this.#ahead) {
      this.#paused = false;
      this.#stream.resume();
      return true;
    }
    return false;
  }

  get state(): ReaderState {
    return { read: this.window.end, eof: this.#eof, reading: !this.#paused && !this.#done };
  }

  /** Stop reading (the run is being ended). */
  close(): void {
    this.#stream.destroy();
  }
}
