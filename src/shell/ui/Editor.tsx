// The stage editor: one line with a cursor, like a prompt.
import { Box, Text } from 'ink';
import type { Line } from '../lineedit.js';

export function Editor({ line, focused, label, error, width }: { line: Line; focused: boolean; label: string; error?: string; width: number }) {
  const before = line.text.slice(0, line.cursor);
  const at = line.text.slice(line.cursor, line.cursor + 1) || ' ';
  const after = line.text.slice(line.cursor + 1);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-start">
        <Text color={focused ? 'cyan' : 'gray'}>{label}</Text>
        <Text>{before}</Text>
        <Text inverse={focused}>{at}</Text>
        <Text>{after}</Text>
      </Text>
      {error ? (
        <Text color="red" wrap="truncate">
          {error}
        </Text>
      ) : null}
    </Box>
  );
}
