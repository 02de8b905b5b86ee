// The table's cursor and first row shown, over the rows of a paged run
// (usePreview's page): a move to rows not read yet asks for them and the
// cursor follows as they arrive; a move before the rows held re-reads
// (`reread`). Moves start from the latest target, not this render's: keys
// typed faster than a render all count.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { moveTo, readTo, type CursorState, type Known } from '../../paging/cursor.js';
import type { Page } from './usePreview.js';
import { useStateRef } from './useStateRef.js';

export interface RowCursor extends CursorState {
  /** Move the cursor to row `row` (Infinity: the last row). */
  moveTo(row: number): void;
  /** Move by `delta` rows from where the cursor is going. */
  moveBy(delta: number): void;
  /** A new run starts: put the cursor on its row `row` once read. */
  place(row: number): void;
}

export function useRowCursor(page: Page, height: number, want: (end: number) => void, reread: (row: number) => void): RowCursor {
  const [state, setState, ref] = useStateRef<CursorState>({ cursor: 0, top: 0 });
  const target = useRef<number | undefined>(undefined);
  const pageRef = useRef(page);
  useLayoutEffect(() => {
    pageRef.current = page;
  });
  const known = (p: Page): Known => ({ first: p.first, read: p.read, eof: p.eof });
  const go = (row: number) => {
    const p = pageRef.current;
    const t = Math.max(0, row);
    if (t < p.first) {
      target.current = t;
      return reread(t);
    }
    target.current = t >= p.read && !p.eof ? t : undefined;
    setState((s) => moveTo(s, t, height, known(p)));
    want(readTo(t, height));
  };
  // New rows (or a new run): the cursor goes on to its target, and stays
  // on rows held.
  const run = useRef(page.run);
  useEffect(() => {
    // a new run: the cursor keeps its place, reading up to it
    if (page.run !== run.current) target.current ??= ref.current.cursor;
    run.current = page.run;
    const t = target.current;
    if (t !== undefined) want(readTo(t, height));
    if (page.read === 0) return;
    if (t !== undefined && page.read > 0 && (t < page.read || page.eof)) target.current = undefined;
    const next = moveTo(ref.current, t ?? ref.current.cursor, height, known(page));
    if (next.cursor !== ref.current.cursor || next.top !== ref.current.top) setState(next);
  }, [page, height]);
  // drawn on the rows held now, before the effect above has caught up
  const shown = page.read > 0 ? moveTo(state, state.cursor, height, known(page)) : state;
  return {
    ...shown,
    moveTo: go,
    moveBy: (delta) => go((target.current ?? ref.current.cursor) + delta),
    place: (row) => {
      target.current = row;
      setState({ cursor: row === Infinity ? 0 : row, top: row === Infinity ? 0 : row });
    },
  };
}
