// The rows the shell holds of a run's output: a bounded window of the rows
// most recently read, numbered from the run's first row (0). Rows before
// the window were dropped; memory is `capacity` rows, however far the run
// has read. Pure.

export class RowWindow {
  /** Number of the first row held. */
  #start = 0;
  #rows: unknown[] = [];
  constructor(readonly capacity: number) {}

  /** Number of the first row held. */
  get start(): number {
    return this.#start;
  }
  /** Number of the row after the last one held (= rows read so far). */
  get end(): number {
    return this.#start + this.#rows.length;
  }
  get length(): number {
    return this.#rows.length;
  }

  /** Add the next row; the oldest ones go when the window is full (in
   * batches, so that a push costs O(1) amortized), but none from row
   * `keep` on (the rows the view may show: a chunk of many small rows
   * read at once stays whole; the reader bounds the overshoot). */
  push(row: unknown, keep = Infinity): void {
    this.#rows.push(row);
    const over = Math.min(this.#rows.length - this.capacity, keep - this.#start);
    if (over > 0 && (over >= 256 || over >= this.capacity >> 3)) {
      this.#rows.splice(0, over);
      this.#start += over;
    }
  }

  has(row: number): boolean {
    return row >= this.#start && row < this.end;
  }

  get(row: number): unknown {
    return this.has(row) ? this.#rows[row - this.#start] : undefined;
  }

  /** The rows held from `from` to `to` (exclusive), clamped to the window. */
  slice(from: number, to: number): unknown[] {
    return this.#rows.slice(Math.max(0, from - this.#start), Math.max(0, to - this.#start));
  }
}
