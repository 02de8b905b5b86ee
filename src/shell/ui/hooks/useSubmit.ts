// Enter in the editor: a colon command, or the entry added as a stage (or
// replacing the one being edited).
import type { History } from '../../history.js';
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

/** Returns submit(entry = the editor's line). */
export function useSubmit({ control, editor, history, onEnter, onStage, runCommand }: SubmitDeps): (entry?: string) => void {
  return (entry = editor.lineRef.current.text) => {
    const text = entry.trim();
    if (text === '') return;
    onEnter();
    history?.add(entry);
    history?.resetNavigation();
    if (text.startsWith(':')) {
      runCommand(text);
      editor.setLine(EMPTY_LINE);
      return;
    }
    const { session, commit, setSelected } = control;
    try {
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
      onStage();
      editor.setLine(EMPTY_LINE);
    } catch (err) {
      control.fail(err);
    }
  };
}
