// The pane under the stage list: the preview table (Table.tsx), the
// record view (RecordView.tsx) or the column panel (ColumnPanel.tsx, F),
// the search line, and their keys. The rows are a page of a run that reads
// on as the cursor moves (useRowCursor, usePaging): row numbers here are the
// run's (absolute); page.rows holds rows page.first, page.first + 1, ...
import { useMemo, useRef } from 'react';
import { Box, Text } from 'ink';
import { recordLines } from '../record.js';
import { asciiLower, findText, searchStage } from '../search.js';
import { ColumnPanel } from './ColumnPanel.js';
import { RecordView } from './RecordView.js';
import { Table } from './Table.js';
import { useColumnWidths } from './hooks/useColumnWidths.js';
import { useRecordView } from './hooks/useRecordView.js';
import { useSearch, type Search } from './hooks/useSearch.js';
import { useTableColumns } from './hooks/useTableColumns.js';
import { useTableView } from './hooks/useTableView.js';
import { usePaneInput } from './hooks/usePaneInput.js';
import { useColumnPanel } from './hooks/useColumnPanel.js';
import type { Keys } from './hooks/useKeys.js';
import type { SessionControl } from './hooks/useSession.js';
import type { Page } from './hooks/usePreview.js';
import type { Navigation } from './hooks/usePaging.js';
import type { RowCursor } from './hooks/useRowCursor.js';

interface TablePaneProps {
  keys: Keys;
  page: Page;
  nav: Navigation;
  cur: RowCursor;
  width: number;
  /** Lines of the pane, and of the table's rows in it. */
  height: number;
  tableHeight: number;
  /** The rows are the last good ones of a failed run. */
  dim: boolean;
  /** The run is reading (R then cancels it). */
  running: boolean;
  /** Add a stage to the pipeline (`s` after a search). */
  onAddStage?: (text: string) => void;
  /** For the column panel: the session (its keys add stages) and the
   * pipeline the rows come from (its whole-input jn analyze). */
  control: SessionControl;
  source: string;
  argvs: readonly string[][];
}

/** The line under the table while searching: the prompt, or the search in
 * force and what it found. */
function SearchLine({ search }: { search: Search }) {
  if (search.prompt !== null) return <Text wrap="truncate">/{search.prompt}█</Text>;
  const found = search.matches.length;
  return (
    <Text dimColor wrap="truncate">
      /{search.text} · {found === 0 ? 'no match' : `${found} matching row${found === 1 ? '' : 's'} · n/N next/previous · s add as a stage`} · Esc clear
    </Text>
  );
}

export function TablePane({ keys, page, nav, cur, width, height, tableHeight, dim, running, onAddStage, control, source, argvs }: TablePaneProps) {
  const rows = page.rows;
  const search = useSearch(rows);
  const searching = search.prompt !== null || search.text !== '';
  const rowsHeight = Math.max(1, tableHeight - (searching ? 1 : 0));
  const view = useTableView();
  const record = useRecordView();
  const { widths, resize } = useColumnWidths();
  const { cursor } = cur;
  // the search line takes the last row's line: the cursor stays above it
  const top = Math.max(cur.top, cursor - rowsHeight + 1);
  const columns = useTableColumns(rows, widths, rows.slice(top - page.first, top - page.first + rowsHeight));
  // the cursor among the rows held
  const local = cursor - page.first;
  const names = useMemo(() => columns.map((c) => c.name), [columns]);
  const panel = useColumnPanel({ rows, columns: names, firstColumn: view.firstColumn, scrollColumns: view.scrollColumns, control, source, argvs });
  const row = rows[local];
  const lines = useMemo(() => (record.open && row !== undefined ? recordLines(row, record.collapsed, width - 1) : []), [record.open, row, record.collapsed, width]);
  const needle = asciiLower(search.text);
  /** To row `r` of the rows held (a search's find). */
  const goTo = (r: number) => {
    cur.moveTo(page.first + r);
    record.rewind();
  };
  // digits typed before `%` (as in less: 50% goes to the middle)
  const digits = useRef('');
  usePaneInput('table', keys, (input, key) => {
    if (panel.open) return panel.onKey(input, key);
    if (search.promptRef.current !== null) return search.promptKey(input, key, local, goTo);
    const typed = digits.current;
    digits.current = /^[0-9]$/.test(input) && !record.openRef.current ? typed + input : '';
    if (digits.current !== '') return;
    if (input === '%' && typed !== '') return nav.percent(Math.min(100, Number(typed)));
    if (input === 'F' && !record.openRef.current) return panel.show();
    if (input === 'n' || input === 'N') {
      const found = search.next(local, input === 'n' ? 1 : -1);
      if (found === undefined) return;
      goTo(found);
      // in the record view, on the first line that shows the match
      if (!record.openRef.current) return;
      const next = recordLines(rows[found], record.collapsed, width - 1);
      const at = next.findIndex((l) => findText(l.text, needle) !== -1);
      if (at > 0) record.moveTo(at, next.length, tableHeight);
      return;
    }
    if (input === '/') return search.open();
    if (record.openRef.current && row !== undefined) {
      if (key.rightArrow || input === 'l') (cur.moveBy(1), record.rewind());
      else if (key.leftArrow || input === 'h') (cur.moveBy(-1), record.rewind());
      // opened by a key not yet drawn: its lines are not made yet
      else return record.onKey(input, key, lines.length ? lines : recordLines(row, record.collapsed, width - 1), tableHeight);
      return;
    }
    if (key.escape && search.text) {
      search.clear();
      return true;
    }
    if (key.return || input === 'v') return record.show();
    if (input === 's' && search.text) return onAddStage?.(searchStage(search.text));
    const current = columns[view.firstColumn];
    if ((input === '>' || input === '<') && current) return resize(current.name, current.width, input === '>' ? 1 : -1);
    if (key.downArrow || input === 'j') cur.moveBy(1);
    else if (key.upArrow || input === 'k') cur.moveBy(-1);
    else if (key.pageDown || input === ' ') cur.moveBy(rowsHeight);
    else if (key.pageUp) cur.moveBy(-rowsHeight);
    else if (input === 'g' || key.home) nav.start();
    else if (input === 'G' || key.end) nav.end();
    else if (input === 'R') (running ? nav.cancel() : nav.runFull());
    else if (key.rightArrow || input === 'l') view.scrollColumns(1, columns.length);
    else if (key.leftArrow || input === 'h') view.scrollColumns(-1, 0);
  });
  return (
    <Box flexDirection="column" height={height}>
      {panel.open ? (
        <ColumnPanel panel={panel} width={width} height={height} />
      ) : record.open && row !== undefined ? (
        <RecordView lines={lines} needle={needle} height={tableHeight} top={record.top} line={Math.min(record.line, lines.length - 1)} index={nav.rowNumber(cursor)} focused={keys.focus.focus === 'table'} />
      ) : (
        <Table rows={rows} columns={columns} width={width} height={rowsHeight} cursor={local} top={top - page.first} firstColumn={view.firstColumn} dim={dim} focused={keys.focus.focus === 'table'} needle={needle} />
      )}
      {searching ? <SearchLine search={search} /> : null}
    </Box>
  );
}
