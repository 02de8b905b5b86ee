// Where the table pane is: the cursor row, the first row and column shown.
import { useEffect, useState } from 'react';
import { scrollTop } from '../../layout.js';

interface TableView {
  cursor: number;
  top: number;
  firstColumn: number;
  /** Move the cursor to row `c` (clamped), scrolling to keep it shown. */
  moveCursor(c: number): void;
  /** Scroll by `delta` columns (right: up to the last of `columns`). */
  scrollColumns(delta: number, columns: number): void;
}

export function useTableView(rowCount: number, height: number): TableView {
  const [cursor, setCursor] = useState(0);
  const [top, setTop] = useState(0);
  const [firstColumn, setFirstColumn] = useState(0);
  const moveCursor = (c: number) => {
    const next = Math.max(0, Math.min(rowCount - 1, c));
    setCursor(next);
    setTop((t) => scrollTop(next, t, height, rowCount));
  };
  // Fewer rows than before (a new run), or a terminal of another height:
  // the cursor stays on a row, and on the screen, and the rows fill it.
  useEffect(() => {
    if (rowCount === 0) return; // a run that has no rows yet: keep the place
    const c = Math.min(cursor, rowCount - 1);
    if (c !== cursor) setCursor(c);
    setTop((t) => scrollTop(c, t, height, rowCount));
  }, [rowCount, height]);
  return {
    cursor,
    top,
    firstColumn,
    moveCursor,
    scrollColumns: (delta, columns) => setFirstColumn((c) => (delta > 0 ? Math.min(Math.max(0, columns - 1), c + delta) : Math.max(0, c + delta))),
  };
}
