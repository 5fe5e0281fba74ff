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
import { FAST_SPEED } from '../store/useThrottled';

/**
 * Draws a layer at `vnow`; returns wall ms until it needs drawing again (see above).
 * `storeChanged`: the store changed since the last frame (React commits in this one).
 */
export type Draw = (vnow: number, wallNow: number, storeChanged: boolean) => number;

/**
 * Layers that redraw at a fixed pace (the clock readout, the timer arcs at high speed)
 * share this period and its phase: they redraw in slot `paceSlot(wallNow)` and wait
 * `msToNextPace(wallNow)`, so they land in the same frame rather than two.
 */
export const PACE_MS = 100;
export const paceSlot = (wallNow: number): number => Math.floor(wallNow / PACE_MS);
export const msToNextPace = (wallNow: number): number => PACE_MS - (wallNow % PACE_MS);
/** Above FAST_SPEED a paced layer redraws at most this often, ms… */
export const FAST_PACE_MIN_MS = 200;
/** …and, while the store changes less often than this, on its own. */
export const FAST_PACE_MAX_MS = 500;

/**
 * When a paced layer redraws. Up to FAST_SPEED, every PACE_MS on the shared phase.
 * Faster, virtual time outruns the eye and the store changes four times a second
 * (`applyInterval` in api/stream.ts): the layer then redraws with those changes, in
 * frames React's commits need anyway, and on its own only when the store falls quiet.
 * Ten paced frames a second of their own were a third of the page's frames at 10×
 * (bench:web, 9 nodes), each costing pre-paint, paint, layerize and commit.
 */
export class Pacer {
  private lastSlot = -1;
  private lastAt = Number.NEGATIVE_INFINITY;

  /** Whether the layer redraws in this frame; if so, it is counted as drawn. */
  due(wallNow: number, speed: number, storeChanged: boolean): boolean {
    if (speed > FAST_SPEED) {
      const since = wallNow - this.lastAt;
      if (since < FAST_PACE_MIN_MS || (!storeChanged && since < FAST_PACE_MAX_MS)) return false;
    } else if (paceSlot(wallNow) === this.lastSlot) {
      return false;
    }
    this.lastSlot = paceSlot(wallNow);
    this.lastAt = wallNow;
    return true;
  }

  /** Wall ms until the layer next redraws if the store does not change first. */
  wait(wallNow: number, speed: number): number {
    return speed > FAST_SPEED ? Math.max(0, this.lastAt + FAST_PACE_MAX_MS - wallNow) : msToNextPace(wallNow);
  }
}

/** Under this delay the next frame comes first anyway. */
const FRAME_MS = 16;

const draws = new Set<{ current: Draw }>();
let frameHandle = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Number.POSITIVE_INFINITY;
let unsubscribe: (() => void) | null = null;
let storeChanged = false;

function frame(wallNow: number): void {
  frameHandle = 0;
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
    unsubscribe ??= raftStore.subscribe(onStoreChange);
    wake(0);
    return () => {
      draws.delete(drawRef);
      if (draws.size === 0) stop();
    };
  }, []);
}
