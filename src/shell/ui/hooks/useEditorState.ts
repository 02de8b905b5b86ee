// The stage editor's state: the line being typed, and which stage it
// replaces on Enter (null: it adds one).
import { type Line } from '../../lineedit.js';
import { useStateRef, type SetStateRef } from './useStateRef.js';

export interface EditorState {
  line: Line;
  setLine: SetStateRef<Line>;
  lineRef: { readonly current: Line };
  editing: number | null;
  setEditing: SetStateRef<number | null>;
  editingRef: { readonly current: number | null };
}

export const EMPTY_LINE: Line = { text: '', cursor: 0 };

export function useEditorState(): EditorState {
  const [line, setLine, lineRef] = useStateRef<Line>(EMPTY_LINE);
  const [editing, setEditing, editingRef] = useStateRef<number | null>(null);
  return { line, setLine, lineRef, editing, setEditing, editingRef };
}
