// Running a session's pipeline for the preview: the source's plugin chain
// and one `jn <stage>` process per stage, through the shared pipeline
// runner, reading at most `limit` records of the last stage's output. When
// the preview has its rows it closes its end of the pipe, so the last stage
// gets SIGPIPE/EPIPE and the chain collapses back to the source: the preview
// costs the same on 1 KB and on 10 GB. A new run first ends the previous one.
import { parseAddress } from '../sources/address.js';
import { nodeStage } from '../pipeline/node.js';
import { startPipeline, type RunningPipeline, type Stage, type StageResult } from '../pipeline/spawn.js';
import { ChunkLines } from '../kit/io.js';
import { parseLossless } from '../kit/lossless.js';
import { describeFailure } from '../kit/failure.js';
import { jnBin, sourceStages, type SourceStages } from './source-stages.js';

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
  rows: unknown[];
  /** The limit was reached: there may be more rows. */
  limited: boolean;
  /** Still reading (rows so far are shown). */
  running: boolean;
  /** Set when the source itself cannot be opened or resolved. */
  sourceError?: string;
  /** Per stage status, source first, once the chain has ended. */
  stages: StageStatus[];
  /** The first failure, as one line, if any. */
  error?: { index: number; message: string };
  ms: number;
}

export interface PreviewHandle {
  cancel(): void;
  done: Promise<PreviewResult>;
}

/** Run the preview; onRows is called as rows arrive (throttled by the caller). */
export function runPreview(source: string, argvs: string[][], limit: number, onRows?: (rows: unknown[]) => void): PreviewHandle {
  const t0 = performance.now();
  let src: SourceStages;
  try {
    parseAddress(source);
    src = sourceStages(source);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { cancel() {}, done: Promise.resolve({ rows: [], limited: false, running: false, sourceError: message, stages: [], error: { index: -1, message }, ms: 0 }) };
  }
  const stageList: Stage[] = argvs.map((argv) => ({ label: argv[0], ...nodeStage(jnBin(), argv), kind: 'jn' }));
  const nSource = src.stages.length;
  const p: RunningPipeline = startPipeline([...src.stages, ...stageList], {
    stdin: src.stdin,
    stdout: 'pipe',
    closeAfterSpawn: typeof src.stdin === 'number' ? [src.stdin] : [],
  });
  const rows: unknown[] = [];
  let limited = false;
  let cancelled = false;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = () => {
    // Close our end: the last stage gets EPIPE and the chain collapses. A
    // stage that is not writing (tail, sort) would not notice: kill soon.
    p.stdout!.destroy();
    killTimer ??= setTimeout(() => p.kill(), 150);
  };
  const lines = new ChunkLines();
  p.stdout!.on('data', (chunk: Buffer) => {
    if (limited || cancelled) return;
    for (const line of lines.push(chunk)) {
      try {
        rows.push(parseLossless(line)); // numbers keep their text (2095.10), keys their order
      } catch {
        // the failure mark (kit/mark.ts) is not a row: the failure itself
        // comes from the stages' results below
        if (line.includes('\x18')) continue;
        rows.push(line);
      }
      if (rows.length >= limit) {
        limited = true;
        stop();
        break;
      }
    }
    onRows?.(rows);
  });
  p.stdout!.on('error', () => {});
  const done = p.done.then((result) => {
    src.release?.();
    if (killTimer) clearTimeout(killTimer);
    const stages = result.stages.map((r: StageResult, i: number): StageStatus => {
      const index = i < nSource ? -1 : i - nSource;
      const message = r.failure?.upstream ? 'stopped: an earlier stage failed' : r.failure ? describeFailure(r.failure, false) : r.stderr.split('\n').find((l) => l.trim());
      return { index, label: r.label, ok: r.ok, message, ms: r.ms };
    });
    const failedAt = result.stages.findIndex((r) => !r.ok);
    const error =
      failedAt === -1 || cancelled
        ? undefined
        : { index: failedAt < nSource ? -1 : failedAt - nSource, message: result.failure ? describeFailure(result.failure, true) : 'failed' };
    return { rows, limited, running: false, stages, error, ms: performance.now() - t0 };
  });
  return {
    cancel() {
      cancelled = true;
      p.kill();
    },
    done,
  };
}
