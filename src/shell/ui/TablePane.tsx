// The pane under the stage list: the preview table (Table.tsx), the
// record view (RecordView.tsx) or the column panel (ColumnPanel.tsx, F),
// and their keys.
import { useMemo } from 'react';
import { Box } from 'ink';
import { columnsOf } from '../layout.js';
import { ColumnPanel } from './ColumnPanel.js';
import { RecordView, recordLines } from './RecordView.js';
import { Table } from './Table.js';
import { useTableView } from './hooks/useTableView.js';
import { usePaneInput } from './hooks/usePaneInput.js';
import { useColumnPanel } from './hooks/useColumnPanel.js';
import type { Keys } from './hooks/useKeys.js';
import type { SessionControl } from './hooks/useSession.js';

interface TablePaneProps {
  keys: Keys;
  rows: readonly unknown[];
  width: number;
  /** Lines of the pane, and of the table's rows in it. */
  height: number;
  tableHeight: number;
  /** The rows are the last good ones of a failed run. */
  dim: boolean;
  /** For the column panel: the session (its keys add stages) and the
   * pipeline the rows come from (its whole-input jn analyze). */
  control: SessionControl;
  source: string;
  argvs: readonly string[][];
}

export function TablePane({ keys, rows, width, height, tableHeight, dim, control, source, argvs }: TablePaneProps) {
  const view = useTableView(rows.length, tableHeight);
  const { cursor, moveCursor } = view;
  const columns = useMemo(() => columnsOf(rows), [rows]);
  const panel = useColumnPanel({ rows, columns, firstColumn: view.firstColumn, scrollColumns: view.scrollColumns, control, source, argvs });
  usePaneInput('table', keys, (input, key) => {
    if (panel.open) return panel.onKey(input, key);
    if (input === 'F' && !view.recordView) return panel.show();
    if (key.return || input === 'v') return view.toggleRecordView();
    if (view.recordView) {
      const lines = rows[cursor] === undefined ? 0 : recordLines(rows[cursor]).length;
      if (key.downArrow || input === 'j') view.scrollRecord(1, lines);
      else if (key.upArrow || input === 'k') view.scrollRecord(-1, lines);
      else if (key.rightArrow || input === 'l' || input === 'n') moveCursor(cursor + 1);
      else if (key.leftArrow || input === 'h' || input === 'p') moveCursor(cursor - 1);
      return;
    }
    if (key.downArrow || input === 'j') moveCursor(cursor + 1);
    else if (key.upArrow || input === 'k') moveCursor(cursor - 1);
    else if (key.pageDown || input === ' ') moveCursor(cursor + tableHeight);
    else if (key.pageUp) moveCursor(cursor - tableHeight);
    else if (input === 'g' || key.home) moveCursor(0);
    else if (input === 'G' || key.end) moveCursor(rows.length - 1);
    else if (key.rightArrow || input === 'l') view.scrollColumns(1, columns.length);
    else if (key.leftArrow || input === 'h') view.scrollColumns(-1, 0);
  });
  return (
    <Box flexDirection="column" height={height}>
      {panel.open ? (
        <ColumnPanel panel={panel} width={width} height={height} />
      ) : view.recordView && rows[cursor] !== undefined ? (
        <RecordView row={rows[cursor]} height={tableHeight} top={view.recordTop} index={cursor} />
      ) : (
        <Table rows={rows} width={width} height={tableHeight} cursor={cursor} top={view.top} firstColumn={view.firstColumn} dim={dim} focused={keys.focus.focus === 'table'} />
      )}
    </Box>
  );
}
