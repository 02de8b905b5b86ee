// The statuses of one part of a preview chain (the whole chain, or a cached
// prefix and the stages after it): per stage, source first, numbered by the
// stage's index in the run's argv list; a part's tee (cache.ts) is not shown.
import { describeFailure } from '../../kit/failure.js';
import { reportedFailure } from '../../pipeline/result.js';
import type { PipelineResult, RunningPipeline, Stage, StageResult } from '../../pipeline/spawn.js';

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
  /** Its output came from the prefix cache: it did not run again. */
  cached?: boolean;
}

export interface RunError {
  index: number;
  message: string;
}

/** A pipeline of the chain: its stages (source stages first, `nSource` of
 * them, then argv stages from index `offset`), and whether its last stage
 * is a tee. */
export interface Part {
  p: RunningPipeline;
  stages: Stage[];
  nSource: number;
  offset: number;
  tee: boolean;
  final?: PipelineResult;
}

const indexOf = (part: Part, i: number): number => (i < part.nSource ? -1 : part.offset + i - part.nSource);
const shown = (part: Part, i: number): boolean => !(part.tee && i === part.stages.length - 1);

/** Ended: every stage's result; live: a jn stage that reported a failure
 * has failed, the others have no status yet. */
export function partStatuses(part: Part): StageStatus[] {
  const out: StageStatus[] = [];
  if (part.final) {
    part.final.stages.forEach((r: StageResult, i) => {
      if (!shown(part, i)) return;
      const message = r.failure?.upstream ? 'stopped: an earlier stage failed' : r.failure ? describeFailure(r.failure, false) : r.stderr.split('\n').find((l) => l.trim());
      out.push({ index: indexOf(part, i), label: r.label, ok: r.ok, message, ms: r.ms });
    });
    return out;
  }
  const stderrs = part.p.stderrSoFar?.() ?? [];
  part.stages.forEach((s, i) => {
    if (!shown(part, i)) return;
    const f = s.kind === 'jn' ? reportedFailure(stderrs[i] ?? '') : undefined;
    out.push({ index: indexOf(part, i), label: s.label, ok: !f, message: f ? describeFailure(f, false) : undefined });
  });
  return out;
}

/** The first failure of a part: an ended part's (the most upstream real
 * one), or a live stage's reported one. */
export function partError(part: Part, statuses: StageStatus[]): RunError | undefined {
  const r = part.final;
  if (r) {
    const failedAt = r.stages.findIndex((s, i) => !s.ok && shown(part, i));
    if (failedAt === -1) return undefined;
    return { index: indexOf(part, failedAt), message: r.failure ? describeFailure(r.failure, true) : 'failed' };
  }
  return firstFailed(statuses);
}

/** The first failed status, as the run's error. */
export function firstFailed(statuses: StageStatus[]): RunError | undefined {
  const st = statuses.find((s) => !s.ok);
  return st && { index: st.index, message: `${st.label}: ${st.message ?? 'failed'}` };
}
