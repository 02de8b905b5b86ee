// Where the preview reads from and how the table jumps: the run's origin
// in the source (its start, or a jump point found by seeking: ../../seek),
// the background row index, and the navigation the table's keys and the
// `:goto` command use. A jump never reads the file from its start: it
// resyncs at a byte offset and feeds the current stages from there. A
// source that cannot seek pages forward only.
import { useEffect, useMemo, useRef, useState } from 'react';
import { resyncAt, seekable, stagesFrom, type RowIndex, type Seekable } from '../../seek/index.js';
import type { Origin } from '../../paging/position.js';
import type { Preview, RunStart } from './usePreview.js';
import { useRowIndex } from './useRowIndex.js';

/** Where the table's cursor goes: a row of the new run once it has it
 * (`place`), or a move in the current run. */
interface Placement {
  row: number;
  seq: number;
  move: boolean;
}

export interface Navigation {
  want(end: number): void;
  /** A row before the rows held: read again from the nearest known place. */
  reread(row: number): void;
  /** To `p`% of the source (seekable sources). */
  percent(p: number): void;
  /** The first / the last row. */
  start(): void;
  end(): void;
  /** Data row `n` (1-based). */
  goto(n: number): void;
  /** Run the whole pipeline from the source's start to the end of its
   * output (the cursor follows), or stop the run reading on. */
  runFull(): void;
  cancel(): void;
  /** The number (0-based) of row `row` of the run, as well as known. */
  rowNumber(row: number): number;
}

export interface Paging {
  start: RunStart;
  origin: Origin;
  src: Seekable | undefined;
  /** Why the source cannot seek. */
  forwardOnly: string | undefined;
  index: RowIndex | undefined;
  placement: Placement | undefined;
  /** A note for the status line (a jump that cannot be done). */
  note: string | undefined;
  nav(preview: Preview): Navigation;
}

const START: Origin = { byte: 0, row: 0, exact: true };

function seekableOrWhy(source: string): Seekable | { reason: string } {
  try {
    return seekable(source);
  } catch (err) {
    return { reason: (err as Error).message };
  }
}

/** Average bytes per data row, as far as known. */
function bytesPerRow(index: RowIndex | undefined, src: Seekable | undefined): number {
  const s = index?.scanned;
  return s && s.rows > 0 ? s.bytes / s.rows : (src?.rowBytes ?? 100);
}
/** Source rows read before the end on G (their bytes estimated). */
const TAIL_ROWS = 400;
/** Rows read before the one wanted when going back re-reads. */
const REREAD_CONTEXT = 500;

/** `indexNow`: start the row index's scan (not before the first screen). */
export function usePaging(source: string, sourceRows: boolean, indexNow = true): Paging {
  const seek = useMemo(() => seekableOrWhy(source), [source]);
  const src = 'reason' in seek ? undefined : seek;
  const index = useRowIndex(indexNow ? src : undefined);
  const [origin, setOrigin] = useState<Origin>(START);
  /** Rows skipped after origin.byte by the reading process (exact jumps
   * from an index position): origin.row counts them. */
  const [skip, setSkip] = useState(0);
  const [gen, setGen] = useState(0);
  const [placement, setPlacement] = useState<Placement | undefined>();
  const [note, setNote] = useState<string | undefined>();
  const seq = useRef(0);
  const originRef = useRef(origin);
  originRef.current = origin;
  useEffect(() => setOrigin(START), [source]);
  const place = (row: number, move = false) => setPlacement({ row, seq: ++seq.current, move });
  const from = (o: Origin, row: number, skipRows = 0) => {
    setOrigin(o);
    setSkip(skipRows);
    setGen((g) => g + 1);
    place(row);
  };
  const rowBytes = () => bytesPerRow(index, src);
  const covered = (row: number) => index !== undefined && (index.ready || index.scanned.rows > row);
  /** Jump to a byte of the source: resync on the next record, then read
   * the stages from there. */
  const jumpToByte = async (byte: number, row: number) => {
    if (!src) return;
    const at = Math.max(src.headerBytes, Math.min(byte, src.size));
    if (at <= src.headerBytes) return from(START, row);
    const r = await resyncAt(src, at);
    const n = index?.rowAt(r.byte);
    from({ byte: r.byte, row: n?.row, exact: (n?.exact ?? false) && r.exact }, row);
  };
  /** Exactly to data row `row`, from the index position before it, the
   * reading process skipping the rows between; the run starts `context`
   * rows before it (rows to go back to without a re-read). */
  const exact = (row: number, context: number) => {
    const b = index!.before(Math.max(0, row - context));
    const skipRows = Math.max(0, row - context) - b.row;
    from({ byte: b.byte, row: b.row + skipRows, exact: true }, row - b.row - skipRows, skipRows);
  };
  const atStart = () => originRef.current.byte === 0 && skip === 0;
  const fail = (err: unknown) => setNote((err as Error).message);
  const nav = (preview: Preview): Navigation => ({
    want: preview.want,
    reread(row) {
      const o = originRef.current;
      const abs = (o.row ?? 0) + row;
      if (src && sourceRows && o.exact && covered(abs)) return exact(abs, Math.min(abs, REREAD_CONTEXT));
      from(o, row, skip);
    },
    percent(p) {
      setNote(undefined);
      if (!src) return setNote(`cannot jump: ${'reason' in seek ? seek.reason : 'not seekable'}`);
      if (p >= 100) return this.end();
      // counted: to the row at p% of the rows, with exact numbers
      if (sourceRows && index?.ready && index.rows) return exact(Math.floor((index.rows * p) / 100), 0);
      void jumpToByte(Math.floor((src.size * p) / 100), 0).catch(fail);
    },
    start() {
      setNote(undefined);
      if (atStart()) return place(0, true);
      from(START, 0);
    },
    end() {
      setNote(undefined);
      if (!src || preview.page.eof) return place(Infinity, true);
      if (sourceRows && index?.ready && index.rows) return exact(index.rows - 1, TAIL_ROWS);
      void jumpToByte(src.size - Math.max(65536, rowBytes() * TAIL_ROWS), Infinity).catch(fail);
    },
    goto(n) {
      setNote(undefined);
      const row = Math.max(0, n - 1);
      if (src && sourceRows && covered(row)) return exact(row, 0);
      if (src && sourceRows) {
        setNote('the row index is not ready: the row is approximate');
        return void jumpToByte(src.headerBytes + row * rowBytes(), 0).catch(fail);
      }
      // the rows of the stages' output: read on to it from the start
      if (atStart()) return place(row, true);
      from(START, row);
    },
    runFull() {
      setNote(undefined);
      if (atStart()) return place(Infinity, true);
      from(START, Infinity);
    },
    cancel: preview.cancel,
    rowNumber: (row) => (sourceRows ? (originRef.current.row ?? 0) + row : row),
  });
  const start: RunStart = useMemo(
    () => ({ key: `${origin.byte}:${skip}:${gen}`, procs: (origin.byte > 0 || skip > 0) && src ? () => stagesFrom(src, origin.byte, { skipRows: skip }) : undefined }),
    [origin, skip, gen, src],
  );
  return { start, origin, src, forwardOnly: 'reason' in seek ? seek.reason : undefined, index, placement, note, nav };
}
