// Tab in the stage editor: completes the word at the cursor (../complete.ts)
// from the rows the stage being typed reads, the builtin names, the stage
// commands' options and the file names; the candidates, when there are
// several, show under the editor until the next edit.
import { useEffect, useRef, useState } from 'react';
import { complete, fieldPaths } from '../../complete.js';
import { pathsStartingWith } from '../../file-names.js';
import type { Line } from '../../lineedit.js';
import { STAGE_OPTIONS } from '../../stage-options.js';

export interface CompletionState {
  /** The candidates of the last Tab, when there were several. */
  candidates: readonly string[];
  /** The line completed, or undefined when there is nothing to complete
   * at the cursor (Tab then moves the focus). */
  tab(line: Line): Line | undefined;
  /** Forget the candidates shown (the line changed). */
  clear(): void;
}

/** `rows`: the rows the preview shows; `draft`: they are the output of the
 * stage being typed, whose input (the rows shown before it was typed) is
 * what its field names come from. Read only on Tab. */
export function useCompletion(rows: readonly unknown[], draft: boolean): CompletionState {
  const [candidates, setCandidates] = useState<readonly string[]>([]);
  const rowsRef = useRef(rows);
  if (!draft || rowsRef.current.length === 0) rowsRef.current = rows;
  // the builtins' table is loaded after the first frame, not before it
  const builtins = useRef<readonly string[]>([]);
  useEffect(() => {
    void import('../../../filter/builtin-names.js').then((m) => (builtins.current = m.builtinNames()));
  }, []);
  const tab = (line: Line): Line | undefined => {
    const c = complete(line, { fields: fieldPaths(rowsRef.current), builtins: builtins.current, options: STAGE_OPTIONS, files: pathsStartingWith });
    setCandidates(c?.candidates ?? []);
    return c?.line;
  };
  const clear = () => setCandidates((c) => (c.length === 0 ? c : []));
  return { candidates, tab, clear };
}
