// A pane's keys: its handler from its latest render, called by useKeys
// for the keys typed while the pane has the focus.
import { useLayoutEffect } from 'react';
import type { Focus } from './useFocusState.js';
import type { KeyHandler, Keys } from './useKeys.js';

export function usePaneInput(pane: Focus, keys: Keys, handler: KeyHandler): void {
  useLayoutEffect(() => {
    keys.handlers.set(pane, handler);
  });
}
