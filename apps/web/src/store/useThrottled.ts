/**
 * A store hook that re-renders at most every `intervalMs`: for panels (the feed, the
 * charts) whose data changes with every frame but which a person reads, not watches.
 *
 * The value is refreshed inside the store's own change notification, through
 * `useSyncExternalStore`, so a throttled panel re-renders in the same React commit as
 * everything else that frame changed: one style, layout and paint pass instead of one
 * per panel on its own timer (bench:web traced ~20 whole-page repaints a second from
 * panels flushing at 200, 250, 300 and 500 ms phases). A skipped change is picked up by
 * the next one that passes, or by a trailing refresh if the store falls quiet.
 *
 * Off screen (see `OnScreen`), a panel refreshes at most once a second; above 2×, at most
 * twice a second: virtual time then outruns reading, and at 10× the panels' refreshes
 * were most of the page's main-thread time (bench:web, 9 nodes).
 */
import { useCallback, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { OnScreenContext } from '../app/onScreen';
import { raftStore, useRaft, type RaftStore } from './store';
import { FAST_SPEED } from './speed';

/** How often an off-screen panel refreshes at most, ms. */
export const OFF_SCREEN_INTERVAL_MS = 1000;
/**
 * While the timeline's slider is dragged, panels refresh at most this often: the ring,
 * its messages and the banner show every moment the stream brings (bench:web's drag
 * counts them), the panels one reads catch up at once when the drag ends.
 */
export const SCRUBBING_INTERVAL_MS = 200;
/** Above FAST_SPEED panels refresh at most this often, ms. */
export const FAST_INTERVAL_MS = 500;
/**
 * A trailing refresh waits this much longer than the interval, so that while frames
 * keep coming (four a second) the next frame, not the timer, does the refresh.
 */
const TRAILING_GRACE_MS = 300;

/** `selector` should be a module-level constant: a new one is used from the next update on. */
export function useThrottledRaft<T>(selector: (s: RaftStore) => T, intervalMs: number): T {
  const onScreen = useContext(OnScreenContext);
  const fast = useRaft((s) => s.clock.speed > FAST_SPEED);
  const scrubbing = useRaft((s) => s.scrubbing);
  const interval = Math.max(
    intervalMs,
    onScreen ? 0 : OFF_SCREEN_INTERVAL_MS,
    fast ? FAST_INTERVAL_MS : 0,
    scrubbing ? SCRUBBING_INTERVAL_MS : 0,
  );
  const selectorRef = useRef(selector);
  useEffect(() => {
    selectorRef.current = selector;
  }, [selector]);
  const cache = useRef<{ value: T; slot: number } | null>(null);
  if (cache.current === null) cache.current = { value: selector(raftStore.getState()), slot: -1 };

  const subscribe = useCallback(
    (notify: () => void) => {
      let trailing: ReturnType<typeof setTimeout> | undefined;
      // Refreshes fall on whole multiples of the interval, the same for every panel with
      // that interval, so they all refresh on the same store change, in one React commit
      // and one layout and paint: measured from each panel's last refresh instead, panels
      // drift out of phase and every change refreshes one or another.
      const slotAt = (now: number) => (interval > 0 ? Math.floor(now / interval) : now);
      const refresh = () => {
        clearTimeout(trailing);
        trailing = undefined;
        cache.current = { value: selectorRef.current(raftStore.getState()), slot: slotAt(performance.now()) };
        notify();
      };
      // Coming back on screen (or a new interval): catch up at once.
      if (onScreen) refresh();
      const unsubscribe = raftStore.subscribe(() => {
        const now = performance.now();
        if (slotAt(now) !== cache.current!.slot) refresh();
        else if (trailing === undefined) {
          trailing = setTimeout(refresh, (cache.current!.slot + 1) * interval - now + TRAILING_GRACE_MS);
        }
      });
      return () => {
        unsubscribe();
        clearTimeout(trailing);
      };
    },
    [interval, onScreen],
  );
  return useSyncExternalStore(subscribe, () => cache.current!.value);
}
