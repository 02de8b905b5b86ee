// The keys of `jn shell`: those of every pane (Ctrl-C quits; Tab,
// Shift-Tab, and Esc outside the editor move the focus), then the focused
// pane's (usePaneInput).
import { useLayoutEffect, useRef, useState } from 'react';
import type { Key } from 'ink';
import type { Focus, FocusState } from './useFocusState.js';

/** A pane's key handler; returning true for Esc keeps it from moving the focus. */
export type KeyHandler = (input: string, key: Key) => boolean | void;

export interface Keys {
  focus: FocusState;
  /** Each pane's handler, from its latest render. */
  handlers: Map<Focus, KeyHandler>;
  /** Handle one key: the shared keys, else the pane focused now. */
  dispatch: KeyHandler;
}

export function useKeys(focus: FocusState, quit: () => void): Keys {
  const quitRef = useRef(quit);
  useLayoutEffect(() => {
    quitRef.current = quit;
  });
  const [fixed] = useState(() => {
    const handlers = new Map<Focus, KeyHandler>();
    const dispatch: KeyHandler = (input, key) => {
      if (key.ctrl && input === 'c') return quitRef.current();
      // Esc is the pane's first when it takes it (closing the record view)
      if (key.escape && focus.ref.current !== 'editor' && handlers.get(focus.ref.current)?.(input, key) === true) return;
      if (key.tab || (key.escape && focus.ref.current !== 'editor')) return focus.cycle(key.shift);
      handlers.get(focus.ref.current)?.(input, key);
    };
    return { handlers, dispatch };
  });
  return { focus, ...fixed };
}
