// The record view: the cursor row's lines (../record.ts), a line cursor
// (`›`, as the table's cursor row), scrolled to keep it shown.
import { Box, Text } from 'ink';
import type { RecordLine } from '../record.js';

interface RecordViewProps {
  lines: readonly RecordLine[];
  height: number;
  top: number;
  line: number;
  /** The row's index in the table. */
  index: number;
  focused: boolean;
}

export function RecordView({ lines, height, top, line, index, focused }: RecordViewProps) {
  const first = Math.max(0, Math.min(top, lines.length - height));
  const more = lines.length > height ? ` · lines ${first + 1}–${Math.min(lines.length, first + height)} of ${lines.length}` : '';
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        record {index + 1}
        <Text dimColor>
          {more} · Enter/Space fold · -/+ fold all/none · ←/→ record · Esc back
        </Text>
      </Text>
      {lines.slice(first, first + height).map((l, i) => (
        <Text key={first + i} wrap="truncate" inverse={focused && first + i === line} bold={!focused && first + i === line}>
          {first + i === line ? '›' : ' '}
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
