// The preview table: our own component (ink-table does not work with current
// Ink). Sticky header with each column's type, cursor row, horizontal scroll
// by column (the first column shown is the current one, its name
// underlined while the table has the focus), widths fitted to
// the terminal, wide characters aligned by display width. Only the rows on
// screen are drawn, and a cell costs the same whatever the size of its
// value. TablePane.tsx is the pane around it.
import { Box, Text } from 'ink';
import { renderHeader, renderRow, visibleColumns, tableColumns, columnsOf, type Column, type Segment } from '../layout.js';

interface TableProps {
  rows: readonly unknown[];
  /** The columns (useTableColumns); measured here when not given. */
  columns?: readonly Column[];
  width: number;
  height: number;
  cursor: number;
  top: number;
  firstColumn: number;
  dim?: boolean;
  focused?: boolean;
  /** A search to mark in the cells (lowercase). */
  needle?: string;
}

const STYLES = {
  dim: { dimColor: true },
  current: { underline: true },
  match: { backgroundColor: 'yellow', color: 'black' },
} as const;

function Segments({ segments }: { segments: readonly Segment[] }) {
  return segments.map((s, i) =>
    s.style ? (
      <Text key={i} {...STYLES[s.style]}>
        {s.text}
      </Text>
    ) : (
      s.text
    ),
  );
}

export function Table({ rows, columns, width, height, cursor, top, firstColumn, dim, focused, needle = '' }: TableProps) {
  if (rows.length === 0) {
    return (
      <Box height={height + 2}>
        <Text dimColor>(no rows)</Text>
      </Box>
    );
  }
  const all = columns ?? tableColumns(rows, columnsOf(rows));
  const cols = visibleColumns(all, firstColumn, width - 2);
  const more = firstColumn + cols.length < all.length;
  const rule = cols.map((c) => '─'.repeat(c.width)).join('  ');
  const shown = rows.slice(top, top + height);
  return (
    <Box flexDirection="column">
      <Text bold dimColor={dim} wrap="truncate">
        {firstColumn > 0 ? '‹' : ' '}
        <Segments segments={renderHeader(cols, focused)} />
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
            <Segments segments={renderRow(row, cols, needle)} />
          </Text>
        );
      })}
    </Box>
  );
}
