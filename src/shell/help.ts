// The keys of `jn shell`, by pane: the one list that the help (`?`, :help)
// shows and that docs/shell.md's Keys table must match
// (test/shell/help-doc.test.ts compares them). Adding a key: add its row
// here and in the doc's table.
import { displayWidth, padToWidth } from '../kit/width.js';
import { wrapText } from './wrap.js';

interface KeyHelp {
  /** The pane: anywhere, editor, stage list, table, record view, column panel. */
  where: string;
  key: string;
  does: string;
}

export const KEYS: readonly KeyHelp[] = [
  { where: 'anywhere', key: 'Tab, Shift-Tab, Esc', does: 'move focus (Esc in the editor first clears what you typed)' },
  { where: 'anywhere', key: 'Ctrl-C', does: 'cancel the running preview; when none runs, quit (the pipeline is printed to stdout)' },
  { where: 'editor', key: 'Enter', does: 'add the stage (or replace the one being edited); a line starting with `:` is a command' },
  { where: 'editor', key: '↑ / ↓', does: 'previous / next entry from the history (kept in `$JN_HOME/shell_history`)' },
  { where: 'editor', key: '← → Home End, Ctrl-A/E, Ctrl-←/→', does: 'move' },
  { where: 'editor', key: 'Backspace, Ctrl-D, Ctrl-U, Ctrl-K, Ctrl-W', does: 'delete back, forward, to start, to end, a word' },
  { where: 'editor', key: 'Tab', does: 'complete the word at the cursor (field path, builtin, stage command, option, file name); several candidates show under the editor; with nothing to complete, Tab moves the focus (Shift-Tab always does)' },
  { where: 'editor', key: 'Enter on a pasted pipeline', does: 'a whole `jn cat SRC` pipeline becomes the source and the stages (one undoable change)' },
  { where: 'stage list', key: '↑ / ↓ (k / j)', does: 'select a stage; the table shows its output' },
  { where: 'stage list', key: 'Enter or e', does: 'edit the selected stage in the editor' },
  { where: 'stage list', key: 'd or Delete', does: 'delete the stage (`u` brings it back)' },
  { where: 'stage list', key: 'Space', does: 'disable / enable the stage' },
  { where: 'stage list', key: 'K / J', does: 'move the stage up / down' },
  { where: 'stage list', key: 'u / r', does: 'undo / redo a pipeline edit' },
  { where: 'stage list', key: 'a', does: 'add a stage (focus the editor)' },
  { where: 'stage list', key: 'Esc', does: 'while a stage reads all its input (its progress beside it): cancel the run; else move focus' },
  { where: 'stage list', key: 'E', does: 'show the whole error of a failed stage (any key closes it)' },
  { where: 'table', key: '↑ / ↓ (k / j), PgUp / PgDn (Space)', does: 'move the cursor row; rows past those read are read on (see Paging)' },
  { where: 'table', key: 'g / G (Home / End)', does: 'the first / the last row of the output (a file that can seek: jumps to its end)' },
  { where: 'table', key: 'digits then % (50%)', does: 'jump to that percentage of the source, as in less' },
  { where: 'table', key: 'R', does: 'run in full: the whole pipeline to the end of its output, with progress; R again cancels' },
  { where: 'table', key: '← / → (h / l)', does: 'scroll columns' },
  { where: 'table', key: 'Enter or v', does: 'record view of the cursor row (below)' },
  { where: 'table', key: '/', does: 'search the loaded rows: type the text, Enter goes to the first matching row, Esc cancels' },
  { where: 'table', key: 'n / N', does: 'next / previous matching row' },
  { where: 'table', key: 's', does: 'after a search: add it to the pipeline as a `select(...)` stage' },
  { where: 'table', key: 'Esc', does: 'clear the search (with none: move focus)' },
  { where: 'table', key: '> / <', does: 'widen / narrow the current column (the first one shown, its name underlined) by 4' },
  { where: 'table', key: 'F', does: 'column panel: the figures of the first column shown and the stages they write (see Column insight)' },
  { where: 'record view', key: '↑ / ↓ (k / j), PgUp / PgDn, g / G', does: 'move the line cursor' },
  { where: 'record view', key: 'Enter or Space', does: 'fold / unfold the array or record on the line' },
  { where: 'record view', key: '- / +', does: 'fold every array and record / unfold all' },
  { where: 'record view', key: '← / → (h / l), n / N', does: 'previous / next record; next / previous matching record' },
  { where: 'record view', key: 'Esc or v', does: 'back to the table' },
  { where: 'column panel', key: '↑ / ↓ (k / j)', does: 'select a top value' },
  { where: 'column panel', key: '← / → (h / l)', does: 'previous / next column' },
  { where: 'column panel', key: 'Enter or =', does: 'add `select(.col == VALUE)`: only the rows with the selected value' },
  { where: 'column panel', key: '!', does: 'add `select(.col != VALUE)`: the rows without it' },
  { where: 'column panel', key: '[ / ]', does: 'add a sort by the column, ascending / descending (`filter -s`: it reads all its input)' },
  { where: 'column panel', key: 'c', does: 'add a count of the rows by value, most first (`filter -s`: it reads all its input)' },
  { where: 'column panel', key: '-', does: 'add `del(.col)`: drop the column' },
  { where: 'column panel', key: 'Space, K', does: 'mark the column; add `{a, b}`: keep only the marked columns (or this one)' },
  { where: 'column panel', key: 'a', does: 'the figures over the whole input (`jn analyze` in the background); again: over the rows loaded' },
  { where: 'column panel', key: 'Esc or F', does: 'cancel a running `jn analyze`, else close the panel' },
  { where: 'stage list, table', key: '?', does: 'this help (`:help` from the editor); ↑/↓ or PgUp/PgDn scroll it; Esc, ? or q close it' },
  { where: 'stage list, table', key: 'q', does: 'quit; the pipeline is printed to stdout' },
];

/** The help as lines of at most `width` columns: each pane's name, then
 * its keys, the key on the left and what it does wrapped on the right. */
export function helpLines(width: number): string[] {
  const keyWidth = Math.min(Math.max(...KEYS.map((k) => displayWidth(k.key))), Math.max(8, Math.floor(width * 0.4)));
  const doesWidth = Math.max(8, width - keyWidth - 4);
  const lines: string[] = [];
  for (const where of new Set(KEYS.map((k) => k.where))) {
    if (lines.length > 0) lines.push('');
    lines.push(where);
    for (const k of KEYS.filter((x) => x.where === where)) {
      const left = wrapText(k.key, keyWidth);
      const right = wrapText(k.does.replace(/`/g, ''), doesWidth);
      for (let i = 0; i < Math.max(left.length, right.length); i++) {
        lines.push(`  ${padToWidth(left[i] ?? '', keyWidth)}  ${right[i] ?? ''}`.trimEnd());
      }
    }
  }
  return lines;
}
