/**
 * The imperative animation loop shared by the message, timer and clock layers. React is
 * not involved per frame: one requestAnimationFrame callback gets the virtual time "now",
 * extrapolated from the last clock the server sent, and hands it to every mounted layer.
 *
 * Frames are drawn on demand, not continuously. Each layer's draw returns how long, in
 * wall ms, until it next has something new to show (0: the next frame; Infinity: not
 * until the store changes), and the loop sleeps until the soonest. A frame in which a
 * callback ran costs the browser its pre-paint, layerize and commit steps even when the
 * callback changed nothing — about 30 ms of main-thread CPU a second at 60 Hz
 * (bench:web) — and at 10× or when paused most frames have nothing to change.
 */
import { useEffect, useRef } from 'react';
import { extrapolate } from './clock/vclock';
import { raftStore } from '../store/store';
import { FrameScheduler } from './frameScheduler';

/**
 * Draws a layer at `vnow`; returns wall ms until it needs drawing again (see above).
 * `storeChanged`: the store changed since the last frame (React commits in this one).
 */
export type Draw = (vnow: number, wallNow: number, storeChanged: boolean) => number;

const draws = new Set<{ current: Draw }>();
let unsubscribe: (() => void) | null = null;
let storeChanged = false;

const scheduler = new FrameScheduler(
  (callback) => requestAnimationFrame(callback),
  (handle) => cancelAnimationFrame(handle),
  frame,
);

function frame(wallNow: number): void {
  const vnow = extrapolate(raftStore.getState().clock, wallNow);
  const changed = storeChanged;
  storeChanged = false;
  let next = Number.POSITIVE_INFINITY;
  for (const draw of draws) next = Math.min(next, draw.current(vnow, wallNow, changed));
  wake(next);
}

function onStoreChange(): void {
  storeChanged = true;
  wake(0);
}

function wake(delayMs = 0): void {
  if (draws.size > 0) scheduler.wake(delayMs);
}

function stop(): void {
  scheduler.stop();
  unsubscribe?.();
  unsubscribe = null;
}

/** Calls `draw(vnow, wallNow)` when it asks to be, and after every store change, while mounted. */
export function useAnimationFrame(draw: Draw): void {
  const drawRef = useRef(draw);
  useEffect(() => {
    drawRef.current = draw;
    wake(0);
  }, [draw]);
  useEffect(() => {
    draws.add(drawRef);
    unsubscribe ??= raftStore.subscribe(onStoreChange);
    wake(0);
    return () => {
      draws.delete(drawRef);
      if (draws.size === 0) stop();
    };
  }, []);
}
