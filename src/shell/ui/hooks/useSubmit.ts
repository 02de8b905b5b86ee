// Enter in the editor: a colon command, a whole pipeline (`jn cat x.csv |
// jn filter ...`: the new source and stages, one undoable change), or the
// entry added as a stage (or replacing the one being edited).
import type { History } from '../../history.js';
import type { Line } from '../../lineedit.js';
import { parsePipeline } from '../../load.js';
import { continuedLine, isPipeline } from '../../paste.js';
import { EMPTY_LINE, type EditorState } from './useEditorState.js';
import type { SessionControl } from './useSession.js';

interface SubmitDeps {
  control: SessionControl;
  editor: EditorState;
  history: History | undefined;
  /** Called first, for any entry (benchmark timing). */
  onEnter(): void;
  /** Called once a stage is in (the preview must not wait for its debounce). */
  onStage(): void;
  runCommand(text: string): void;
}

/** Returns submit(entry = the editor's line), which returns the line to go
 * on editing when the entry is a pipeline whose line goes on (`\` or `|` at
 * its end: the next line of a paste follows), else undefined. */
export function useSubmit({ control, editor, history, onEnter, onStage, runCommand }: SubmitDeps): (entry?: string) => Line | undefined {
  return (entry = editor.lineRef.current.text) => {
    const text = entry.trim();
    if (text === '') return undefined;
    const continued = continuedLine(entry);
    if (continued !== undefined) {
      const line = { text: continued, cursor: continued.length };
      editor.setLine(line);
      return line;
    }
    onEnter();
    history?.add(entry);
    history?.resetNavigation();
    if (text.startsWith(':')) {
      runCommand(text);
      editor.setLine(EMPTY_LINE);
      return undefined;
    }
    const { session, commit, setSelected } = control;
    try {
      if (isPipeline(text)) {
        const next = session.replace(parsePipeline(text, 'pipeline'));
        setSelected(next.stages.length - 1);
        commit(next);
        editor.setEditing(null);
      } else {
        const editIndex = editor.editingRef.current;
        if (editIndex !== null) {
          commit(session.edit(editIndex, entry));
          setSelected(editIndex);
          editor.setEditing(null);
        } else {
          const next = session.add(entry);
          commit(next);
          setSelected(next.stages.length - 1);
        }
      }
      onStage();
      editor.setLine(EMPTY_LINE);
    } catch (err) {
      control.fail(err);
    }
    return undefined;
  };
}
