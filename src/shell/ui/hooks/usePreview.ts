// The live preview: runs the plan (../../preview.ts) whenever it changes,
// at once, or after `debounceMs` while a stage is being typed; a new run
// cancels the one before; the last good result stays for when a run fails.
import { useCallback, useEffect, useRef, useState } from 'react';
import { runPreview, type PreviewHandle, type PreviewResult } from '../../preview.js';
import type { PreviewPlan } from '../../session.js';

export interface Preview {
  /** The last finished run. */
  result: PreviewResult | undefined;
  /** The last finished run that did not fail. */
  lastGood: PreviewResult | undefined;
  /** Rows of the run in progress, as they arrive. */
  liveRows: readonly unknown[] | undefined;
  running: boolean;
  /** Start now the run waiting for the debounce, and run the next plan at
   * once (Enter on a stage whose draft is already the plan must not wait). */
  runNow(): void;
  cancel(): void;
}

export function usePreview(source: string, plan: PreviewPlan, limit: number, debounceMs: number): Preview {
  const [result, setResult] = useState<PreviewResult | undefined>();
  const [lastGood, setLastGood] = useState<PreviewResult | undefined>();
  const [running, setRunning] = useState(false);
  const [liveRows, setLiveRows] = useState<readonly unknown[] | undefined>();
  const handle = useRef<PreviewHandle | undefined>(undefined);
  const immediate = useRef(true);
  // A debounced run waiting to start, and how to start it now.
  const pending = useRef<{ timer: NodeJS.Timeout; start: () => void } | undefined>(undefined);
  const planKey = JSON.stringify([source, plan.argvs, plan.ids, limit]);
  // Keyed on planKey alone: the plan is a new object on every render, the
  // run it describes is not.
  useEffect(() => {
    const start = () => {
      pending.current = undefined;
      handle.current?.cancel();
      setRunning(true);
      setLiveRows(undefined);
      const h = runPreview(source, plan.argvs, limit, (rows) => setLiveRows(rows.slice()));
      handle.current = h;
      const ids = plan.ids;
      void h.done.then((run) => {
        if (handle.current !== h) return;
        // each status names its stage by id: the argv index skips disabled stages
        const r = { ...run, stages: run.stages.map((st) => (st.index === -1 ? st : { ...st, id: ids[st.index] })) };
        setRunning(false);
        setLiveRows(undefined);
        setResult(r);
        if (!r.error) setLastGood(r);
      });
    };
    if (immediate.current || !plan.draft) start();
    else pending.current = { timer: setTimeout(start, debounceMs), start };
    immediate.current = false;
    return () => {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = undefined;
    };
  }, [planKey]);
  useEffect(() => () => handle.current?.cancel(), []);
  const runNow = useCallback(() => {
    immediate.current = true;
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = undefined;
    p.start();
  }, []);
  const cancel = useCallback(() => handle.current?.cancel(), []);
  return { result, lastGood, liveRows, running, runNow, cancel };
}
