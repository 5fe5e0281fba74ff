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

/** Draws a layer at `vnow`; returns wall ms until it needs drawing again (see above). */
export type Draw = (vnow: number, wallNow: number) => number;

/**
 * Layers that redraw at a fixed pace (the clock readout, the timer arcs at high speed)
 * share this period and its phase: they redraw in slot `paceSlot(wallNow)` and wait
 * `msToNextPace(wallNow)`, so they land in the same frame rather than two.
 */
export const PACE_MS = 100;
export const paceSlot = (wallNow: number): number => Math.floor(wallNow / PACE_MS);
export const msToNextPace = (wallNow: number): number => PACE_MS - (wallNow % PACE_MS);

/** Under this delay the next frame comes first anyway. */
const FRAME_MS = 16;

const draws = new Set<{ current: Draw }>();
let frameHandle = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Number.POSITIVE_INFINITY;
let unsubscribe: (() => void) | null = null;

function frame(wallNow: number): void {
  frameHandle = 0;
  const vnow = extrapolate(raftStore.getState().clock, wallNow);
  let next = Number.POSITIVE_INFINITY;
  for (const draw of draws) next = Math.min(next, draw.current(vnow, wallNow));
  wake(next);
}

/** Asks for a frame after `delayMs` (0: the next one) unless one is due sooner. */
function wake(delayMs = 0): void {
  if (draws.size === 0 || frameHandle !== 0 || !(delayMs < Number.POSITIVE_INFINITY)) return;
  if (delayMs < FRAME_MS) {
    clearTimeout(timer);
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    frameHandle = requestAnimationFrame(frame);
    return;
  }
  const at = performance.now() + delayMs;
  if (at >= timerAt) return;
  clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(() => {
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    wake(0);
  }, delayMs);
}

function stop(): void {
  cancelAnimationFrame(frameHandle);
  frameHandle = 0;
  clearTimeout(timer);
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
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
    unsubscribe ??= raftStore.subscribe(() => wake(0));
    wake(0);
    return () => {
      draws.delete(drawRef);
      if (draws.size === 0) stop();
    };
  }, []);
}
