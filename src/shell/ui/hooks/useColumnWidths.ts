// Columns widened or narrowed by the user (`>` / `<` on the current
// column), by name, for as long as the shell runs.
import { useState } from 'react';

/** Columns per key press. */
const STEP = 4;
const MAX_WIDTH = 1000;

interface ColumnWidths {
  widths: ReadonlyMap<string, number>;
  /** Widen (`delta` 1) or narrow (-1) column `name`, now `width` wide. */
  resize(name: string, width: number, delta: 1 | -1): void;
}

export function useColumnWidths(): ColumnWidths {
  const [widths, setWidths] = useState<ReadonlyMap<string, number>>(() => new Map());
  const resize = (name: string, width: number, delta: 1 | -1) =>
    setWidths((m) => new Map(m).set(name, Math.max(1, Math.min(MAX_WIDTH, (m.get(name) ?? width) + delta * STEP))));
  return { widths, resize };
}
