// The lines under the stage editor while typing: the syntax error of a
// filter stage with a caret under its place, and the completion candidates.
import { Text } from 'ink';
import { displayWidth } from '../../kit/width.js';
import type { FilterSyntaxError } from '../filter-syntax.js';

/** `^ message` under display column `col` (0-based), or `message ^` when
 * the message would not fit after the caret. */
function caretText(col: number, message: string, width: number): string {
  const after = ' '.repeat(col) + '^ ' + message;
  if (displayWidth(after) <= width || col < displayWidth(message) + 1) return after;
  return ' '.repeat(col - displayWidth(message) - 1) + message + ' ^';
}

interface SyntaxCaretProps {
  error: FilterSyntaxError;
  /** The editor line as drawn: its label and text. */
  label: string;
  text: string;
  width: number;
}

/** The caret under the place of a syntax error (the editor line keeps its
 * end when it is wider than the terminal: columns shift the same way). */
export function SyntaxCaret({ error, label, text, width }: SyntaxCaretProps) {
  const message = `syntax error: ${error.message}`;
  if (error.at < 0) {
    return (
      <Text color="yellow" wrap="truncate">
        {message}
      </Text>
    );
  }
  // the line is drawn with one more cell for the cursor at its end
  const shift = Math.max(0, displayWidth(label + text) + 1 - width);
  const col = displayWidth(label + text.slice(0, error.at)) - shift;
  return (
    <Text color="yellow" wrap="truncate">
      {col < 0 ? message : caretText(col, message, width)}
    </Text>
  );
}

/** The candidates on one line, as many as fit, then how many more. */
function candidatesText(candidates: readonly string[], width: number): string {
  let line = '';
  for (let i = 0; i < candidates.length; i++) {
    const next = (line ? line + '  ' : '') + candidates[i];
    const more = i + 1 < candidates.length ? `  … (+${candidates.length - i - 1})` : '';
    if (displayWidth(next + more) > width) return line + `  … (+${candidates.length - i})`;
    line = next;
  }
  return line;
}

export function Candidates({ candidates, width }: { candidates: readonly string[]; width: number }) {
  return (
    <Text color="gray" wrap="truncate">
      {candidatesText(candidates, width)}
    </Text>
  );
}
