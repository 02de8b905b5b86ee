// The keys of `jn shell`, by pane, as the help lines show them (:help).
export const HELP = [
  'Tab/Esc: move focus (editor → stages → table)   Ctrl-C or :q: quit (prints the pipeline)',
  'editor: Enter adds the stage (or replaces the one being edited); ↑/↓ history; :export FILE (:export! replaces), :load FILE, :save FILE, :source ADDR, :limit N, :undo, :redo, :help',
  'stages: ↑/↓ select (the table shows that stage\'s output); Enter/e edit; d delete; space on/off; J/K move down/up; u undo; r redo; a add',
  'table: ↑/↓ row, ←/→ columns, PgUp/PgDn, g/G first/last, Enter or v: record view',
];
