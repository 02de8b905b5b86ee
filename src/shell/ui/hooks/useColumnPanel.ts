// The column panel (F in the table, as VisiData's frequency sheet): the
// current column's figures over the rows loaded, or over the whole input
// once `jn analyze` has run (useAnalyze), and its keys, each of which adds
// the matching stage after the stage shown (../../columns.ts writes them).
// The current column is the table's first column shown (←/→ move it).
import { useMemo } from 'react';
import type { Key } from 'ink';
import { analyzedFigures, columnFigures, countStage, dropStage, filterStage, keepStage, sortStage, wholeValueColumn, type ColumnFigures } from '../../columns.js';
import { useAnalyze, type AnalyzeState } from './useAnalyze.js';
import type { SessionControl } from './useSession.js';
import { useStateRef } from './useStateRef.js';

export interface ColumnPanelState {
  open: boolean;
  /** The current column, its index and how many there are. */
  column: string | undefined;
  index: number;
  count: number;
  figures: ColumnFigures | undefined;
  /** The figures are jn analyze's, over the whole input. */
  whole: boolean;
  /** The selected top value. */
  selected: number;
  /** Columns marked for K (keep only them). */
  marked: readonly string[];
  analyze: AnalyzeState;
  show(): void;
  /** A key while the panel is open; true when it used it (Esc). */
  onKey(input: string, key: Key): boolean;
}

interface PanelDeps {
  rows: readonly unknown[];
  columns: readonly string[];
  /** The table's first column shown, and how to scroll it. */
  firstColumn: number;
  scrollColumns(delta: number, columns: number): void;
  control: SessionControl;
  /** The pipeline the table shows: for jn analyze. */
  source: string;
  argvs: readonly string[][];
}

const TOP = 20;

export function useColumnPanel({ rows, columns, firstColumn, scrollColumns, control, source, argvs }: PanelDeps): ColumnPanelState {
  const [open, setOpen, openRef] = useStateRef(false);
  const [selected, setSelected, selectedRef] = useStateRef(0);
  const [marked, setMarked, markedRef] = useStateRef<readonly string[]>([]);
  const [showWhole, setShowWhole] = useStateRef(true);
  const analyze = useAnalyze(source, argvs);
  const index = Math.max(0, Math.min(firstColumn, columns.length - 1));
  const column = columns[index] as string | undefined;
  const whole = column !== undefined && wholeValueColumn(rows, column);
  const loaded = useMemo(() => (open && column !== undefined ? columnFigures(rows, column, TOP) : undefined), [open, rows, column]);
  const analyzed = showWhole && analyze.analysis && column !== undefined ? analyzedFigures(analyze.analysis, column, whole) : undefined;
  const figures = analyzed ?? loaded;

  // A stage after the one the table shows; the table then shows its output.
  const add = (text: string, note = '') => {
    try {
      const at = control.selectedRef.current + 1;
      const next = control.session.add(text, at);
      control.commit(next);
      control.setSelected(at);
      control.setMessage({ text: `added stage ${at + 1}: ${text}${note}` });
      setOpen(false);
    } catch (err) {
      control.fail(err);
    }
  };
  const value = () => figures?.top[Math.min(selectedRef.current, figures.top.length - 1)];
  const onKey = (input: string, key: Key): boolean => {
    if (column === undefined) {
      setOpen(false);
      return key.escape;
    }
    const reads = ' (it reads all its input)';
    const v = value();
    if (key.escape) {
      if (!analyze.cancel()) setOpen(false);
      return true;
    }
    if (input === 'F') setOpen(false);
    else if (key.downArrow || input === 'j') setSelected((s) => Math.min(Math.max(0, (figures?.top.length ?? 1) - 1), s + 1));
    else if (key.upArrow || input === 'k') setSelected((s) => Math.max(0, s - 1));
    else if (key.rightArrow || input === 'l' || key.leftArrow || input === 'h') {
      scrollColumns(key.rightArrow || input === 'l' ? 1 : -1, columns.length);
      setSelected(0);
    } else if ((key.return || input === '=') && v) add(filterStage(column, v.value, false, whole));
    else if (input === '!' && v) add(filterStage(column, v.value, true, whole));
    else if (input === '[' || input === ']') add(sortStage(column, input === ']', whole), reads);
    else if (input === 'c') add(countStage(column, whole), reads);
    else if (input === '-' && !whole) add(dropStage(column));
    else if (input === ' ' && !whole) setMarked((m) => (m.includes(column) ? m.filter((c) => c !== column) : [...m, column]));
    else if (input === 'K' && !whole) {
      const keep = markedRef.current.length > 0 ? columns.filter((c) => markedRef.current.includes(c)) : [column];
      setMarked([]);
      add(keepStage(keep));
    } else if (input === 'a') {
      if (analyze.analysis) setShowWhole((w) => !w);
      else if (!analyze.running) {
        setShowWhole(true);
        analyze.start();
      }
    }
    return false;
  };
  const show = () => {
    if (openRef.current || columns.length === 0) return;
    setSelected(0);
    setOpen(true);
  };
  return { open, column, index, count: columns.length, figures, whole: analyzed !== undefined, selected, marked, analyze, show, onKey };
}
