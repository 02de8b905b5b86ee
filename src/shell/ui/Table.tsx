// The preview table: our own component (ink-table does not work with current
// Ink). Sticky header, cursor row, horizontal scroll by column, widths fitted
// to the terminal, wide characters aligned by display width. TablePane is
// the pane around it: the table or the record view, and their keys.
import { Box, Text } from 'ink';
import { measureColumns, renderHeader, renderRow, visibleColumns, columnsOf } from '../layout.js';
import { RecordView, recordLines } from './RecordView.js';
import { useTableView } from './hooks/useTableView.js';
import { usePaneInput } from './hooks/usePaneInput.js';
import type { Keys } from './hooks/useKeys.js';

interface TableProps {
  rows: readonly unknown[];
  width: number;
  height: number;
  cursor: number;
  top: number;
  firstColumn: number;
  dim?: boolean;
  focused?: boolean;
}

export function Table({ rows, width, height, cursor, top, firstColumn, dim, focused }: TableProps) {
  const all = measureColumns(rows, columnsOf(rows));
  if (rows.length === 0) {
    return (
      <Box height={height + 2}>
        <Text dimColor>(no rows)</Text>
      </Box>
    );
  }
  const cols = visibleColumns(all, firstColumn, width - 2);
  const more = firstColumn + cols.length < all.length;
  const header = renderHeader(cols);
  const rule = cols.map((c) => '─'.repeat(c.width)).join('  ');
  const shown = rows.slice(top, top + height);
  return (
    <Box flexDirection="column">
      <Text bold dimColor={dim} wrap="truncate">
        {firstColumn > 0 ? '‹' : ' '}
        {header}
        {more ? ' ›' : ''}
      </Text>
      <Text dimColor wrap="truncate">
        {' '}
        {rule}
      </Text>
      {shown.map((row, i) => {
        const at = top + i;
        const selected = at === cursor;
        return (
          <Text key={at} dimColor={dim} inverse={selected && focused} bold={selected && !focused} wrap="truncate">
            {selected ? '›' : ' '}
            {renderRow(row, cols)}
          </Text>
        );
      })}
    </Box>
  );
}

interface TablePaneProps {
  keys: Keys;
  rows: readonly unknown[];
  width: number;
  /** Lines of the pane, and of the table's rows in it. */
  height: number;
  tableHeight: number;
  /** The rows are the last good ones of a failed run. */
  dim: boolean;
}

export function TablePane({ keys, rows, width, height, tableHeight, dim }: TablePaneProps) {
  const view = useTableView(rows.length, tableHeight);
  const { cursor, moveCursor } = view;
  usePaneInput('table', keys, (input, key) => {
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
    else if (key.rightArrow || input === 'l') view.scrollColumns(1, columnsOf(rows).length);
    else if (key.leftArrow || input === 'h') view.scrollColumns(-1, 0);
  });
  return (
    <Box flexDirection="column" height={height}>
      {view.recordView && rows[cursor] !== undefined ? (
        <RecordView row={rows[cursor]} height={tableHeight} top={view.recordTop} index={cursor} />
      ) : (
        <Table rows={rows} width={width} height={tableHeight} cursor={cursor} top={view.top} firstColumn={view.firstColumn} dim={dim} focused={keys.focus.focus === 'table'} />
      )}
    </Box>
  );
}
