// Where the table pane is besides its rows (useRowCursor): the first
// column shown, and the record view (the cursor row as pretty JSON) and its
// scroll.
import { useState } from 'react';

interface TableView {
  firstColumn: number;
  recordView: boolean;
  recordTop: number;
  /** Scroll by `delta` columns (right: up to the last of `columns`). */
  scrollColumns(delta: number, columns: number): void;
  toggleRecordView(): void;
  /** Scroll the record view by `delta` lines (down: while lines of the
   * record's `lines` are below). */
  scrollRecord(delta: number, lines: number): void;
  /** Back to the record's first line (another record). */
  resetRecord(): void;
}

export function useTableView(height: number): TableView {
  const [firstColumn, setFirstColumn] = useState(0);
  const [recordView, setRecordView] = useState(false);
  const [recordTop, setRecordTop] = useState(0);
  return {
    firstColumn,
    recordView,
    recordTop,
    scrollColumns: (delta, columns) => setFirstColumn((c) => (delta > 0 ? Math.min(Math.max(0, columns - 1), c + delta) : Math.max(0, c + delta))),
    toggleRecordView: () => {
      setRecordView((v) => !v);
      setRecordTop(0);
    },
    scrollRecord: (delta, lines) => setRecordTop((t) => (delta > 0 ? Math.min(Math.max(0, lines - height), t + delta) : Math.max(0, t + delta))),
    resetRecord: () => setRecordTop(0),
  };
}
