// Which pane has the keys: the stage editor, the stage list or the table.
import { useCallback } from 'react';
import { useStateRef } from './useStateRef.js';

export type Focus = 'editor' | 'stages' | 'table';

const ORDER: readonly Focus[] = ['editor', 'stages', 'table'];

export interface FocusState {
  /** This render's focus. */
  focus: Focus;
  /** The latest focus, set by keys not yet drawn (see useStateRef). */
  ref: { readonly current: Focus };
  set(next: Focus): void;
  /** Tab (or Shift-Tab): the next (or previous) pane, editor → stages → table. */
  cycle(back: boolean): void;
}

export function useFocusState(): FocusState {
  const [focus, set, ref] = useStateRef<Focus>('editor');
  const cycle = useCallback(
    (back: boolean) => {
      const i = ORDER.indexOf(ref.current);
      set(ORDER[(i + (back ? 2 : 1)) % 3]);
    },
    [ref, set],
  );
  return { focus, ref, set, cycle };
}
