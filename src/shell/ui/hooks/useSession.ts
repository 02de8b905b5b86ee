// The session being built (../../session.ts) as React state: its current
// state, the selected stage, and the message under the editor.
import { useCallback, useState } from 'react';
import { Session, type SessionState } from '../../session.js';
import { useStateRef, type SetStateRef } from './useStateRef.js';

interface Message {
  text: string;
  error?: boolean;
}

export interface SessionControl {
  /** The model; its changes are drawn once passed to commit. */
  session: Session;
  state: SessionState;
  commit(next: SessionState): void;
  undo(): void;
  redo(): void;
  /** The selected stage (-1: the source): the preview shows its output. */
  selected: number;
  setSelected: SetStateRef<number>;
  selectedRef: { readonly current: number };
  message: Message | undefined;
  setMessage(message: Message | undefined): void;
  /** Show an error's message. */
  fail(err: unknown): void;
}

export function useSession(initial: SessionState): SessionControl {
  const [session] = useState(() => new Session(initial));
  const [state, setState] = useState<SessionState>(initial);
  const [selected, setSelected, selectedRef] = useStateRef(initial.stages.length - 1);
  const [message, setMessage] = useState<Message | undefined>();
  const commit = useCallback((next: SessionState) => {
    setState(next);
    setMessage(undefined);
  }, []);
  // After undo or redo the stage that changed is selected (a deleted stage
  // that comes back, an edit undone); a stage that went away selects the
  // one before its place.
  const travel = (step: () => boolean) => {
    const before = session.state;
    if (!step()) return;
    const after = session.state;
    const at = firstChange(before, after);
    if (at !== -1) setSelected(Math.min(at, after.stages.length - 1));
    else setSelected(Math.min(selectedRef.current, after.stages.length - 1));
    commit(after);
  };
  const undo = () => travel(() => session.undo());
  const redo = () => travel(() => session.redo());
  const fail = (err: unknown) => setMessage({ text: (err as Error).message, error: true });
  return { session, state, commit, undo, redo, selected, setSelected, selectedRef, message, setMessage, fail };
}

/** The first stage index where two states differ (id, text or on/off), or -1. */
function firstChange(a: SessionState, b: SessionState): number {
  const n = Math.max(a.stages.length, b.stages.length);
  for (let i = 0; i < n; i++) {
    const x = a.stages[i];
    const y = b.stages[i];
    if (x?.id !== y?.id || x?.text !== y?.text || x?.enabled !== y?.enabled) return i;
  }
  return -1;
}
