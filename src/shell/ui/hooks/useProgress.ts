// While a run reads on (run in full, G on a source that cannot seek, a
// stage that reads everything), the progress the status line shows: the
// source's process's position in its file, rows, rate and time left,
// redrawn 4 times a second.
import { useEffect, useRef, useState } from 'react';
import { progressText, readPosition } from '../../paging/progress.js';
import type { Seekable } from '../../seek/index.js';
import type { Preview } from './usePreview.js';

/** Shown once a run has read for this long without pausing. */
const AFTER_MS = 400;

export function useProgress(preview: Preview, src: Seekable | undefined): string | undefined {
  const [text, setText] = useState<string | undefined>();
  const since = useRef(0);
  const pageRef = useRef(preview.page);
  pageRef.current = preview.page;
  const { running } = preview;
  useEffect(() => {
    if (!running) return setText(undefined);
    since.current = performance.now();
    const tick = () => {
      const elapsedMs = performance.now() - since.current;
      if (elapsedMs < AFTER_MS) return;
      const pid = preview.pids()[0];
      const pos = src && pid !== undefined ? readPosition(pid, src.path) : undefined;
      const rows = pageRef.current.read;
      // no rows yet: a stage that reads all its input before it writes
      setText(`${rows === 0 ? 'no rows yet, reading the input' : 'reading'}: ${progressText({ pos, size: src?.size, rows, elapsedMs })}`);
    };
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [running, src]);
  return text;
}
