// The pane under the stage list: the preview table (Table.tsx), the
// record view (RecordView.tsx) or the column panel (ColumnPanel.tsx, F),
// the search line, and their keys.
import { useMemo } from 'react';
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

interface TablePaneProps {
  keys: Keys;
  rows: readonly unknown[];
  width: number;
  /** Lines of the pane, and of the table's rows in it. */
  height: number;
  tableHeight: number;
  /** The rows are the last good ones of a failed run. */
  dim: boolean;
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

export function TablePane({ keys, rows, width, height, tableHeight, dim, onAddStage, control, source, argvs }: TablePaneProps) {
  const search = useSearch(rows);
  const searching = search.prompt !== null || search.text !== '';
  const rowsHeight = Math.max(1, tableHeight - (searching ? 1 : 0));
  const view = useTableView(rows.length, rowsHeight);
  const record = useRecordView();
  const { widths, resize } = useColumnWidths();
  const columns = useTableColumns(rows, widths);
  const { cursor, moveCursor } = view;
  const names = useMemo(() => columns.map((c) => c.name), [columns]);
  const panel = useColumnPanel({ rows, columns: names, firstColumn: view.firstColumn, scrollColumns: view.scrollColumns, control, source, argvs });
  const row = rows[cursor];
  const lines = useMemo(() => (record.open && row !== undefined ? recordLines(row, record.collapsed, width - 1) : []), [record.open, row, record.collapsed, width]);
  const needle = asciiLower(search.text);
  const goTo = (r: number) => {
    moveCursor(r);
    record.rewind();
  };
  usePaneInput('table', keys, (input, key) => {
    if (panel.open) return panel.onKey(input, key);
    if (search.promptRef.current !== null) return search.promptKey(input, key, cursor, goTo);
    if (input === 'F' && !record.openRef.current) return panel.show();
    if (input === 'n' || input === 'N') {
      const found = search.next(cursor, input === 'n' ? 1 : -1);
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
      if (key.rightArrow || input === 'l') goTo(cursor + 1);
      else if (key.leftArrow || input === 'h') goTo(cursor - 1);
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
    if (key.downArrow || input === 'j') moveCursor(cursor + 1);
    else if (key.upArrow || input === 'k') moveCursor(cursor - 1);
    else if (key.pageDown || input === ' ') moveCursor(cursor + rowsHeight);
    else if (key.pageUp) moveCursor(cursor - rowsHeight);
    else if (input === 'g' || key.home) moveCursor(0);
    else if (input === 'G' || key.end) moveCursor(rows.length - 1);
    else if (key.rightArrow || input === 'l') view.scrollColumns(1, columns.length);
    else if (key.leftArrow || input === 'h') view.scrollColumns(-1, 0);
  });
  return (
    <Box flexDirection="column" height={height}>
      {panel.open ? (
        <ColumnPanel panel={panel} width={width} height={height} />
      ) : record.open && row !== undefined ? (
        <RecordView lines={lines} needle={needle} height={tableHeight} top={record.top} line={Math.min(record.line, lines.length - 1)} index={cursor} focused={keys.focus.focus === 'table'} />
      ) : (
        <Table rows={rows} columns={columns} width={width} height={rowsHeight} cursor={cursor} top={view.top} firstColumn={view.firstColumn} dim={dim} focused={keys.focus.focus === 'table'} needle={needle} />
      )}
      {searching ? <SearchLine search={search} /> : null}
    </Box>
  );
}
