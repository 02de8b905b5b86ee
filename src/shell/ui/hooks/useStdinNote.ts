// What the status line says about stdin when it is the source: how much has
// been read, whether it is still being read, and above all when the spool's
// bound cut it (../../spool.ts). Redrawn at most every 250 ms while stdin
// streams in, at once when its state changes.
import { useEffect, useState } from 'react';
import { isStdinSource, spoolNote, spoolStdin, type Spool } from '../../spool.js';

const EVERY_MS = 250;

export function useStdinNote(source: string): string {
  const stdin = isStdinSource(source);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!stdin) return setNote('');
    let spool: Spool;
    try {
      spool = spoolStdin();
    } catch {
      // stdin is the terminal: the preview shows why
      return setNote('');
    }
    let timer: NodeJS.Timeout | undefined;
    let shown = spool.status.state;
    const update = () => {
      timer = undefined;
      shown = spool.status.state;
      setNote(spoolNote(spool.status));
    };
    update();
    const stop = spool.onChange(() => {
      if (spool.status.state !== shown) {
        if (timer) clearTimeout(timer);
        update();
      } else timer ??= setTimeout(update, EVERY_MS);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [stdin]);
  return note;
}
