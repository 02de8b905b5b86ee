// The table's cursor over a paged run: rows are numbered from the run's
// first row; only rows read (and still held) can be shown. Pure.
import { scrollTop } from '../layout.js';

export interface CursorState {
  /** The cursor row. */
  cursor: number;
  /** The first row shown. */
  top: number;
}

/** What is known of the run's rows: those held start at `first`; `read`
 * rows have been read; `eof`: there are no more. */
export interface Known {
  first: number;
  read: number;
  eof: boolean;
}

/** The cursor on row `target`, or as near as the rows read allow, with
 * `top` moved as little as keeps it on a screen of `height` rows (a whole
 * page when the cursor jumps by one). */
export function moveTo(s: CursorState, target: number, height: number, k: Known): CursorState {
  if (k.read === 0) return { cursor: 0, top: 0 };
  const cursor = Math.max(k.first, Math.min(target, k.read - 1));
  const top = Math.max(k.first, scrollTop(cursor, Math.max(s.top, k.first), height, k.read));
  return { cursor, top };
}

/** The rows to read for the cursor at `target`: one screen after it. */
export const readTo = (target: number, height: number): number => (target === Infinity ? Infinity : target + height + 1);
