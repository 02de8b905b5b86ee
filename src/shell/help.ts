// The keys of `jn shell`, by pane: the one list that the help (:help) shows
// and that docs/shell.md's Keys table must match (test/shell/help-doc.test.ts
// compares them). Adding a key: add its row here and in the doc's table.

interface KeyHelp {
  /** The pane: anywhere, editor, stage list, table. */
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
  { where: 'table', key: '↑ / ↓ (k / j), PgUp / PgDn (Space)', does: 'move the cursor row; rows past those read are read on (see Paging)' },
  { where: 'table', key: 'g / G (Home / End)', does: 'the first / the last row of the output (a file that can seek: jumps to its end)' },
  { where: 'table', key: 'digits then % (50%)', does: 'jump to that percentage of the source, as in less' },
  { where: 'table', key: 'R', does: 'run in full: the whole pipeline to the end of its output, with progress; R again cancels' },
  { where: 'table', key: '← / → (h / l)', does: 'scroll columns' },
  { where: 'table', key: 'Enter or v', does: 'record view: the cursor row as pretty JSON (↑/↓ scroll, ←/→ previous/next record)' },
];

/** The help lines: one per pane, its keys in order. */
export const HELP: readonly string[] = [...new Set(KEYS.map((k) => k.where))].map(
  (where) => `${where}: ${KEYS.filter((k) => k.where === where).map((k) => `${k.key}: ${k.does.replace(/`/g, '')}`).join('; ')}`,
);
