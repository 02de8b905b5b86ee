// The record view: the cursor row's lines (../record.ts), a line cursor
// (`›`, as the table's cursor row), scrolled to keep it shown.
import { Box, Text } from 'ink';
import type { RecordLine } from '../record.js';
import { findText } from '../search.js';

interface RecordViewProps {
  lines: readonly RecordLine[];
  /** A search to mark (lowercase). */
  needle: string;
  height: number;
  top: number;
  line: number;
  /** The row's index in the table. */
  index: number;
  focused: boolean;
}

/** A line's text, the first match of `needle` marked. */
function Marked({ text, needle }: { text: string; needle: string }) {
  const at = needle ? findText(text, needle) : -1;
  if (at === -1) return text;
  return (
    <>
      {text.slice(0, at)}
      <Text backgroundColor="yellow" color="black">
        {text.slice(at, at + needle.length)}
      </Text>
      {text.slice(at + needle.length)}
    </>
  );
}

export function RecordView({ lines, needle, height, top, line, index, focused }: RecordViewProps) {
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
          <Marked text={l.text} needle={needle} />
        </Text>
      ))}
    </Box>
  );
}
