// Search in the table pane: `/` opens a prompt line, Enter searches the
// loaded rows (../../search.ts) and moves to the first match from the
// cursor on; `n` / `N` go to the next / previous match. The matches are
// found once per search (and per new rows), not at every key.
import { useMemo, useState } from 'react';
import type { Key } from 'ink';
import { matchingRows, nextMatch } from '../../search.js';
import { useStateRef } from './useStateRef.js';

export interface Search {
  /** The text being typed after `/`, or null when the prompt is closed. */
  prompt: string | null;
  /** The prompt as the keys left it, before a render. */
  promptRef: { readonly current: string | null };
  /** The search in force ('' for none). */
  text: string;
  /** Rows that match it. */
  matches: readonly number[];
  open(): void;
  clear(): void;
  /** A key while the prompt is open; Enter calls goTo with the first match
   * from `cursor` on. Returns true (the key is the prompt's). */
  promptKey(input: string, key: Key, cursor: number, goTo: (row: number) => void): true;
  /** The row of the next (1) or previous (-1) match from `cursor`. */
  next(cursor: number, dir: 1 | -1): number | undefined;
}

export function useSearch(rows: readonly unknown[]): Search {
  // a ref: keys typed faster than a render each count
  const [prompt, setPrompt, promptRef] = useStateRef<string | null>(null);
  const [text, setText] = useState('');
  const matches = useMemo(() => matchingRows(rows, text), [rows, text]);
  const promptKey = (input: string, key: Key, cursor: number, goTo: (row: number) => void): true => {
    const typed = promptRef.current ?? '';
    if (key.escape) setPrompt(null);
    else if (key.return) {
      setPrompt(null);
      const t = typed === '' ? text : typed; // an empty search repeats the last one
      setText(t);
      const found = nextMatch(matchingRows(rows, t), cursor - 1, 1);
      if (found !== undefined) goTo(found);
    } else if (key.backspace || key.delete) setPrompt(typed.slice(0, -1));
    else if (key.ctrl && input === 'u') setPrompt('');
    else if (!key.ctrl && !key.meta && input && !/[\x00-\x1f\x7f]/.test(input)) setPrompt(typed + input);
    return true;
  };
  return {
    prompt,
    promptRef,
    text,
    matches,
    open: () => setPrompt(''),
    clear: () => setText(''),
    promptKey,
    next: (cursor, dir) => nextMatch(matches, cursor, dir),
  };
}
