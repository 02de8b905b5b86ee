// useState whose latest value is also readable synchronously: keys can
// arrive faster than React re-renders (typing ahead, pasting, tmux), and a
// handler must see the effect of the key before it.
import { useCallback, useRef, useState } from 'react';

export type SetStateRef<T> = (next: T | ((prev: T) => T)) => void;

export function useStateRef<T>(initial: T | (() => T)): [T, SetStateRef<T>, { readonly current: T }] {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (prev: T) => T)(ref.current) : next;
    setValue(ref.current);
  }, []);
  return [value, set, ref];
}
