// Timing of the preview for benchmarks (bench/shell.bench.mjs): from Enter
// to the first rows of the new run drawn (live rows or the finished
// preview), and to the end of the run.
import { useEffect, useRef } from 'react';
import type { PreviewResult } from '../../preview.js';
import type { Preview } from './usePreview.js';

export type OnPreview = (result: PreviewResult, sinceEnterMs: number | undefined, rowsShownMs: number | undefined) => void;

/** Returns what to call on Enter. */
export function usePreviewTimings(preview: Preview, onPreview: OnPreview | undefined): () => void {
  const enterAt = useRef<number | undefined>(undefined);
  const rowsShownMs = useRef<number | undefined>(undefined);
  const { liveRows, result } = preview;
  useEffect(() => {
    if (enterAt.current !== undefined && rowsShownMs.current === undefined && liveRows && liveRows.length > 0) {
      rowsShownMs.current = performance.now() - enterAt.current;
    }
  }, [liveRows]);
  useEffect(() => {
    if (!result) return;
    const since = enterAt.current === undefined ? undefined : performance.now() - enterAt.current;
    onPreview?.(result, since, rowsShownMs.current ?? since);
    enterAt.current = undefined;
    rowsShownMs.current = undefined;
  }, [result]);
  return () => {
    enterAt.current = performance.now();
    rowsShownMs.current = undefined;
  };
}
