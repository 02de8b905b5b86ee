// The stage editor: one line with a cursor, like a prompt, and under it
// the syntax error of a filter being typed and the completion candidates.
// EditorPane is the editor with its keys.
import { useMemo } from 'react';
import { Box, Text, type Key } from 'ink';
import { filterSyntaxError } from '../filter-syntax.js';
import type { History } from '../history.js';
import { edit, type EditKey, type Line } from '../lineedit.js';
import { Candidates, SyntaxCaret } from './EditorHints.js';
import { usePaneInput } from './hooks/usePaneInput.js';
import { useCompletion } from './hooks/useCompletion.js';
import { EMPTY_LINE, type EditorState } from './hooks/useEditorState.js';
import type { Keys } from './hooks/useKeys.js';

function Editor({ line, focused, label, error, width }: { line: Line; focused: boolean; label: string; error?: string; width: number }) {
  const before = line.text.slice(0, line.cursor);
  const at = line.text.slice(line.cursor, line.cursor + 1) || ' ';
  const after = line.text.slice(line.cursor + 1);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-start">
        <Text color={focused ? 'cyan' : 'gray'}>{label}</Text>
        <Text>{before}</Text>
        <Text inverse={focused}>{at}</Text>
        <Text>{after}</Text>
      </Text>
      {error ? (
        <Text color="red" wrap="truncate">
          {error}
        </Text>
      ) : null}
    </Box>
  );
}

/** The edit a key makes, if it is one (Enter, Esc, ↑/↓ and typed-ahead
 * lines are not). */
function editKeyOf(input: string, key: Key): EditKey | undefined {
  if (key.leftArrow) return { type: key.ctrl || key.meta ? 'word-left' : 'left' };
  if (key.rightArrow) return { type: key.ctrl || key.meta ? 'word-right' : 'right' };
  if (key.home || (key.ctrl && input === 'a')) return { type: 'home' };
  if (key.end || (key.ctrl && input === 'e')) return { type: 'end' };
  if (key.backspace || key.delete) return { type: 'backspace' };
  if (key.ctrl && input === 'd') return { type: 'delete' };
  if (key.ctrl && input === 'u') return { type: 'kill-line' };
  if (key.ctrl && input === 'k') return { type: 'kill-to-end' };
  if (key.ctrl && input === 'w') return { type: 'kill-word' };
  if (!key.ctrl && !key.meta && input) return { type: 'insert', text: input };
  return undefined;
}

interface EditorPaneProps {
  keys: Keys;
  editor: EditorState;
  history: History | undefined;
  /** Enter: returns the line to go on editing (a pipeline continued on the
   * next line), or undefined. */
  submit(entry?: string): Line | undefined;
  width: number;
  error?: string;
  /** The rows the preview shows: field names for completion. */
  rows: readonly unknown[];
  /** The rows are those of the stage being typed (the preview runs it). */
  draft: boolean;
}

export function EditorPane({ keys, editor, history, submit, width, error, rows, draft }: EditorPaneProps) {
  const { setLine, setEditing } = editor;
  const completion = useCompletion(rows, draft);
  usePaneInput('editor', keys, (input, key) => {
    // The latest values, not this render's (see useStateRef).
    const line = editor.lineRef.current;
    if (key.tab) {
      const next = completion.tab(line);
      if (next) setLine(next);
      return next !== undefined;
    }
    completion.clear();
    if (key.escape) {
      if (editor.editingRef.current !== null || line.text) {
        setEditing(null);
        setLine(EMPTY_LINE);
      } else keys.focus.cycle(false);
      return;
    }
    if (key.return) {
      submit();
      return;
    }
    if (key.upArrow || key.downArrow) {
      const h = key.upArrow ? history?.prev(line.text) : history?.next();
      if (h !== undefined) setLine({ text: h, cursor: h.length });
      return;
    }
    const k = editKeyOf(input, key);
    if (k?.type === 'insert' && /[\r\n\t]/.test(k.text)) typeAhead(k.text, line, key);
    else if (k) setLine((l) => edit(l, k));
  });
  /** Keys typed ahead or pasted, in one piece of input: each line end is
   * an Enter, each tab a Tab (a completion; with nothing to complete the
   * focus moves, and the keys after it go to the pane that has it). */
  const typeAhead = (text: string, line: Line, key: Key): void => {
    const parts = text.split(/(\r\n?|\n|\t)/);
    let current = line;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (i % 2 === 0) current = edit(current, { type: 'insert', text: part });
      else if (part !== '\t') current = submit(current.text) ?? EMPTY_LINE;
      else {
        const next = completion.tab(current);
        if (next) {
          current = next;
          continue;
        }
        setLine(current);
        keys.focus.cycle(false);
        const rest = parts.slice(i + 1).join('');
        if (rest) keys.dispatch(rest, key);
        return;
      }
    }
    setLine(current);
  };
  const { line, editing } = editor;
  const label = editing !== null ? `edit ${editing + 1}> ` : 'stage> ';
  const focused = keys.focus.focus === 'editor';
  const syntax = useMemo(() => filterSyntaxError(line.text), [line.text]);
  return (
    <Box flexDirection="column" width={width}>
      <Editor line={line} focused={focused} label={label} width={width} error={error} />
      {focused && syntax && !error ? <SyntaxCaret error={syntax} label={label} text={line.text} width={width} /> : null}
      {focused && completion.candidates.length > 0 ? <Candidates candidates={completion.candidates} width={width} /> : null}
    </Box>
  );
}
