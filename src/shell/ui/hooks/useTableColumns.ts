// The preview table's columns: their names, found once per result (only
// the new rows are scanned while a result streams in), and their widths and
// types, measured on a bounded sample of the rows once per result (and per
// change of a column's width), not at every key.
import { useMemo, useRef } from 'react';
import { ColumnNames, tableColumns, type Column } from '../../layout.js';

export function useTableColumns(rows: readonly unknown[], widths: ReadonlyMap<string, number>): Column[] {
  const names = useRef<ColumnNames | undefined>(undefined);
  names.current ??= new ColumnNames();
  const list = names.current.update(rows);
  return useMemo(() => tableColumns(rows, list, widths), [rows, list, widths]);
}
