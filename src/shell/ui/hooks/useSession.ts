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
  const undo = () => {
    if (session.undo()) commit(session.state);
  };
  const redo = () => {
    if (session.redo()) commit(session.state);
  };
  const fail = (err: unknown) => setMessage({ text: (err as Error).message, error: true });
  return { session, state, commit, undo, redo, selected, setSelected, selectedRef, message, setMessage, fail };
}
