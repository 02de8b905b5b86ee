// Counting rows in bytes read from a known record boundary on: exact, CSV
// quotes included, by the csv reader's own rule (src/formats/csv/parse.ts):
// a quote opens a quoted field only at the start of a field, `""` inside it
// is a quote, and a line end inside a quoted field does not end the row.
// Chunks are pushed in file order; each row's first byte and the offset
// after its line end are reported. Only line ends and quotes are looked at
// (Buffer.indexOf), so it runs at memory speed: this is the loop of the
// background index scan and of `jn seek range --skip-rows`.
import { CR, hasContent, LF, QUOTE, type RowRules } from './rules.js';

export class RowScanner {
  private inQuotes = false;
  /** The chunk before ended on a quote inside a quoted field: closing, or
   * the first half of `""`, decided by the next chunk's first byte. */
  private quoteAtEnd = false;
  /** The byte before the next chunk (a line end at a boundary). */
  private lastByte: number;
  /** The current row has a byte that makes it a row (not a blank line). */
  private content = false;
  /** File offset of the first byte of the current row. */
  private rowStart: number;
  /** File offset of the next chunk's first byte. */
  private base: number;

  /** `start`: a record boundary (file offset). onRow gets each row's first
   * byte and the offset after its line end, in order, and may return true
   * to stop the scan. */
  constructor(
    private readonly rules: RowRules,
    start: number,
    private readonly onRow: (start: number, end: number) => boolean | void,
  ) {
    this.rowStart = start;
    this.base = start;
    this.lastByte = rules.eol;
  }

  /** Look at the next chunk; returns true when onRow asked to stop. */
  push(chunk: Uint8Array): boolean {
    const { rules } = this;
    const eol = rules.eol;
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const n = buf.length;
    if (n === 0) return false;
    let nq = n;
    if (rules.quote) {
      let from = 0;
      if (this.quoteAtEnd) {
        this.quoteAtEnd = false;
        if (buf[0] === QUOTE) from = 1;
        else this.inQuotes = false;
      }
      nq = next(buf, QUOTE, from);
    }
    let pos = 0;
    for (;;) {
      let e = buf.indexOf(eol, pos);
      if (e === -1) e = n;
      while (nq < e) nq = this.quoteAt(buf, nq);
      // a byte over 32 is content in every format: the common case
      if (!this.content) this.content = e > pos && (buf[pos] > 32 || hasContent(buf, pos, e, rules));
      if (e === n) break;
      if (!this.inQuotes) {
        if (this.content && this.onRow(this.rowStart, this.base + e + 1) === true) {
          this.base += n;
          return true;
        }
        this.rowStart = this.base + e + 1;
        this.content = false;
      }
      pos = e + 1;
    }
    this.lastByte = buf[n - 1];
    this.base += n;
    return false;
  }

  /** A quote at buf[q]: opens a field, closes one, or is text; returns
   * where the next quote to look at is. */
  private quoteAt(buf: Buffer, q: number): number {
    const n = buf.length;
    if (this.inQuotes) {
      if (q + 1 === n) {
        this.quoteAtEnd = true;
        return n;
      }
      if (buf[q + 1] === QUOTE) return next(buf, QUOTE, q + 2);
      this.inQuotes = false;
      return next(buf, QUOTE, q + 1);
    }
    const prev = q > 0 ? buf[q - 1] : this.lastByte;
    if (prev === this.rules.delimiter || prev === LF || prev === CR) {
      this.inQuotes = true;
      this.content = true;
    }
    return next(buf, QUOTE, q + 1);
  }

  /** The end of the input: a last row without a line end is a row. */
  end(): void {
    if (this.content) this.onRow(this.rowStart, this.base);
    this.content = false;
  }
}

function next(buf: Buffer, byte: number, from: number): number {
  const i = buf.indexOf(byte, from);
  return i === -1 ? buf.length : i;
}
