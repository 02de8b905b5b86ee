// The cursor row as pretty JSON, scrollable.
import { Box, Text } from 'ink';
import { escapeControls } from '../../kit/text.js';

export function recordLines(row: unknown): string[] {
  return JSON.stringify(row, null, 2).split('\n').map(escapeControls);
}

export function RecordView({ row, height, top, index }: { row: unknown; height: number; top: number; index: number }) {
  const lines = recordLines(row);
  return (
    <Box flexDirection="column">
      <Text bold>
        record {index + 1} ({lines.length} lines)
      </Text>
      {lines.slice(top, top + height).map((l, i) => (
        <Text key={top + i} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}
