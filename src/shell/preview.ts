// Running a session's pipeline for the preview: the source's plugin chain
// (the whole file, or from a byte offset after a jump) and one `jn <stage>`
// process per stage, through the shared pipeline runner. The chain stays
// open: its output is read into a bounded window of rows as the view needs
// them (paging/reader.ts) and otherwise waits, blocked on a full pipe. The
// run "settles" once enough rows are ahead of the view or the output has
// ended: that is when the preview has its rows. A new run first ends the
// previous one (replace); with a prefix cache (prefix/), a run reads the
// output of its longest unchanged prefix from a spool instead of running
// those stages again.
import { parseAddress } from '../sources/address.js';
import { sourceStages } from './source-stages.js';
import { isShSource } from './sh-source.js';
import { PageReader } from './paging/reader.js';
import { parseLossless } from '../kit/lossless.js';
import type { PrefixCache } from './prefix/cache.js';
import { killChain, startChain, type Chain, type SourceProcs } from './prefix/chain.js';
import { firstFailed, partError, partStatuses, type RunError, type StageStatus } from './prefix/status.js';

export type { StageStatus } from './prefix/status.js';
export type { SourceProcs } from './prefix/chain.js';

export interface PreviewResult {
  /** The rows held (the window), from row `first` of the run. */
  rows: unknown[];
  first: number;
  /** The output has not ended: there are more rows to read. */
  limited: boolean;
  /** Still reading (rows so far are shown). */
  running: boolean;
  /** The chain has ended (the statuses are final). */
  ended: boolean;
  /** The run was cancelled (cancel()) before its output ended. */
  cancelled?: boolean;
  /** Set when the source itself cannot be opened or resolved. */
  sourceError?: string;
  /** Per stage status, source first (ms once a stage has ended). */
  stages: StageStatus[];
  /** The first failure, as one line, if any. */
  error?: RunError;
  ms: number;
}

export interface PreviewOptions {
  /** Rows held (the window). */
  window: number;
  /** Rows read beyond the last one the view wants before reading pauses. */
  ahead?: number;
  /** Read the source with these processes instead of from its start. */
  from?: SourceProcs;
  /** Called as rows arrive (throttled by the caller). */
  onRows?: () => void;
  /** Read this many rows at most and then end the chain (a one-shot
   * preview: the limit is `limited`). */
  stopAt?: number;
  /** Called whenever the run settles (paused with rows ahead) or ends. */
  onSettle?: (result: PreviewResult) => void;
  /** Reuse and keep prefixes of the stages (prefix/cache.ts); not with
   * `from` (a run from a jump point is never cached). */
  cache?: PrefixCache;
  /** The last stage is being typed (see prefix/chain.ts). */
  draft?: boolean;
}

export interface PreviewHandle {
  /** End the run and every process it started or reads that is still
   * reading (a cached prefix still reading everything too). */
  cancel(): void;
  /** End the run because another replaces it: a prefix it caches stays. */
  replace(): void;
  /** The first time the run settles (enough rows, or the end). */
  done: Promise<PreviewResult>;
  /** The chain has ended (never, for a run paused on a big output until
   * it is cancelled). */
  ended: Promise<PreviewResult>;
  /** The output, read on demand; undefined when the source failed. */
  reader?: PageReader;
  /** The processes this run started, source first (a cached prefix's
   * are not among them). */
  pids: number[];
  /** The processes of each stage shown, source first, also those of a
   * cached prefix still running (for the stage list's progress). */
  procs?(): { index: number; pid: number | undefined }[];
  /** Replace the run's onRows and onSettle (a run started before its
   * listener existed: ./early.ts); a run that has settled already is
   * reported to the new onSettle at once, one with rows read to onRows
   * (unless `replay` is false). */
  listen?(onRows: () => void, onSettle: (result: PreviewResult) => void, replay?: boolean): void;
}

const failed = (message: string): PreviewResult => ({ rows: [], first: 0, limited: false, ended: true, running: false, sourceError: message, stages: [], error: { index: -1, message }, ms: 0 });

/** A row of the output: a JSON record as written (kit/lossless: numbers
 * keep their text, 2095.10; keys their order), or the line as text; the
 * failure mark (kit/mark.ts) is not a row (the failure comes from the stages). */
function parseRow(line: string): unknown {
  try {
    return parseLossless(line);
  } catch {
    return line.includes('\x18') ? undefined : line;
  }
}

/** Run the preview of `argvs` after the source: paged (options), or one
 * shot (`limit` rows at most, then the chain is ended). */
export function runPreview(source: string, argvs: string[][], options: PreviewOptions | number, onRows?: () => void): PreviewHandle {
  const opts = typeof options === 'number' ? { window: options, ahead: options, stopAt: options, onRows } : options;
  const t0 = performance.now();
  let chain: Chain;
  const cache = opts.from ? undefined : opts.cache;
  try {
    // a command (sh:...) is words, not an address
    if (!isShSource(source)) parseAddress(source);
    chain = startChain(source, argvs, () => opts.from ?? sourceStages(source), cache, 'draft' in opts && opts.draft);
  } catch (err) {
    const r = failed(err instanceof Error ? err.message : String(err));
    return { cancel() {}, replace() {}, done: Promise.resolve(r), ended: Promise.resolve(r), pids: [] };
  }
  const reader = new PageReader(chain.stdout, opts.window, opts.ahead ?? 200, parseRow);
  let cancelled = false;
  let stopped = false;
  let over = false;
  let killTimer: NodeJS.Timeout | undefined;
  /** The time to the first pause: how long the preview took to have its
   * rows (later pauses are the user paging). */
  let firstMs: number | undefined;
  const kill = (all: boolean) => killChain(chain, cache, all);
  if (opts.stopAt !== undefined) {
    // one shot: read on (no pause) up to stopAt
    reader.want(Infinity);
    reader.stopAt(opts.stopAt);
    // Close our end: the last stage gets EPIPE and the chain collapses. A
    // stage that is not writing (tail, sort) would not notice: kill soon.
    reader.onStop = () => {
      stopped = true;
      reader.close();
      killTimer ??= setTimeout(() => kill(true), 150);
    };
  }
  const snapshot = (): PreviewResult => {
    const w = reader.window;
    const cached = chain.cached?.statuses() ?? [];
    const own = chain.parts.map((part) => partStatuses(part));
    const stages = [...cached, ...own.flat()];
    const errors = [firstFailed(cached), ...chain.parts.map((part, i) => partError(part, own[i]))];
    const error = cancelled ? undefined : errors.find((e) => e !== undefined);
    const limited = stopped || !reader.state.eof;
    firstMs ??= performance.now() - t0;
    return { rows: w.slice(w.start, w.end), first: w.start, limited, ended: over, cancelled: cancelled && limited, running: reader.state.reading, stages, error, ms: over && opts.stopAt !== undefined ? performance.now() - t0 : firstMs };
  };
  let settle!: (r: PreviewResult) => void;
  const done = new Promise<PreviewResult>((resolve) => (settle = resolve));
  let { onRows: rowsTo, onSettle: settleTo } = opts as PreviewOptions;
  let settledOnce = false;
  const report = () => {
    const r = snapshot();
    settledOnce = true;
    settle(r);
    settleTo?.(r);
    return r;
  };
  let changed = false;
  reader.onChange = () => {
    changed = true;
    rowsTo?.();
  };
  // (the end of the output is settled by the end of the chain, with its
  // statuses, a moment later)
  reader.onIdle = () => void report();
  const ended = chain.done.then(() => {
    if (killTimer) clearTimeout(killTimer);
    over = true;
    return report();
  });
  return {
    // one shot: done once the chain has ended, with every stage's status
    done: opts.stopAt !== undefined ? ended : done,
    cancel() {
      cancelled = true;
      reader.close();
      kill(true);
    },
    replace() {
      reader.close();
      kill(false);
    },
    ended,
    reader,
    pids: chain.pids,
    procs: () => chainProcs(chain),
    listen(onRows, onSettle, replay = true) {
      rowsTo = onRows;
      settleTo = onSettle;
      if (!replay) return;
      if (settledOnce) onSettle(snapshot());
      else if (changed) onRows();
    },
  };
}

/** Each shown stage's process, source first: a cached prefix's while it
 * runs, then this run's (a part's tee left out). */
function chainProcs(chain: Chain): { index: number; pid: number | undefined }[] {
  const out: { index: number; pid: number | undefined }[] = [];
  const add = (part: Chain['parts'][number], pids: number[]) =>
    part.stages.forEach((_, i) => {
      if (part.tee && i === part.stages.length - 1) return;
      out.push({ index: i < part.nSource ? -1 : part.offset + i - part.nSource, pid: part.final ? undefined : pids[i] });
    });
  const cachedParts: Chain['parts'] = [];
  for (let e = chain.cached; e; e = e.base) cachedParts.unshift(e.part);
  for (const part of [...cachedParts, ...chain.parts]) add(part, part.p.pids);
  return out;
}
