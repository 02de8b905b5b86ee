// Search in the preview's rows (`/text`, `n`/`N`) and the stage that keeps
// the same rows. A row matches when a value anywhere in it (nested ones
// too; keys do not count) contains the text as the table shows it (numbers
// in their text), ignoring ASCII case: what the stage
// `select(any(.. | scalars; tostring | ascii_downcase | contains("text")))`
// keeps.
import { entriesOf, isRecord, scalarText } from './values.js';

/** s with A-Z lowered, as jq's ascii_downcase. */
export function asciiLower(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}

/** Where `needle` (already lowered) is in `text`, ignoring ASCII case; -1
 * when it is not. */
export function findText(text: string, needle: string): number {
  return asciiLower(text).indexOf(needle);
}

/** True when a scalar in `v` contains `needle` (already lowered). */
function valueMatches(v: unknown, needle: string): boolean {
  if (Array.isArray(v)) return v.some((x) => valueMatches(x, needle));
  if (isRecord(v)) {
    for (const [, x] of entriesOf(v)) if (valueMatches(x, needle)) return true;
    return false;
  }
  return asciiLower(scalarText(v)).includes(needle);
}

/** The indices of the rows that match `text`, in order. */
export function matchingRows(rows: readonly unknown[], text: string): number[] {
  const needle = asciiLower(text);
  const out: number[] = [];
  if (needle === '') return out;
  for (let i = 0; i < rows.length; i++) if (valueMatches(rows[i], needle)) out.push(i);
  return out;
}

/** The match after (`dir` 1) or before (-1) row `cursor`, wrapping around;
 * undefined when there is none. */
export function nextMatch(matches: readonly number[], cursor: number, dir: 1 | -1): number | undefined {
  if (matches.length === 0) return undefined;
  if (dir === 1) return matches.find((m) => m > cursor) ?? matches[0];
  for (let i = matches.length - 1; i >= 0; i--) if (matches[i] < cursor) return matches[i];
  return matches[matches.length - 1];
}

/** The filter stage that keeps the rows matching `text`. */
export function searchStage(text: string): string {
  return `select(any(.. | scalars; tostring | ascii_downcase | contains(${JSON.stringify(asciiLower(text))})))`;
}
