// How records are found in the bytes of a seekable source: what ends a line,
// whether RFC 4180 quotes can hold line ends, and which lines are blank (not
// rows). Plain data, handed to the seek processes (`jn seek range|index`) on
// their command line.
import { EXIT, JnError } from '../../kit/exit.js';

export interface RowRules {
  format: 'ndjson' | 'csv' | 'tsv';
  /** RFC 4180 quoting: a quoted field may hold line ends (csv; tsv with --quote). */
  quote: boolean;
  /** The field delimiter's byte (csv/tsv; 0 for ndjson). */
  delimiter: number;
  /** The line end byte: LF (also ends CRLF lines), or CR for files of lone-CR lines. */
  eol: 10 | 13;
  /** Rows may have other field counts than the header (--allow-ragged), or there is no header. */
  ragged: boolean;
}

export const LF = 10;
export const CR = 13;
export const QUOTE = 34;

/** Does buf[from, to) hold a byte that makes its line a row? NDJSON: a
 * non-blank byte (the jsonl reader skips blank lines); CSV/TSV: anything
 * but the CR of a CRLF (the csv reader skips empty lines only). */
export function hasContent(buf: Uint8Array, from: number, to: number, rules: RowRules): boolean {
  if (rules.format === 'ndjson') {
    for (let i = from; i < to; i++) if (buf[i] > 32) return true;
    return false;
  }
  if (rules.eol === CR) return to > from;
  for (let i = from; i < to; i++) if (buf[i] !== CR) return true;
  return false;
}

/** Rules as one command-line argument, and back (checked). */
export function rulesArg(rules: RowRules): string {
  return JSON.stringify(rules);
}

export function parseRulesArg(text: string): RowRules {
  let r: RowRules;
  try {
    r = JSON.parse(text) as RowRules;
  } catch {
    r = {} as RowRules;
  }
  const ok =
    (r.format === 'ndjson' || r.format === 'csv' || r.format === 'tsv') &&
    typeof r.quote === 'boolean' &&
    Number.isInteger(r.delimiter) &&
    (r.eol === LF || r.eol === CR) &&
    typeof r.ragged === 'boolean';
  if (!ok) throw new JnError(`--rules: expected the rules as JSON, got ${text}`, EXIT.USAGE);
  return r;
}
