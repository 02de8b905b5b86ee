// The help lines (:help) and the status line: what the table shows, how
// long the run took, and the error of a failed run.
import { Text } from 'ink';
import type { Preview } from './hooks/usePreview.js';

export const HELP = [
  'Tab/Esc: move focus (editor → stages → table)   Ctrl-C or :q: quit (prints the pipeline)',
  'editor: Enter adds the stage (or replaces the one being edited); ↑/↓ history; :export FILE (:export! replaces), :load FILE, :save FILE, :source ADDR, :limit N, :undo, :redo, :help',
  'stages: ↑/↓ select (the table shows that stage\'s output); Enter/e edit; d delete; space on/off; J/K move down/up; u undo; r redo; a add',
  'table: ↑/↓ row, ←/→ columns, PgUp/PgDn, g/G first/last, Enter or v: record view',
];

interface StatusLineProps {
  preview: Preview;
  /** Rows in the table. */
  rowCount: number;
  limit: number;
  /** Which output the table shows, when it is not the whole pipeline's. */
  shown: string;
  showHelp: boolean;
}

/** What the table shows after a failed run: the rows it wrote before it
 * failed, or the last good output, or nothing. */
function errorNote({ result, lastGood }: Preview): string {
  if (result && result.rows.length > 0) return 'error: the rows before it are shown';
  return lastGood ? 'error: showing the last good output, dimmed' : 'error';
}

export function StatusLine({ preview, rowCount, limit, shown, showHelp }: StatusLineProps) {
  const { result, running, liveRows } = preview;
  const error = result?.error;
  const status = [
    `${rowCount} row${rowCount === 1 ? '' : 's'}`,
    result?.limited && !liveRows ? `first ${limit} rows (limit)` : '',
    result && !running ? `${Math.round(result.ms)} ms` : '',
    running ? 'running…' : '',
    error ? errorNote(preview) : '',
    shown,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      {showHelp
        ? HELP.map((h) => (
            <Text key={h} color="gray" wrap="truncate">
              {h}
            </Text>
          ))
        : null}
      <Text color={error ? 'red' : 'gray'} wrap="truncate">
        {status}
        {error ? ` — ${error.message}` : ''}
      </Text>
    </>
  );
}
