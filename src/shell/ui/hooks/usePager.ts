// The preview as a pager: the run (usePreview) from where the table has
// jumped (usePaging), the table's cursor over its rows (useRowCursor), and
// what the status line says of them (../../paging/position.ts).
import { useEffect, useState } from 'react';
import type { EarlyRun } from '../../early.js';
import type { PreviewPlan } from '../../session.js';
import { positionText } from '../../paging/position.js';
import { usePaging, type Navigation, type Paging } from './usePaging.js';
import { usePreview, type Preview } from './usePreview.js';
import { useRowCursor, type RowCursor } from './useRowCursor.js';
import { useProgress } from './useProgress.js';

export interface Pager {
  preview: Preview;
  paging: Paging;
  nav: Navigation;
  cursor: RowCursor;
  /** The status line's account of the rows shown. */
  position: string[];
  /** And of what is going on: progress, a note. */
  notes: string[];
}

/** `tableHeight(running)`: the table's rows, while `running…` takes a line
 * or not (the cursor keeps to the smaller). */
export function usePager(source: string, plan: PreviewPlan, limit: number, debounceMs: number, tableHeight: (running: boolean) => number, early?: EarlyRun): Pager {
  const sourceRows = plan.argvs.length === 0;
  // The row index's scan starts once the first preview is drawn: on two
  // cores its start would delay the first screen.
  const [drawn, setDrawn] = useState(false);
  const paging = usePaging(source, sourceRows, drawn);
  const preview = usePreview(source, plan, limit, debounceMs, paging.start, early);
  useEffect(() => {
    if (preview.result) setDrawn(true);
  }, [preview.result !== undefined]);
  const nav = paging.nav(preview);
  const cursor = useRowCursor(preview.page, tableHeight(true), nav.want, nav.reread);
  const { placement } = paging;
  useEffect(() => {
    if (placement) (placement.move ? cursor.moveTo : cursor.place)(placement.row);
  }, [placement?.seq]);
  const progress = useProgress(preview, paging.src);
  const { page } = preview;
  const index = paging.index;
  const shownRows = Math.min(tableHeight(preview.running), Math.max(0, page.read - cursor.top));
  const position = positionText({
    origin: paging.origin,
    top: cursor.top,
    bottom: cursor.top + Math.max(0, shownRows - 1),
    read: page.read,
    eof: page.eof,
    sourceRows,
    total: index?.ready ? index.rows : undefined,
    estimate: index && index.scanned.rows > 0 && paging.src ? (paging.src.size / index.scanned.bytes) * index.scanned.rows : undefined,
    size: paging.src?.size,
    forwardOnly: paging.forwardOnly,
  });
  const notes = [preview.running ? (progress ?? '') : '', preview.result?.cancelled ? 'cancelled' : '', paging.note ?? ''];
  return { preview, paging, nav, cursor, position, notes };
}
