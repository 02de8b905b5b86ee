// The status line: what the table shows, how long the run took, and the
// error of a failed run.
import { Text } from 'ink';
import type { Preview } from './hooks/usePreview.js';

interface StatusLineProps {
  preview: Preview;
  /** Which rows the table shows (paging/position.ts). */
  position: readonly string[];
  /** More to say: a jump that could not be done, progress. */
  notes: readonly string[];
  /** Which output the table shows, when it is not the whole pipeline's. */
  shown: string;
  /** The run was cancelled (Ctrl-C). */
  cancelled: boolean;
}

/** What the table shows after a failed run: the rows it wrote before it
 * failed, or the last good output, or nothing. */
function errorNote({ result, lastGood }: Preview): string {
  if (result && result.rows.length > 0) return 'error: the rows before it are shown';
  return lastGood ? 'error: showing the last good output, dimmed' : 'error';
}

export function StatusLine({ preview, position, notes, shown, cancelled }: StatusLineProps) {
  const { result, running } = preview;
  const error = result?.error;
  const status = [
    position[0],
    result && !running ? `${Math.round(result.ms)} ms` : '',
    running ? 'running…' : '',
    // (the run may say so itself, among the notes)
    cancelled && !running && !notes.includes('cancelled') ? 'cancelled' : '',
    error ? errorNote(preview) : '',
    shown,
    ...position.slice(1),
    ...notes,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Text color={error ? 'red' : 'gray'} wrap="truncate">
      {status}
      {error ? ` — ${error.message}` : ''}
    </Text>
  );
}
