// The record view's state: open or not, its line cursor and scroll, and
// which arrays and records are collapsed (by path, kept from one record to
// the next), with its keys.
import { useState } from 'react';
import { useStateRef } from './useStateRef.js';
import type { Key } from 'ink';
import { scrollTop } from '../../layout.js';
import type { RecordLine } from '../../record.js';

interface RecordView {
  open: boolean;
  /** Open as the keys left it, before a render. */
  openRef: { readonly current: boolean };
  /** The line cursor and the first line shown, within `lines`. */
  line: number;
  top: number;
  collapsed: ReadonlySet<string>;
  show(): void;
  /** Back to the first line (another record). */
  rewind(): void;
  /** Put the line cursor on line `l` of `count`, shown in `height` lines. */
  moveTo(l: number, count: number, height: number): void;
  /** A record-view key over its `lines` in `height` lines; true when taken. */
  onKey(input: string, key: Key, lines: readonly RecordLine[], height: number): boolean;
}

export function useRecordView(): RecordView {
  // refs: a key typed before the re-render of the one before sees its effect
  const [open, setOpen, openRef] = useStateRef(false);
  const [line, setLine, lineRef] = useStateRef(0);
  const [top, setTop] = useState(0);
  const [collapsed, setCollapsed] = useStateRef<ReadonlySet<string>>(new Set());
  const rewind = () => {
    setLine(0);
    setTop(0);
  };
  const moveTo = (l: number, count: number, height: number) => {
    const next = Math.max(0, Math.min(count - 1, l));
    setLine(next);
    setTop((t) => scrollTop(next, t, height, count));
  };
  const toggle = (path: string) =>
    setCollapsed((s) => {
      const n = new Set(s);
      if (!n.delete(path)) n.add(path);
      return n;
    });
  const onKey = (input: string, key: Key, lines: readonly RecordLine[], height: number): boolean => {
    const at = Math.min(lineRef.current, lines.length - 1);
    const n = lines.length;
    if (key.escape || input === 'v') setOpen(false);
    else if (key.downArrow || input === 'j') moveTo(at + 1, n, height);
    else if (key.upArrow || input === 'k') moveTo(at - 1, n, height);
    else if (key.pageDown) moveTo(at + height, n, height);
    else if (key.pageUp) moveTo(at - height, n, height);
    else if (input === 'g' || key.home) moveTo(0, n, height);
    else if (input === 'G' || key.end) moveTo(n - 1, n, height);
    else if (key.return || input === ' ') {
      const path = lines[at]?.path;
      if (path !== undefined) toggle(path);
    } else if (input === '-') setCollapsed(new Set(lines.flatMap((l) => (l.path ? [l.path] : []))));
    else if (input === '+') setCollapsed(new Set());
    else return false;
    return true;
  };
  return { open, openRef, line, top, collapsed, show: () => (setOpen(true), rewind()), rewind, moveTo, onKey };
}
