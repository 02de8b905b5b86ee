// Finding the first record boundary at or after a byte offset, reading one
// 64 KB window there (more only while no line end is found: a line longer
// than the window).
//
// NDJSON, and CSV/TSV without quoting (tsv's default): the byte after the
// first line end at or after offset-1 — exact, since no record holds a raw
// line end.
//
// CSV (and TSV with --quote): a quoted field may hold line ends, and the
// window's first byte may be inside one. The window is read twice
// (window.ts), guessing "outside quotes" and "inside a quoted field" at its
// first byte; each reading gives a boundary (its first row end) and the
// count of what contradicts it (a closing quote followed by text, rows whose
// field count is not the header's, no row end in the whole window). The
// answer is exact when both readings give the same boundary, or when one has
// no contradiction and the other has some; otherwise (both clean, or both
// contradicted) the reading with fewer contradictions wins, outside quotes
// on a tie, and the answer is marked inexact.
import { open } from 'node:fs/promises';
import type { Seekable } from './source.js';
import { readWindow } from './window.js';

export const WINDOW = 64 * 1024;

interface Resync {
  /** A record boundary (file offset). */
  byte: number;
  /** false when the boundary may be off (see the rule above). */
  exact: boolean;
}

/** The boundary in a window of the file (buf starts at file offset `at`,
 * which is offset-1), or undefined when it has no line end. */
export function resyncWindow(buf: Uint8Array, at: number, src: Pick<Seekable, 'rules' | 'columns'>, atEof: boolean): { byte: number | undefined; exact: boolean } {
  const { rules } = src;
  if (!rules.quote) {
    const i = buf.indexOf(rules.eol);
    return { byte: i === -1 ? undefined : at + i + 1, exact: true };
  }
  const columns = rules.ragged ? undefined : src.columns;
  const out = readWindow(buf, 0, false, rules, columns, atEof);
  const inside = readWindow(buf, 0, true, rules, columns, atEof);
  const pick = (r: typeof out, exact: boolean) => ({ byte: r.boundary === undefined ? undefined : at + r.boundary, exact });
  if (out.boundary === inside.boundary) return pick(out, out.boundary !== undefined);
  if (out.violations === 0 && inside.violations > 0) return pick(out, true);
  if (inside.violations === 0 && out.violations > 0) return pick(inside, true);
  return inside.violations < out.violations ? pick(inside, false) : pick(out, false);
}

/** The first record boundary at or after `offset`. */
export async function resyncAt(src: Seekable, offset: number): Promise<Resync> {
  if (offset <= src.headerBytes) return { byte: src.headerBytes, exact: true };
  if (offset >= src.size) return { byte: src.size, exact: true };
  const fh = await open(src.path, 'r');
  try {
    const buf = Buffer.alloc(WINDOW);
    let at = offset - 1;
    let first = true;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, WINDOW, at);
      const atEof = bytesRead < WINDOW || at + bytesRead >= src.size;
      const window = buf.subarray(0, bytesRead);
      // past the first window, only a line end is looked for (inexact)
      const r = first ? resyncWindow(window, at, src, atEof) : resyncWindow(window, at, { ...src, rules: { ...src.rules, quote: false } }, atEof);
      const sure = first || !src.rules.quote;
      if (r.byte !== undefined) return { byte: r.byte, exact: r.exact && sure };
      if (atEof) return { byte: src.size, exact: sure };
      at += bytesRead;
      first = false;
    }
  } finally {
    await fh.close();
  }
}
