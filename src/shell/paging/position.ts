// Where the rows on screen are, as the status line says it: how many rows
// (`7,500,000 rows` when known, `12,000 rows read` otherwise), exact row
// numbers when they are known (`rows 3,750,001–3,750,040`), approximate
// ones otherwise (`~row 3.7M (~50%)`), never wrong ones; with stages after
// the source, which source position the rows come from. Pure.

/** Where a run starts in the source. */
export interface Origin {
  /** Source byte the run reads from (0: the start). */
  byte: number;
  /** Data row of the source at `byte` (0-based), when known or estimated. */
  row?: number;
  /** `row` is exact (false: estimated, e.g. before the index is ready). */
  exact: boolean;
}

export interface PositionFacts {
  origin: Origin;
  /** The rows shown: from `top` to `bottom` (inclusive, run numbering). */
  top: number;
  bottom: number;
  /** Rows of the run read so far, and whether its output has ended. */
  read: number;
  eof: boolean;
  /** Rows are the source's (no stage after it). */
  sourceRows: boolean;
  /** Data rows of the whole source, once counted (the index). */
  total?: number;
  /** An estimate of them (index progress, average row size). */
  estimate?: number;
  /** Bytes of the source (seekable sources). */
  size?: number;
  /** Why the source cannot seek, if it cannot. */
  forwardOnly?: string;
}

/** 950, 3000, 12,345, 7,500,000. */
export const count = (n: number): string => (n < 10_000 ? String(Math.round(n)) : Math.round(n).toLocaleString('en-US'));

/** ~3.7M, ~12k, ~950. */
export function approx(n: number): string {
  if (n >= 1e6) return `~${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `~${Math.round(n / 1e3)}k`;
  return `~${Math.round(n)}`;
}

const pct = (byte: number, size: number): string => `~${Math.round((100 * byte) / Math.max(1, size))}%`;
const plural = (n: number, what: string) => `${count(n)} ${what}${n === 1 ? '' : 's'}`;

/** How many rows: the total when known, else those read so far. */
function countText(f: PositionFacts): string {
  const { origin } = f;
  if (f.eof && origin.byte === 0) return plural(f.read, 'row');
  if (f.sourceRows && f.total !== undefined) return plural(f.total, 'row');
  if (f.sourceRows && f.eof && origin.exact && origin.row !== undefined) return plural(origin.row + f.read, 'row');
  const est = f.sourceRows && f.estimate ? ` of ${approx(f.estimate)}` : '';
  return `${plural(f.read, 'row')} read${est}`;
}

/** The status line's account of the rows shown: [count, position...]. */
export function positionText(f: PositionFacts): string[] {
  const { origin, top, bottom } = f;
  if (f.read === 0) return f.eof ? ['0 rows'] : [];
  const parts = [countText(f)];
  const all = f.eof && origin.byte === 0 && top === 0 && bottom >= f.read - 1;
  if (f.sourceRows && origin.row !== undefined) {
    const a = origin.row + top + 1;
    if (origin.exact) {
      if (!all) parts.push(`rows ${count(a)}–${count(origin.row + bottom + 1)}`);
    } else parts.push(`~row ${approx(a).slice(1)}${f.size ? ` (${pct(origin.byte, f.size)})` : ''}`);
  } else {
    if (!all) parts.push(`rows ${count(top + 1)}–${count(bottom + 1)}`);
    if (origin.byte > 0) parts.push(`from source byte ${count(origin.byte)}${f.size ? ` (${pct(origin.byte, f.size)})` : ''}`);
  }
  if (f.forwardOnly) parts.push(`forward only (${f.forwardOnly})`);
  return parts;
}
