// The pipeline: the source, then each stage with its status (time, or the
// error of a failed stage next to it). The selected stage's output is what
// the table shows.
import { Box, Text } from 'ink';
import type { StageEntry } from '../session.js';
import type { StageStatus } from '../preview.js';

export interface StageListProps {
  source: string;
  stages: readonly StageEntry[];
  selected: number;
  focused: boolean;
  statuses: readonly StageStatus[];
  width: number;
  running: boolean;
}

function statusText(st: StageStatus | undefined): { text: string; color?: string } {
  if (!st) return { text: '' };
  if (!st.ok) return { text: `✗ ${st.message ?? 'failed'}`, color: 'red' };
  return { text: st.ms !== undefined ? `${Math.round(st.ms)} ms` : '' };
}

export function StageList({ source, stages, selected, focused, statuses, width, running }: StageListProps) {
  const sourceStatus = statuses.filter((s) => s.index === -1).find((s) => !s.ok) ?? statuses.find((s) => s.index === -1);
  const src = statusText(sourceStatus);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={focused ? 'cyan' : 'gray'} width={width} paddingX={1}>
      <Text wrap="truncate">
        <Text color="cyan">source </Text>
        <Text>{source}</Text>
        <Text color={src.color ?? 'gray'}> {src.text}</Text>
      </Text>
      {stages.map((s, i) => {
        const st = statusText(statuses.find((x) => x.index === i));
        const isSel = i === selected;
        return (
          <Text key={s.id} wrap="truncate" inverse={isSel && focused} dimColor={!s.enabled}>
            {isSel ? '›' : ' '}
            {String(i + 1).padStart(2)}. {s.enabled ? '' : '(off) '}
            {s.text}
            <Text color={st.color ?? 'gray'}> {st.text}</Text>
          </Text>
        );
      })}
      {stages.length === 0 ? <Text dimColor>(no stages yet: type one below and press Enter)</Text> : null}
      {running ? <Text color="yellow">running…</Text> : null}
    </Box>
  );
}
