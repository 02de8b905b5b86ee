// The record view's lines: the cursor row as pretty JSON with its values as
// the pipeline wrote them (numbers in their text, keys in their order), long
// strings wrapped to the width in full, and each array or record on a line
// of its own that collapses to its summary (`[12]`, `{4}`). A 2-column
// gutter marks what collapses (`▾`) and what is collapsed (`▸`).
import { escapeControls } from '../kit/text.js';
import { wrapToWidth } from '../kit/width.js';
import { entriesOf, isRecord, scalarText, summaryOf, sizeOf } from './values.js';

export interface RecordLine {
  text: string;
  /** Where the array or record that starts on this line is (a key of the
   * view's collapsed set); none on other lines. */
  path?: string;
  collapsed?: boolean;
}

/** The text of a scalar in JSON: strings quoted and escaped. */
function scalarJson(v: unknown): string {
  return typeof v === 'string' ? escapeControls(JSON.stringify(v)) : scalarText(v);
}

/** The lines of `row` in a view `width` columns wide, the arrays and records
 * whose paths are in `collapsed` shown as their summary. */
export function recordLines(row: unknown, collapsed: ReadonlySet<string>, width: number): RecordLine[] {
  const out: RecordLine[] = [];
  const emit = (v: unknown, path: string, indent: string, prefix: string, comma: string) => {
    const nested = Array.isArray(v) || isRecord(v);
    if (nested && sizeOf(v) > 0) {
      if (collapsed.has(path)) {
        out.push({ text: `▸ ${indent}${prefix}${summaryOf(v)}${comma}`, path, collapsed: true });
        return;
      }
      const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
      out.push({ text: `▾ ${indent}${prefix}${open}`, path, collapsed: false });
      const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : [...entriesOf(v)];
      entries.forEach(([k, x], i) => {
        const key = Array.isArray(v) ? '' : `${escapeControls(JSON.stringify(k))}: `;
        emit(x, `${path}/${JSON.stringify(k)}`, indent + '  ', key, i < entries.length - 1 ? ',' : '');
      });
      out.push({ text: `  ${indent}${close}${comma}` });
      return;
    }
    const text = prefix + (nested ? (Array.isArray(v) ? '[]' : '{}') : scalarJson(v)) + comma;
    const avail = Math.max(10, width - 2 - indent.length - 2);
    wrapToWidth(text, avail).forEach((chunk, i) => out.push({ text: `  ${indent}${i ? '  ' : ''}${chunk}` }));
  };
  emit(row, '', '', '', '');
  return out;
}
