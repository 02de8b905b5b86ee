// The dialect of a CSV input, decided from its first lines before parsing:
// Excel's `sep=X` first line, and the delimiter detected from the rows when
// no option names one. Pure logic; csvToNdjson buffers the first chunks and
// `jn inspect` reads the start of a file to show the same decision.
import type { CsvReadOptions } from './options.js';

/** How the delimiter was chosen. */
type DelimiterSource = 'option' | 'sep line' | 'detected' | 'default';

export interface Dialect {
  delimiter: string;
  source: DelimiterSource;
  /** The input starts with a `sep=X` line, which is not data. */
  sepLine: boolean;
}

/** Delimiters the detection chooses from, in the order that breaks ties. */
const CANDIDATES = [',', '\t', ';', '|'];
/** Rows of the sample the detection looks at. */
const SAMPLE_ROWS = 50;
/** The most text read ahead to find the end of the first row. */
export const SAMPLE_LIMIT = 1 << 20;

const CR = 13;
const LF = 10;

/** Excel's first line `sep=X` (after a BOM): X and where the next line
 * starts, or null. */
function sepLineAt(text: string): { delimiter: string; next: number } | null {
  const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('sep=', at)) return null;
  const d = text.charCodeAt(at + 4);
  let next = at + 5;
  const c = text.charCodeAt(next);
  if (Number.isNaN(d) || d === CR || d === LF || d === 34) return null;
  if (c === CR) next += text.charCodeAt(next + 1) === LF ? 2 : 1;
  else if (c === LF) next++;
  else if (!Number.isNaN(c)) return null;
  return { delimiter: text[at + 4], next };
}

/** For each complete row of text (up to SAMPLE_ROWS, blank lines left
 * out), how often each candidate delimiter occurs outside quotes. */
function candidateCounts(text: string, from: number, quote: boolean): number[][] {
  const rows: number[][] = [];
  let counts = CANDIDATES.map(() => 0);
  let inQuotes = false;
  let empty = true;
  for (let i = from; i < text.length && rows.length < SAMPLE_ROWS; i++) {
    const c = text[i];
    if (quote && c === '"') {
      inQuotes = !inQuotes;
      empty = false;
    } else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') {
      if (!empty) rows.push(counts);
      counts = CANDIDATES.map(() => 0);
      empty = true;
    } else {
      empty = false;
      const k = CANDIDATES.indexOf(c);
      if (k !== -1) counts[k]++;
    }
  }
  return rows;
}

/** Does the text hold its first row whole (or is it long enough to stop
 * waiting)? */
export function sampleComplete(text: string, quote: boolean): boolean {
  if (text.length >= SAMPLE_LIMIT) return true;
  const sep = sepLineAt(text);
  if (sep !== null && sep.next === text.length) return false;
  return candidateCounts(text, sep === null ? 0 : sep.next, quote).length > 0;
}

/** The delimiter the rows show: a candidate found in the first row and in
 * every other sampled row, the one the first row holds most of (ties: `,`
 * tab `;` `|`); undefined when there is none. */
function detect(rows: number[][]): string | undefined {
  if (rows.length === 0) return undefined;
  let best = -1;
  for (let k = 0; k < CANDIDATES.length; k++) {
    const n = rows[0][k];
    if (n === 0 || rows.some((r) => r[k] === 0)) continue;
    if (best === -1 || n > rows[0][best]) best = k;
  }
  return best === -1 ? undefined : CANDIDATES[best];
}

/** The dialect of an input that starts with `sample` (the whole input, or
 * at least its first row: see sampleComplete). */
export function sniffDialect(sample: string, opts: CsvReadOptions): Dialect {
  const sep = sepLineAt(sample);
  const sepLine = sep !== null;
  if (opts.delimiter !== undefined) return { delimiter: opts.delimiter, source: 'option', sepLine };
  if (sep !== null) return { delimiter: sep.delimiter, source: 'sep line', sepLine };
  if (opts.flavor === 'tsv') return { delimiter: '\t', source: 'default', sepLine };
  const found = detect(candidateCounts(sample, 0, opts.quote ?? true));
  return found === undefined ? { delimiter: ',', source: 'default', sepLine } : { delimiter: found, source: 'detected', sepLine };
}

/** Where the data starts after a sep= line (0 without one). */
export function dataStart(sample: string): number {
  return sepLineAt(sample)?.next ?? 0;
}
