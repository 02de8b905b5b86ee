// The live preview: runs the plan (../../preview.ts) whenever it changes,
// at once, or after `debounceMs` while a stage is being typed; a new run
// cancels the one before; the last good result stays for when a run fails.
// The run stays open and pages: `want(end)` reads on as the view moves
// (paging/reader.ts); the rows held are `page`, redrawn at most 10 times a
// second while rows stream in. The runs share a prefix cache
// (../../prefix/): a new run replaces the one before but keeps the prefix
// it cached; cancel ends it all.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { refillStagePool } from '../../../pipeline/pool/index.js';
import { runPreview, type PreviewHandle, type PreviewResult, type SourceProcs } from '../../preview.js';
import { PrefixCache } from '../../prefix/cache.js';
import { AHEAD, earlyResult, MIN_WINDOW, takeEarly, type EarlyRun } from '../../early.js';
import type { PageReader } from '../../paging/reader.js';
import type { PreviewPlan } from '../../session.js';
import { useStageProgress, type StageProgress } from './useStageProgress.js';

/** The rows held of the current run, numbered from its first row. */
export interface Page {
  /** Which run (a new one each time the preview re-runs or jumps). */
  run: number;
  first: number;
  rows: readonly unknown[];
  /** Rows read so far. */
  read: number;
  /** The output has ended (`read` is its row count). */
  eof: boolean;
  /** Reading now (the view asked for rows not read yet). */
  reading: boolean;
}

/** Where the run starts: the source's start, or a jump point (key: what
 * makes it another run; procs: the processes reading from there). */
export interface RunStart {
  key: string;
  procs?: () => SourceProcs;
}

export interface Preview {
  /** The current run, as of its last pause or its end. */
  result: PreviewResult | undefined;
  /** The last run that did not fail. */
  lastGood: PreviewResult | undefined;
  /** Rows of the run in progress until it first pauses or ends. */
  liveRows: readonly unknown[] | undefined;
  /** The run is reading (not waiting for the view). */
  running: boolean;
  page: Page;
  /** The view needs the rows before `end` (Infinity: to the end). */
  want(end: number): void;
  /** The processes of the run, source first (for progress). */
  pids(): number[];
  /** Start now the run waiting for the debounce, and run the next plan at
   * once (Enter on a stage whose draft is already the plan must not wait). */
  runNow(): void;
  cancel(): void;
  /** The stage reading all its input while the run has no rows yet. */
  stageProgress: StageProgress | undefined;
}

const EMPTY: Page = { run: 0, first: 0, rows: [], read: 0, eof: false, reading: true };
/** Redraws while rows stream in: at most one per this many ms (10 a
 * second: reading to the end is paced by the renders). */
const THROTTLE_MS = 100;

const pageOf = (reader: PageReader, run: number): Page => {
  const w = reader.window;
  const st = reader.state;
  return { run, first: w.start, rows: w.slice(w.start, w.end), read: st.read, eof: st.eof, reading: st.reading };
};
/** Each status names its stage by id: the argv index skips disabled stages. */
const withIds = (r: PreviewResult, ids: readonly (number | null)[]): PreviewResult => ({ ...r, stages: r.stages.map((st) => (st.index === -1 ? st : { ...st, id: ids[st.index] })) });
/** A result to keep as the last good output (an output that ended while
 * its chain did not yet may still fail). */
const isGood = (r: PreviewResult): boolean => !r.error && (r.ended || r.limited);

/** `early`: the first run, started before the UI (../../early.ts). */
export function usePreview(source: string, plan: PreviewPlan, limit: number, debounceMs: number, start: RunStart = { key: '' }, early?: EarlyRun): Preview {
  const wanted = { source, argvs: plan.argvs, draft: plan.draft, limit, fromStart: !start.procs };
  // the early run's rows, when it has them, are in the first frame
  const [shown] = useState(() => earlyResult(early, wanted));
  const [result, setResult] = useState(() => shown && withIds(shown, plan.ids));
  const [lastGood, setLastGood] = useState(() => (shown && isGood(shown) ? withIds(shown, plan.ids) : undefined));
  const [settled, setSettled] = useState(shown !== undefined);
  const [page, setPage] = useState<Page>(() => (shown && early?.handle.reader ? pageOf(early.handle.reader, 1) : EMPTY));
  const handle = useRef<PreviewHandle | undefined>(undefined);
  const immediate = useRef(true);
  // A debounced run waiting to start, and how to start it now.
  const pending = useRef<{ timer: NodeJS.Timeout; start: () => void } | undefined>(undefined);
  const throttle = useRef<NodeJS.Timeout | undefined>(undefined);
  const runs = useRef(0);
  const cache = useRef<PrefixCache | undefined>(undefined);
  const runIds = useRef<readonly (number | null)[]>([]);
  const planKey = JSON.stringify([source, plan.argvs, plan.ids, limit, start.key]);
  const runKey = useRef(planKey); // the plan of the run (or the one waiting)
  const draw = useCallback((h: PreviewHandle) => {
    clearTimeout(throttle.current);
    throttle.current = undefined;
    if (handle.current !== h || !h.reader) return;
    setPage(pageOf(h.reader, runs.current));
  }, []);
  // Keyed on planKey alone (the plan is a new object on every render, its
  // run is not). Started in the commit of its plan, before any key comes.
  useLayoutEffect(() => {
    runKey.current = planKey;
    const run = () => {
      pending.current = undefined;
      handle.current?.replace();
      runs.current++;
      const taken = runs.current === 1 ? takeEarly(early, wanted) : undefined;
      // the early run's rows the first frame showed are still its latest
      const fresh = taken !== undefined && shown !== undefined && early?.last === shown;
      if (!fresh) setSettled(false);
      const ids = (runIds.current = plan.ids);
      cache.current ??= early?.cache ?? new PrefixCache();
      let h: PreviewHandle;
      const onRows = () => {
        throttle.current ??= setTimeout(() => draw(h), THROTTLE_MS);
      };
      const onSettle = (r0: PreviewResult) => {
        if (handle.current !== h) return;
        const r = withIds(r0, ids);
        draw(h);
        setSettled(true);
        setResult(r);
        if (isGood(r)) setLastGood(r);
      };
      h = taken ?? runPreview(source, plan.argvs, { window: Math.max(MIN_WINDOW, limit), ahead: AHEAD, from: start.procs?.(), onRows, onSettle, cache: cache.current, draft: plan.draft });
      handle.current = h;
      // (listening after handle.current is set: it may have settled)
      taken?.listen?.(onRows, onSettle, !fresh);
      if (!h.reader) void h.done.then(onSettle);
    };
    if (immediate.current || !plan.draft) run();
    else pending.current = { timer: setTimeout(run, debounceMs), start: run };
    immediate.current = false;
    return () => {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = undefined;
    };
  }, [planKey]);
  // Once a run's rows are drawn (effects run after the frame is written),
  // pre-start the processes of the next run (pipeline/pool/).
  useEffect(() => {
    if (settled) refillStagePool();
  }, [settled]);
  useEffect(
    () => () => {
      handle.current?.cancel();
      cache.current?.clear();
      if (throttle.current) clearTimeout(throttle.current);
    },
    [],
  );
  const runNow = useCallback(() => {
    immediate.current = true;
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    p.start();
  }, []);
  const cancel = useCallback(() => handle.current?.cancel(), []);
  const want = useCallback((end: number) => {
    const h = handle.current;
    if (!h?.reader) return;
    // (drawn when it reads again: `running`; the rows come as they do)
    if (h.reader.want(end)) draw(h);
  }, []);
  const pids = useCallback(() => handle.current?.pids ?? [], []);
  // A new plan's run starts in this commit's effects, after Ink wrote its
  // frame: it says running (not the last run's rows as the new stages').
  const running = (runKey.current !== planKey && (immediate.current || !plan.draft)) || !settled || page.reading;
  const stageProgress = useStageProgress(source, running && (page.run !== runs.current || page.read === 0), runs.current, () => handle.current?.procs?.() ?? [], () => runIds.current);
  // Until the new run has rows, the table keeps the last ones.
  const live = !settled && page.run === runs.current && page.rows.length > 0;
  return { result, lastGood, liveRows: live ? page.rows : undefined, running, page, want, pids, runNow, cancel, stageProgress };
}
