// The preview table's columns: their names, found once per result (only
// the new rows are scanned while a result streams in), and their widths and
// types, measured on a bounded sample of the rows once per result (and per
// change of a column's width), not at every key; then widened to fit the
// rows on the screen (a sample cannot see them all), widths that stay
// while the column list does.
import { useMemo, useRef } from 'react';
import { ColumnNames, tableColumns, widenColumns, type Column } from '../../layout.js';

export function useTableColumns(rows: readonly unknown[], widths: ReadonlyMap<string, number>, shown: readonly unknown[]): Column[] {
  const names = useRef<ColumnNames | undefined>(undefined);
  names.current ??= new ColumnNames();
  const list = names.current.update(rows);
  const key = list.join('\u0000');
  const grown = useRef({ key, widths: new Map<string, number>() });
  if (grown.current.key !== key) grown.current = { key, widths: new Map() };
  const sampled = useMemo(() => tableColumns(rows, list, widths), [rows, list, widths]);
  return widenColumns(sampled, shown, grown.current.widths, widths);
}
