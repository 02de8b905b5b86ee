// While a run has no rows yet: the stage that is reading all its input
// (../../prefix/progress.ts), with how far the source's process has read
// its file, the bytes fed to the stage and the time, redrawn 4 times a
// second, for the stage list to show next to that stage.
import { useEffect, useRef, useState } from 'react';
import { statSync } from 'node:fs';
import { parseAddress } from '../../../sources/address.js';
import { readPosition } from '../../paging/progress.js';
import { readingAll, readingAllText, type StageProc } from '../../prefix/progress.js';

/** Shown once a run has read for this long without a row. */
const AFTER_MS = 400;

export interface StageProgress {
  /** The session id of the stage (null: the one being typed). */
  id: number | null;
  text: string;
}

/** The source file's path and size, when it is one plain file. */
function sourceFile(source: string): { path: string; size: number } | undefined {
  try {
    const a = parseAddress(source);
    if (a.protocol !== 'file' || a.isStdio) return undefined;
    return { path: a.path, size: statSync(a.path).size };
  } catch {
    return undefined;
  }
}

/** `procs`: the run's processes by stage; `ids`: the session id of each
 * argv index; `run`: which run (the time counts from its start). */
export function useStageProgress(source: string, active: boolean, run: number, procs: () => StageProc[], ids: () => readonly (number | null)[]): StageProgress | undefined {
  const [progress, setProgress] = useState<StageProgress | undefined>();
  const since = useRef(performance.now());
  useEffect(() => {
    since.current = performance.now();
  }, [run]);
  useEffect(() => {
    if (!active) return setProgress(undefined);
    const file = sourceFile(source);
    const tick = () => {
      const elapsedMs = performance.now() - since.current;
      if (elapsedMs < AFTER_MS) return;
      const ps = procs();
      const at = readingAll(ps);
      if (!at) return setProgress(undefined);
      const src = ps.find((p) => p.index === -1 && p.pid !== undefined);
      const pos = file && src ? readPosition(src.pid!, file.path) : undefined;
      setProgress({ id: ids()[at.index] ?? null, text: readingAllText({ pos, size: file?.size, input: at.input, elapsedMs }) });
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [active, run, source]);
  return progress;
}
