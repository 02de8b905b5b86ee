// Running a session's pipeline for the preview: the source's plugin chain
// (the whole file, or from a byte offset after a jump) and one `jn <stage>`
// process per stage, through the shared pipeline runner. The chain stays
// open: its output is read into a bounded window of rows as the view needs
// them (paging/reader.ts) and otherwise waits, blocked on a full pipe. The
// run "settles" once enough rows are ahead of the view or the output has
// ended: that is when the preview has its rows. A new run first ends the
// previous one (cancel).
import { parseAddress } from '../sources/address.js';
import { nodeStage } from '../pipeline/node.js';
import { startPipeline, type PipelineResult, type RunningPipeline, type Stage, type StageResult } from '../pipeline/spawn.js';
import { reportedFailure } from '../pipeline/result.js';
import { describeFailure } from '../kit/failure.js';
import { jnBin, sourceStages } from './source-stages.js';
import { isShSource } from './sh-source.js';
import { PageReader } from './paging/reader.js';
import { parseLossless } from '../kit/lossless.js';

export interface StageStatus {
  /** Index in the argv list, or -1 for the source. */
  index: number;
  /** The session id of the stage (set by the UI from its PreviewPlan). */
  id?: number | null;
  label: string;
  ok: boolean;
  /** First stderr line of a failed stage (or a warning). */
  message?: string;
  ms?: number;
}

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
  error?: { index: number; message: string };
  ms: number;
}

/** The processes that read the source (source-stages.ts, or seek's
 * stagesFrom after a jump); release: called when the chain has ended. */
export interface SourceProcs {
  stages: Stage[];
  stdin: number | 'ignore';
  closeAfterSpawn?: number[];
  release?: () => void;
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
}

export interface PreviewHandle {
  cancel(): void;
  /** The first time the run settles (enough rows, or the end). */
  done: Promise<PreviewResult>;
  /** The chain has ended (never, for a run paused on a big output until
   * it is cancelled). */
  ended: Promise<PreviewResult>;
  /** The output, read on demand; undefined when the source failed. */
  reader?: PageReader;
  /** The processes, source first. */
  pids: number[];
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
  let src: SourceProcs;
  try {
    // a command (sh:...) is words, not an address
    if (!isShSource(source)) parseAddress(source);
    src = opts.from ?? sourceStages(source);
  } catch (err) {
    const r = failed(err instanceof Error ? err.message : String(err));
    return { cancel() {}, done: Promise.resolve(r), ended: Promise.resolve(r), pids: [] };
  }
  const stageList: Stage[] = argvs.map((argv) => ({ label: argv[0], ...nodeStage(jnBin(), argv), kind: 'jn' }));
  const nSource = src.stages.length;
  const all = [...src.stages, ...stageList];
  const p: RunningPipeline = startPipeline(all, {
    stdin: src.stdin,
    stdout: 'pipe',
    closeAfterSpawn: src.closeAfterSpawn ?? (typeof src.stdin === 'number' ? [src.stdin] : []),
  });
  const reader = new PageReader(p.stdout!, opts.window, opts.ahead ?? 200, parseRow);
  let cancelled = false;
  let stopped = false;
  let final: PipelineResult | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  /** The time to the first pause: how long the preview took to have its
   * rows (later pauses are the user paging). */
  let firstMs: number | undefined;
  if (opts.stopAt !== undefined) {
    // one shot: read on (no pause) up to stopAt
    reader.want(Infinity);
    reader.stopAt(opts.stopAt);
    // Close our end: the last stage gets EPIPE and the chain collapses. A
    // stage that is not writing (tail, sort) would not notice: kill soon.
    reader.onStop = () => {
      stopped = true;
      reader.close();
      killTimer ??= setTimeout(() => p.kill(), 150);
    };
  }
  const snapshot = (): PreviewResult => {
    const w = reader.window;
    const stages = final ? endedStatuses(final.stages, nSource) : liveStatuses(all, p.stderrSoFar?.() ?? [], nSource);
    const error = cancelled ? undefined : final ? endedError(final, nSource) : stages.some((s) => !s.ok) ? firstError(stages) : undefined;
    const limited = stopped || !reader.state.eof;
    firstMs ??= performance.now() - t0;
    return { rows: w.slice(w.start, w.end), first: w.start, limited, ended: final !== undefined, cancelled: cancelled && limited, running: reader.state.reading, stages, error, ms: final && opts.stopAt !== undefined ? performance.now() - t0 : firstMs };
  };
  let settle!: (r: PreviewResult) => void;
  const done = new Promise<PreviewResult>((resolve) => (settle = resolve));
  reader.onChange = () => opts.onRows?.();
  // (the end of the output is settled by the end of the chain, with its
  // statuses, a moment later)
  reader.onIdle = () => {
    const r = snapshot();
    settle(r);
    opts.onSettle?.(r);
  };
  const ended = p.done.then((result) => {
    src.release?.(); // a source that follows stdin's spool stops following
    if (killTimer) clearTimeout(killTimer);
    final = result;
    const r = snapshot();
    settle(r);
    opts.onSettle?.(r);
    return r;
  });
  return {
    // one shot: done once the chain has ended, with every stage's status
    done: opts.stopAt !== undefined ? ended : done,
    cancel() {
      cancelled = true;
      reader.close();
      p.kill();
    },
    ended,
    reader,
    pids: p.pids,
  };
}

function endedStatuses(results: StageResult[], nSource: number): StageStatus[] {
  return results.map((r, i): StageStatus => {
    const message = r.failure?.upstream ? 'stopped: an earlier stage failed' : r.failure ? describeFailure(r.failure, false) : r.stderr.split('\n').find((l) => l.trim());
    return { index: i < nSource ? -1 : i - nSource, label: r.label, ok: r.ok, message, ms: r.ms };
  });
}

/** While the chain waits (not ended): a jn stage that reported a failure
 * has failed; the others have no status yet. */
function liveStatuses(stages: Stage[], stderrs: string[], nSource: number): StageStatus[] {
  return stages.map((s, i): StageStatus => {
    const f = s.kind === 'jn' ? reportedFailure(stderrs[i] ?? '') : undefined;
    return { index: i < nSource ? -1 : i - nSource, label: s.label, ok: !f, message: f ? describeFailure(f, false) : undefined };
  });
}

function endedError(result: PipelineResult, nSource: number): PreviewResult['error'] {
  const failedAt = result.stages.findIndex((r) => !r.ok);
  if (failedAt === -1) return undefined;
  return { index: failedAt < nSource ? -1 : failedAt - nSource, message: result.failure ? describeFailure(result.failure, true) : 'failed' };
}

function firstError(stages: StageStatus[]): PreviewResult['error'] {
  const st = stages.find((s) => !s.ok)!;
  return { index: st.index, message: `${st.label}: ${st.message ?? 'failed'}` };
}
