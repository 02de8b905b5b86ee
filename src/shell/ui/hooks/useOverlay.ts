// A box drawn over the panes: the help (`?`, :help) or a stage's whole
// error (`E`). While it is open it has the keys: ↑/↓ (k/j) and PgUp/PgDn
// scroll; the help closes on Esc, `?` or `q`, an error on any other key.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Key } from 'ink';
import { helpLines } from '../../help.js';
import { wrapText } from '../../wrap.js';

type OverlayContent = { kind: 'help' } | { kind: 'error'; title: string; message: string };

export interface Overlay {
  content: OverlayContent | undefined;
  /** Open now (also when opened by a key not yet drawn). */
  isOpen(): boolean;
  title: string;
  /** The text, wrapped to the box. */
  lines: string[];
  /** The first line shown. */
  top: number;
  open(content: OverlayContent): void;
  /** Open the help, or close it if it is open. */
  toggleHelp(): void;
  close(): void;
  /** Handle a key while open. */
  onKey(input: string, key: Key): void;
}

/** Lines of text the box shows in a terminal of `rows` lines (its border,
 * title and footer take 4). */
export const overlayHeight = (rows: number): number => Math.max(1, rows - 5);

const linesOf = (content: OverlayContent | undefined, width: number): string[] =>
  !content ? [] : content.kind === 'help' ? helpLines(width) : wrapText(content.message, width);

/** `width`, `rows`: the terminal's. */
export function useOverlay(width: number, rows: number): Overlay {
  const [content, setContent] = useState<OverlayContent | undefined>();
  const [top, setTop] = useState(0);
  // the latest, for keys that arrive before a render
  const contentRef = useRef(content);
  const inner = Math.max(10, width - 4);
  const lines = useMemo(() => linesOf(content, inner), [content, inner]);
  const height = overlayHeight(rows);
  const set = useCallback((next: OverlayContent | undefined) => {
    contentRef.current = next;
    setContent(next);
    setTop(0);
  }, []);
  const open = set;
  const close = useCallback(() => set(undefined), [set]);
  const toggleHelp = useCallback(() => set(contentRef.current?.kind === 'help' ? undefined : { kind: 'help' }), [set]);
  const onKey = (input: string, key: Key) => {
    const step = key.downArrow || input === 'j' ? 1 : key.upArrow || input === 'k' ? -1 : key.pageDown || input === ' ' ? height : key.pageUp ? -height : 0;
    const help = contentRef.current?.kind === 'help';
    // of the latest content: a key right after the one that opened it
    const maxTop = Math.max(0, linesOf(contentRef.current, inner).length - height);
    // a scroll key scrolls a text that does not fit (and does nothing to the help)
    if (step !== 0 && (help || maxTop > 0)) setTop((t) => Math.max(0, Math.min(maxTop, t + step)));
    else if (!help || key.escape || input === '?' || input === 'q') close();
  };
  const title = !content ? '' : content.kind === 'help' ? 'jn shell keys' : content.title;
  const isOpen = useCallback(() => contentRef.current !== undefined, []);
  return { content, isOpen, title, lines, top, open, toggleHelp, close, onKey };
}
