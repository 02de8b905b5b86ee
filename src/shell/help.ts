// The keys of `jn shell`, by pane: the one list that the help (:help) shows
// and that docs/shell.md's Keys table must match (test/shell/help-doc.test.ts
// compares them). Adding a key: add its row here and in the doc's table.

interface KeyHelp {
  /** The pane: anywhere, editor, stage list, table, record view. */
  where: string;
  key: string;
  does: string;
}

const KEYS: readonly KeyHelp[] = [
  { where: 'anywhere', key: 'Tab, Shift-Tab, Esc', does: 'move focus (Esc in the editor first clears what you typed)' },
  { where: 'anywhere', key: 'Ctrl-C', does: 'quit; the pipeline is printed to stdout' },
  { where: 'editor', key: 'Enter', does: 'add the stage (or replace the one being edited); a line starting with `:` is a command' },
  { where: 'editor', key: '↑ / ↓', does: 'previous / next entry from the history (kept in `$JN_HOME/shell_history`)' },
  { where: 'editor', key: '← → Home End, Ctrl-A/E, Ctrl-←/→', does: 'move' },
  { where: 'editor', key: 'Backspace, Ctrl-D, Ctrl-U, Ctrl-K, Ctrl-W', does: 'delete back, forward, to start, to end, a word' },
  { where: 'stage list', key: '↑ / ↓ (k / j)', does: 'select a stage; the table shows its output' },
  { where: 'stage list', key: 'Enter or e', does: 'edit the selected stage in the editor' },
  { where: 'stage list', key: 'd or Delete', does: 'delete the stage' },
  { where: 'stage list', key: 'Space', does: 'disable / enable the stage' },
  { where: 'stage list', key: 'K / J', does: 'move the stage up / down' },
  { where: 'stage list', key: 'u / r', does: 'undo / redo a pipeline edit' },
  { where: 'stage list', key: 'a', does: 'add a stage (focus the editor)' },
  { where: 'table', key: '↑ / ↓ (k / j), PgUp / PgDn (Space), g / G', does: 'move the cursor row' },
  { where: 'table', key: '← / → (h / l)', does: 'scroll columns' },
  { where: 'table', key: 'Enter or v', does: 'record view of the cursor row (below)' },
  { where: 'table', key: '/', does: 'search the loaded rows: type the text, Enter goes to the first matching row, Esc cancels' },
  { where: 'table', key: 'n / N', does: 'next / previous matching row' },
  { where: 'table', key: 's', does: 'after a search: add it to the pipeline as a `select(...)` stage' },
  { where: 'table', key: 'Esc', does: 'clear the search (with none: move focus)' },
  { where: 'table', key: '> / <', does: 'widen / narrow the current column (the first one shown, its name underlined) by 4' },
  { where: 'record view', key: '↑ / ↓ (k / j), PgUp / PgDn, g / G', does: 'move the line cursor' },
  { where: 'record view', key: 'Enter or Space', does: 'fold / unfold the array or record on the line' },
  { where: 'record view', key: '- / +', does: 'fold every array and record / unfold all' },
  { where: 'record view', key: '← / → (h / l), n / N', does: 'previous / next record; next / previous matching record' },
  { where: 'record view', key: 'Esc or v', does: 'back to the table' },
];

/** The help lines: one per pane, its keys in order. */
export const HELP: readonly string[] = [...new Set(KEYS.map((k) => k.where))].map(
  (where) => `${where}: ${KEYS.filter((k) => k.where === where).map((k) => `${k.key}: ${k.does.replace(/`/g, '')}`).join('; ')}`,
);
