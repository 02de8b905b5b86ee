// The pane under the stage list: the preview table (Table.tsx) or the
// record view (RecordView.tsx), and their keys. The rows are a page of a
// run that reads on as the cursor moves (useRowCursor, usePaging).
import { useRef } from 'react';
import { Box } from 'ink';
import { columnsOf } from '../layout.js';
import { RecordView, recordLines } from './RecordView.js';
import { Table } from './Table.js';
import { useTableView } from './hooks/useTableView.js';
import { usePaneInput } from './hooks/usePaneInput.js';
import type { Keys } from './hooks/useKeys.js';
import type { Page } from './hooks/usePreview.js';
import type { Navigation } from './hooks/usePaging.js';
import type { RowCursor } from './hooks/useRowCursor.js';

interface TablePaneProps {
  keys: Keys;
  page: Page;
  nav: Navigation;
  cur: RowCursor;
  width: number;
  /** Lines of the pane, and of the table's rows in it. */
  height: number;
  tableHeight: number;
  /** The rows are the last good ones of a failed run. */
  dim: boolean;
  /** The run is reading (R then cancels it). */
  running: boolean;
}

export function TablePane({ keys, page, nav, cur, width, height, tableHeight, dim, running }: TablePaneProps) {
  const view = useTableView(tableHeight);
  const { cursor, top } = cur;
  const rows = page.rows;
  const at = (i: number) => rows[i - page.first];
  // only the rows on screen are drawn (and measured)
  const shown = rows.slice(top - page.first, top - page.first + tableHeight);
  // digits typed before `%` (as in less: 50% goes to the middle)
  const digits = useRef('');
  usePaneInput('table', keys, (input, key) => {
    const typed = digits.current;
    digits.current = /^[0-9]$/.test(input) ? typed + input : '';
    if (/^[0-9]$/.test(input)) return;
    if (input === '%' && typed !== '') return nav.percent(Math.min(100, Number(typed)));
    if (key.return || input === 'v') return view.toggleRecordView();
    if (view.recordView) {
      const lines = at(cursor) === undefined ? 0 : recordLines(at(cursor)).length;
      if (key.downArrow || input === 'j') view.scrollRecord(1, lines);
      else if (key.upArrow || input === 'k') view.scrollRecord(-1, lines);
      else if (key.rightArrow || input === 'l' || input === 'n') (cur.moveBy(1), view.resetRecord());
      else if (key.leftArrow || input === 'h' || input === 'p') (cur.moveBy(-1), view.resetRecord());
      return;
    }
    if (key.downArrow || input === 'j') cur.moveBy(1);
    else if (key.upArrow || input === 'k') cur.moveBy(-1);
    else if (key.pageDown || input === ' ') cur.moveBy(tableHeight);
    else if (key.pageUp) cur.moveBy(-tableHeight);
    else if (input === 'g' || key.home) nav.start();
    else if (input === 'G' || key.end) nav.end();
    else if (input === 'R') (running ? nav.cancel() : nav.runFull());
    else if (key.rightArrow || input === 'l') view.scrollColumns(1, columnsOf(shown).length);
    else if (key.leftArrow || input === 'h') view.scrollColumns(-1, 0);
  });
  return (
    <Box flexDirection="column" height={height}>
      {view.recordView && at(cursor) !== undefined ? (
        <RecordView row={at(cursor)} height={tableHeight} top={view.recordTop} index={nav.rowNumber(cursor)} />
      ) : (
        <Table rows={shown} width={width} height={tableHeight} cursor={cursor - top} top={0} firstColumn={view.firstColumn} dim={dim} focused={keys.focus.focus === 'table'} />
      )}
    </Box>
  );
}
