// The column panel's "whole input": the session's pipeline (the source's
// processes, then its stages up to the one shown) followed by `jn analyze`,
// run in the background through the shared pipeline runner, with progress
// (elapsed time and, for a file source, how far its first process has read
// the file: /proc/PID/fdinfo/0 `pos` over the file's size) and cancel (the
// chain's process groups are killed; nothing is left behind).
import { existsSync, fstatSync, readFileSync } from 'node:fs';
import { parseAddress } from '../sources/address.js';
import { nodeStage } from '../pipeline/node.js';
import { startPipeline, type Stage } from '../pipeline/spawn.js';
import { describeFailure } from '../kit/failure.js';
import { jnBin, sourceStages } from './source-stages.js';
import { isShSource } from './sh-source.js';
import type { Analysis } from './columns.js';

/** Top values asked of `jn analyze` (it keeps 64 candidates per field). */
const TOP = 20;
/** jn analyze writes one line whose size grows with the fields, not the rows. */
const MAX_OUTPUT = 64 * 1024 * 1024;
const PROGRESS_MS = 200;

export interface AnalyzeProgress {
  ms: number;
  /** Bytes of the source file read so far, and its size (file sources). */
  bytes?: number;
  size?: number;
}

type AnalyzeOutcome = { analysis: Analysis; ms: number } | { error: string } | { cancelled: true };

export interface AnalyzeRun {
  /** The chain's process ids. */
  pids: number[];
  cancel(): void;
  done: Promise<AnalyzeOutcome>;
}

/** Where process `pid` is in the file on its fd 0 (Linux). Once the
 * process has ended it is done with the file: `size`. */
function readPosition(pid: number, size: number): number | undefined {
  try {
    const m = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/0`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return existsSync('/proc/self/fdinfo') ? size : undefined;
  }
}

const jnStage = (argv: string[]): Stage => ({ label: argv[0], ...nodeStage(jnBin(), argv), kind: 'jn' });

/** Run `source | stages… | jn analyze`; onProgress is called every 200 ms. */
export function runAnalyze(source: string, argvs: readonly string[][], onProgress?: (p: AnalyzeProgress) => void): AnalyzeRun {
  const t0 = performance.now();
  let src: ReturnType<typeof sourceStages>;
  try {
    // a command (sh:...) is words, not an address
    if (!isShSource(source)) parseAddress(source);
    src = sourceStages(source);
  } catch (err) {
    return { pids: [], cancel() {}, done: Promise.resolve({ error: err instanceof Error ? err.message : String(err) }) };
  }
  let size: number | undefined;
  try {
    if (typeof src.stdin === 'number') size = fstatSync(src.stdin).size;
  } catch {
    size = undefined;
  }
  const p = startPipeline([...src.stages, ...argvs.map(jnStage), jnStage(['analyze', '--top', String(TOP)])], {
    stdin: src.stdin,
    stdout: 'pipe',
    closeAfterSpawn: typeof src.stdin === 'number' ? [src.stdin] : [],
  });
  const chunks: Buffer[] = [];
  let length = 0;
  let cancelled = false;
  p.stdout!.on('data', (b: Buffer) => {
    length += b.length;
    if (length > MAX_OUTPUT) return p.kill();
    chunks.push(b);
  });
  p.stdout!.on('error', () => {});
  const reader = p.pids[0];
  const bytes = () => (size === undefined || reader === undefined ? undefined : readPosition(reader, size));
  const timer = setInterval(() => onProgress?.({ ms: performance.now() - t0, bytes: bytes(), size }), PROGRESS_MS);
  const done = p.done.then((result): AnalyzeOutcome => {
    clearInterval(timer);
    if (cancelled) return { cancelled: true };
    if (result.failure) return { error: describeFailure(result.failure, true) };
    if (length > MAX_OUTPUT) return { error: 'analyze: its output is too large to show' };
    try {
      return { analysis: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Analysis, ms: performance.now() - t0 };
    } catch {
      return { error: 'analyze: its output could not be read' };
    }
  });
  return {
    pids: p.pids,
    cancel() {
      cancelled = true;
      p.kill();
    },
    done,
  };
}
