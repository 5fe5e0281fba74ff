/**
 * A store hook that re-renders at most every `intervalMs`: for panels (the feed, the
 * charts) whose data changes with every frame but which a person reads, not watches.
 */
import { useEffect, useRef, useState } from 'react';
import { raftStore, type RaftStore } from './store';

/** `selector` should be a module-level constant: a new one is used from the next update on. */
export function useThrottledRaft<T>(selector: (s: RaftStore) => T, intervalMs: number): T {
  const [value, setValue] = useState(() => selector(raftStore.getState()));
  const selectorRef = useRef(selector);
  useEffect(() => {
    selectorRef.current = selector;
  }, [selector]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const flush = () => {
      timer = undefined;
      last = performance.now();
      setValue(selectorRef.current(raftStore.getState()));
    };
    const unsubscribe = raftStore.subscribe(() => {
      if (timer !== undefined) return;
      timer = setTimeout(flush, Math.max(0, intervalMs - (performance.now() - last)));
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [intervalMs]);
  return value;
}
