// Where the table pane is besides its rows (useRowCursor) and its record
// view (useRecordView): the first column shown.
import { useState } from 'react';

interface TableView {
  firstColumn: number;
  /** Scroll by `delta` columns (right: up to the last of `columns`). */
  scrollColumns(delta: number, columns: number): void;
}

export function useTableView(): TableView {
  const [firstColumn, setFirstColumn] = useState(0);
  return {
    firstColumn,
    scrollColumns: (delta, columns) => setFirstColumn((c) => (delta > 0 ? Math.min(Math.max(0, columns - 1), c + delta) : Math.max(0, c + delta))),
  };
}
