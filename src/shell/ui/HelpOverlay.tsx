// The box drawn over the panes (hooks/useOverlay): the help, or a stage's
// whole error, with a line that says how to scroll and close it.
import { Box, Text } from 'ink';
import { overlayHeight, type Overlay } from './hooks/useOverlay.js';

export function HelpOverlay({ overlay, width, rows }: { overlay: Overlay; width: number; rows: number }) {
  const { lines, top, title, content } = overlay;
  const height = overlayHeight(rows);
  const more = lines.length > height;
  const shown = lines.slice(top, top + height);
  const close = content?.kind === 'help' ? 'Esc, ? or q: close' : more ? 'any other key: close' : 'any key: close';
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={content?.kind === 'error' ? 'red' : 'cyan'} width={width} paddingX={1}>
      <Text bold wrap="truncate">
        {title}
      </Text>
      {shown.map((l, i) => (
        <Text key={top + i} wrap="truncate">
          {l || ' '}
        </Text>
      ))}
      <Text dimColor wrap="truncate">
        {more ? `lines ${top + 1}–${top + shown.length} of ${lines.length} · ↑/↓ PgUp/PgDn: scroll · ` : ''}
        {close}
      </Text>
    </Box>
  );
}
