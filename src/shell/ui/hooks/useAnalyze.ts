// The column panel's background `jn analyze` (../../analyze-run.ts) over
// the pipeline the table shows: started on request, with its progress; a
// new pipeline forgets the result (and ends a run); leaving ends a run.
import { useEffect, useRef, useState } from 'react';
import { runAnalyze, type AnalyzeProgress, type AnalyzeRun } from '../../analyze-run.js';
import type { Analysis } from '../../columns.js';

export interface AnalyzeState {
  running: boolean;
  progress: AnalyzeProgress | undefined;
  analysis: Analysis | undefined;
  /** Milliseconds the finished run took. */
  ms: number | undefined;
  error: string | undefined;
  start(): void;
  /** End a run (its processes); true if one was running. */
  cancel(): boolean;
}

interface Done {
  analysis?: Analysis;
  ms?: number;
  error?: string;
}

export function useAnalyze(source: string, argvs: readonly string[][]): AnalyzeState {
  const [progress, setProgress] = useState<AnalyzeProgress | undefined>();
  const [done, setDone] = useState<Done>({});
  const [running, setRunning] = useState(false);
  const run = useRef<AnalyzeRun | undefined>(undefined);
  const key = JSON.stringify([source, argvs]);
  const end = () => {
    const r = run.current;
    run.current = undefined;
    r?.cancel();
    setRunning(false);
    setProgress(undefined);
    return r !== undefined;
  };
  // another pipeline: what was found does not hold for it
  useEffect(() => {
    setDone({});
    return () => void end();
  }, [key]);
  const start = () => {
    end();
    setDone({});
    setRunning(true);
    setProgress({ ms: 0 });
    const r = runAnalyze(source, argvs, setProgress);
    run.current = r;
    void r.done.then((outcome) => {
      if (run.current !== r) return;
      run.current = undefined;
      setRunning(false);
      setProgress(undefined);
      if ('analysis' in outcome) setDone({ analysis: outcome.analysis, ms: outcome.ms });
      else if ('error' in outcome) setDone({ error: outcome.error });
    });
  };
  return { running, progress, analysis: done.analysis, ms: done.ms, error: done.error, start, cancel: end };
}
