// The table pane alone, with the focus and key routing of the App
// (useFocusState, useKeys), the table focused: for the table, record view
// and search tests; and `until`, a frame once it shows what is awaited.
import { useLayoutEffect, useMemo } from 'react';
import { waitFor } from '../helpers.ts';
import { TablePane } from '../../src/shell/ui/TablePane.tsx';
import { useFocusState } from '../../src/shell/ui/hooks/useFocusState.ts';
import { useKeys } from '../../src/shell/ui/hooks/useKeys.ts';
import { useSession } from '../../src/shell/ui/hooks/useSession.ts';
import { useRowCursor } from '../../src/shell/ui/hooks/useRowCursor.ts';
import type { Page } from '../../src/shell/ui/hooks/usePreview.ts';
import type { Navigation } from '../../src/shell/ui/hooks/usePaging.ts';

interface Props {
  rows: readonly unknown[];
  width?: number;
  height?: number;
  onAddStage?: (text: string) => void;
}

export function TableHarness({ rows, width = 80, height = 12, onAddStage }: Props) {
  const focus = useFocusState();
  const keys = useKeys(focus, { interrupt() {}, quit() {}, help() {}, overlay: { isOpen: () => false, onKey() {} } });
  const control = useSession({ source: 'rows.jsonl', stages: [] });
  useLayoutEffect(() => focus.set('table'), []);
  // every row read: a page of one finished run
  const page: Page = useMemo(() => ({ run: 0, first: 0, rows, read: rows.length, eof: true, reading: false }), [rows]);
  const cur = useRowCursor(page, height - 2, () => {}, () => {});
  const nav: Navigation = {
    want() {},
    reread() {},
    percent: (p) => cur.moveTo(Math.floor(((rows.length - 1) * p) / 100)),
    start: () => cur.moveTo(0),
    end: () => cur.moveTo(rows.length - 1),
    goto: (n) => cur.moveTo(n - 1),
    runFull() {},
    cancel() {},
    rowNumber: (row) => row,
  };
  return <TablePane keys={keys} page={page} nav={nav} cur={cur} width={width} height={height} tableHeight={height - 2} dim={false} running={false} onAddStage={onAddStage} control={control} source="rows.jsonl" argvs={[]} />;
}

/** The frame once `pred` holds for it. */
export const until = (frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> =>
  waitFor(() => {
    const f = frame() ?? '';
    return pred(f) && f;
  }, { what, show: frame });
