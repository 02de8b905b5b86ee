// A pane's keys, through Ink's useInput: active while the pane has the
// focus. Ink moves that subscription in an effect after the render, so a
// key in the same input chunk as the key that moved the focus (an escape
// sequence splits a chunk into several keys) still reaches the pane that
// had it. The subscription therefore calls Keys.dispatch, which reads the
// latest focus and the latest handler of each pane: typed-ahead keys go
// where they would have gone one at a time.
import { useLayoutEffect } from 'react';
import { useInput } from 'ink';
import type { Focus } from './useFocusState.js';
import type { KeyHandler, Keys } from './useKeys.js';

export function usePaneInput(pane: Focus, keys: Keys, handler: KeyHandler): void {
  useLayoutEffect(() => {
    keys.handlers.set(pane, handler);
  });
  useInput(keys.dispatch, { isActive: keys.focus.focus === pane });
}
