// The source's row index (../../seek), built in the background for a
// seekable source, cancelled when the source changes or the shell ends;
// re-renders as it progresses (at most 4 times a second).
import { useEffect, useState } from 'react';
import { buildIndex, type RowIndex, type Seekable } from '../../seek/index.js';

export function useRowIndex(src: Seekable | undefined): RowIndex | undefined {
  const [index, setIndex] = useState<RowIndex | undefined>();
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!src) return setIndex(undefined);
    let idx: RowIndex;
    try {
      idx = buildIndex(src);
    } catch {
      return setIndex(undefined);
    }
    setIndex(idx);
    let timer: NodeJS.Timeout | undefined;
    const off = idx.onProgress(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setTick((t) => t + 1);
      }, 250);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
      idx.cancel();
    };
  }, [src]);
  return index;
}
