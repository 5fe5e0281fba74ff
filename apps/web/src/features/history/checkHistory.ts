/**
 * Asking the server's linearizability checker (GET /api/clusters/:id/history) for its
 * verdict: on demand, and again after operations complete, throttled. The verdict goes
 * into the store's `check` slice through its actions.
 */
import { useEffect } from 'react';
import { api, ApiError } from '../../api/client';
import { selectUncheckedCompletions } from '../../store/selectors';
import { raftStore } from '../../store/store';

/**
 * Fetches the verdict now, unless a request is already out: on the live history, or
 * while the page shows the past, on that moment's. A verdict that comes back after the
 * page has moved to another moment is not that moment's, and is dropped.
 */
export async function checkHistory(store = raftStore): Promise<void> {
  const { clusterId, check, checkStarted, checkFinished, checkFailed, checkAbandoned, moment } =
    store.getState();
  if (!clusterId || check.checking) return;
  const at = moment?.at ?? null;
  const stillShown = () => (store.getState().moment?.at ?? null) === at;
  checkStarted();
  try {
    // Only the pending operations: the page has the rest from its stream, and a long
    // history would otherwise be downloaded again at every check.
    const reply = await api.history(clusterId, 'pending', at);
    if (!stillShown()) checkAbandoned();
    else checkFinished(reply.verdict, { maxOpId: reply.maxOpId, pending: reply.ops.map((op) => op.opId) });
  } catch (err) {
    checkFailed(err instanceof ApiError ? err.message || err.code : 'request failed');
  }
}

/** Never re-check sooner than this after the last check started, wall ms. */
export const MIN_RECHECK_MS = 2000;
/**
 * Nor sooner than this many times the last check took: the server checks the whole
 * history each time, so a long-running cluster is checked less often rather
 * than keeping the server and the page busy.
 */
export const RECHECK_COST_FACTOR = 10;

/** When the next automatic check may start, given when and how long the last one ran. */
export const nextCheckAt = (lastStart: number, lastTook: number): number =>
  lastStart + Math.max(MIN_RECHECK_MS, RECHECK_COST_FACTOR * lastTook);

/** Re-checks after operations complete, at most as often as `nextCheckAt` allows. */
export function useAutoCheck(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastStart = Number.NEGATIVE_INFINITY;
    let lastTook = 0;
    const run = () => {
      timer = undefined;
      lastStart = performance.now();
      void checkHistory().finally(() => {
        lastTook = performance.now() - lastStart;
        consider();
      });
    };
    const consider = () => {
      const s = raftStore.getState();
      if (timer !== undefined || s.check.checking) return;
      if (selectUncheckedCompletions(s) === 0) return;
      timer = setTimeout(run, Math.max(0, nextCheckAt(lastStart, lastTook) - performance.now()));
    };
    consider();
    const unsubscribe = raftStore.subscribe(consider);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, []);
}
