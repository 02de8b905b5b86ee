// The keys of `jn shell`, one at a time, in the order typed: Ctrl-C; an
// open box (help, a stage's error) takes the rest; else Tab, Shift-Tab, and
// Esc outside the editor move the focus; else the focused pane's handler
// (usePaneInput); then, outside the editor, `?` (help) and `q` (quit).
// One read of the terminal can hold many keys (`jjjjj` while `j` is held):
// each is handled on its own (keychunk.ts), and each handler reads the
// latest state (refs), not its render's, so that no key is lost.
import { useLayoutEffect, useRef, useState } from 'react';
import { useInput, type Key } from 'ink';
import { firstKey, isChunk } from '../keychunk.js';
import type { Focus, FocusState } from './useFocusState.js';

/** A pane's handler. Returning true says the pane used the key: a key
 * taken as text (a prompt of the pane), so `?` and `q` do not apply; Esc
 * (closing a panel, cancelling a run), so the focus stays; a Tab in the
 * editor (a completion), so the focus does not move. */
export type KeyHandler = (input: string, key: Key) => boolean | void;

/** What the keys do outside the panes. */
export interface KeyActions {
  /** Ctrl-C: cancel the running preview, or quit. */
  interrupt(): void;
  quit(): void;
  /** `?` outside the editor. */
  help(): void;
  /** The box over the panes (help, an error): while open it has the keys. */
  overlay: { isOpen(): boolean; onKey(input: string, key: Key): void };
}

export interface Keys {
  focus: FocusState;
  /** Each pane's handler, from its latest render. */
  handlers: Map<Focus, KeyHandler>;
  /** Handle typed input (one key or a chunk of them) as if typed now. */
  dispatch(input: string, key: Key): void;
}

export function useKeys(focus: FocusState, actions: KeyActions): Keys {
  const actionsRef = useRef(actions);
  useLayoutEffect(() => {
    actionsRef.current = actions;
  });
  const [fixed] = useState(() => {
    const handlers = new Map<Focus, KeyHandler>();
    const one = (input: string, key: Key) => {
      const a = actionsRef.current;
      if (key.ctrl && input === 'c') return a.interrupt();
      if (a.overlay.isOpen()) return a.overlay.onKey(input, key);
      const pane = focus.ref.current;
      // a pane may use Esc (to close its panel, cancel a run), the editor a Tab (a completion)
      if (key.escape && pane !== 'editor' && handlers.get(pane)?.(input, key) === true) return;
      if (key.tab && !key.shift && pane === 'editor' && handlers.get('editor')?.(input, key) === true) return;
      if (key.tab || (key.escape && pane !== 'editor')) return focus.cycle(key.shift);
      if (handlers.get(pane)?.(input, key) === true || pane === 'editor') return;
      if (input === 'q') a.quit();
      else if (input === '?') a.help();
    };
    const dispatch = (input: string, key: Key) => {
      if (!isChunk(input, key)) return one(input, key);
      for (let rest = input; rest.length > 0; ) {
        const k = firstKey(rest, focus.ref.current === 'editor' && !actionsRef.current.overlay.isOpen());
        one(k.input, k.key);
        rest = rest.slice(k.length);
      }
    };
    return { handlers, dispatch };
  });
  useInput(fixed.dispatch);
  return { focus, handlers: fixed.handlers, dispatch: fixed.dispatch };
}
