// The first preview run, started before the UI's code is loaded: `jn shell
// big.csv` spends its first ~100–200 ms loading Ink and React and drawing
// the first frame, and the source's processes (a Node start each) can start
// in that time instead of after it. usePreview adopts this run as its first
// one when it is the run it would start (same source and stages, from the
// source's start, same limit), and cancels it otherwise.
import { previewPlan, type SessionState } from './session.js';
import { runPreview, type PreviewHandle, type PreviewResult } from './preview.js';
import { PrefixCache } from './prefix/cache.js';

/** Rows held at least, whatever the limit: a few screens and the rows
 * read ahead of them. */
export const MIN_WINDOW = 1000;
/** Rows read beyond the last one the view wants before reading pauses. */
export const AHEAD = 200;

export interface EarlyRun {
  source: string;
  argvs: string[][];
  limit: number;
  cache: PrefixCache;
  handle: PreviewHandle;
  /** What it settled on last, until the UI listens. */
  last?: PreviewResult;
}

/** Start the preview of the session as it opens (its last stage selected,
 * nothing being typed). */
export function startEarly(state: SessionState, limit: number): EarlyRun {
  const { argvs } = previewPlan(state, '', null, state.stages.length - 1);
  const cache = new PrefixCache();
  const handle = runPreview(state.source, argvs, { window: Math.max(MIN_WINDOW, limit), ahead: AHEAD, cache });
  const early: EarlyRun = { source: state.source, argvs, limit, cache, handle };
  handle.listen?.(() => {}, (r) => (early.last = r));
  return early;
}

/** Until the early run has its first rows, or `ms` have passed: the UI's
 * first frame then shows them (a frame costs tens of ms of the shell's one
 * thread; an empty first frame would delay the rows by one). */
export function earlyRows(early: EarlyRun, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([early.handle.done.then(() => {}), late]).finally(() => clearTimeout(timer));
}

/** The run usePreview would start now. */
export interface Want {
  source: string;
  argvs: string[][];
  draft: boolean;
  limit: number;
  fromStart: boolean;
}

const isIt = (early: EarlyRun, want: Want): boolean =>
  want.fromStart && !want.draft && want.limit === early.limit && early.source === want.source && JSON.stringify(early.argvs) === JSON.stringify(want.argvs);

/** The early run, when it is the run usePreview would start now as its
 * first; otherwise it is cancelled. */
export function takeEarly(early: EarlyRun | undefined, want: Want): PreviewHandle | undefined {
  if (!early) return undefined;
  if (isIt(early, want)) return early.handle;
  early.handle.cancel();
  return undefined;
}

/** What the early run had settled on when the UI first renders, if it is
 * the run the UI will adopt: the first frame shows it. */
export function earlyResult(early: EarlyRun | undefined, want: Want): PreviewResult | undefined {
  return early && isIt(early, want) ? early.last : undefined;
}
