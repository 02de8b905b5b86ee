// The preview table: our own component (ink-table does not work with current
// Ink). Sticky header, cursor row, horizontal scroll by column, widths fitted
// to the terminal, wide characters aligned by display width. TablePane.tsx
// is the pane around it: the table or the record view, and their keys.
import { Box, Text } from 'ink';
import { measureColumns, renderHeader, renderRow, visibleColumns, columnsOf } from '../layout.js';

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
