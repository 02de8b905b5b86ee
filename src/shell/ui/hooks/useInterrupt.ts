// Ctrl-C: cancel the preview that is running (the status line says so
// until the next run), or quit when none is.
import { useLayoutEffect, useState } from 'react';
import type { Preview } from './usePreview.js';

export function useInterrupt(preview: Preview, quit: () => void): { cancelled: boolean; interrupt(): void } {
  const [cancelled, setCancelled] = useState(false);
  // a layout effect: done in the commit that draws the new run, before any key
  useLayoutEffect(() => {
    if (preview.running) setCancelled(false);
  }, [preview.running]);
  const interrupt = () => {
    if (!preview.running) return quit();
    preview.cancel();
    setCancelled(true);
  };
  return { cancelled, interrupt };
}
