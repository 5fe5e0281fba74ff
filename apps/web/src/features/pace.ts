/**
 * The pace of layers that need not redraw every frame (the clock readout; the election
 * timer arcs above FAST_SPEED). Plain arithmetic, importing neither the store nor
 * React, so the ring's painting worker (features/ring/) paces its arcs the same way.
 */
import { FAST_SPEED } from '../store/speed';

/** Up to FAST_SPEED a paced layer redraws at most this often, ms… */
export const PACE_MIN_MS = 80;
/** …and, while the store changes less often than this, on its own. */
export const PACE_MAX_MS = 150;
/** Above FAST_SPEED, the same bounds. */
export const FAST_PACE_MIN_MS = 200;
export const FAST_PACE_MAX_MS = 500;

const bounds = (speed: number): readonly [number, number] =>
  speed > FAST_SPEED ? [FAST_PACE_MIN_MS, FAST_PACE_MAX_MS] : [PACE_MIN_MS, PACE_MAX_MS];

/**
 * When a paced layer redraws: with the store's changes (ten a second below 1×, four at
 * 1× and faster: `applyInterval` in api/stream.ts), in frames React's commits need
 * anyway, and on its own only when the store falls quiet. Every frame costs the page
 * pre-paint, paint, layerize and commit: ten paced frames a second of their own were a
 * third of the page's frames at 10× (bench:web, 9 nodes), and half of them at 0.02×,
 * where the readout redrew on a 100 ms phase of its own between the store's changes
 * (bench:web, BENCH_ONLY=slow).
 */
export class Pacer {
  private lastAt = Number.NEGATIVE_INFINITY;

  /** Whether the layer redraws in this frame; if so, it is counted as drawn. */
  due(wallNow: number, speed: number, storeChanged: boolean): boolean {
    const [min, max] = bounds(speed);
    const since = wallNow - this.lastAt;
    if (since < min || (!storeChanged && since < max)) return false;
    this.lastAt = wallNow;
    return true;
  }

  /** Wall ms until the layer next redraws if the store does not change first. */
  wait(wallNow: number, speed: number): number {
    return Math.max(0, this.lastAt + bounds(speed)[1] - wallNow);
  }
}
