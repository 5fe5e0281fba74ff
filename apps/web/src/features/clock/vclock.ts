/**
 * Virtual-clock extrapolation. The server sends its clock with each frame; between
 * frames the client advances it by wall time × speed, so animations run smoothly at
 * 60 fps while the server sends at most 30 frames a second.
 */
import type { ClockState } from '../../store/types';

/** Virtual µs at wall time `wallNow` (performance.now(), ms). */
export function extrapolate(clock: ClockState, wallNow: number): number {
  if (clock.paused) return clock.now;
  const elapsedMs = Math.max(0, wallNow - clock.receivedAt);
  return clock.now + (elapsedMs / 1000) * clock.speed * 1e6;
}

/** Where a message is on its way, 0 at the sender and 1 at the receiver (clamped). */
export function flightProgress(sentAt: number, deliverAt: number, vnow: number): number {
  if (deliverAt <= sentAt) return 1;
  return Math.min(1, Math.max(0, (vnow - sentAt) / (deliverAt - sentAt)));
}

/** Fraction of an election timer still to run: 1 just reset, 0 expired; null without a timer. */
export function timerRemaining(start: number | null, end: number | null, vnow: number): number | null {
  if (start === null || end === null) return null;
  if (end <= start) return 0;
  return Math.min(1, Math.max(0, (end - vnow) / (end - start)));
}

/**
 * Wall ms until a timer drawn in `steps` steps per turn shows its next step: the timer
 * has `remaining` of its `durationUs` to run and virtual time passes at `speed`.
 * Infinity once it has run out (or while the clock stands still).
 */
export function msUntilNextStep(remaining: number, durationUs: number, speed: number, steps: number): number {
  if (remaining <= 0 || speed <= 0) return Number.POSITIVE_INFINITY;
  // The drawn step is round(remaining × steps); it changes when remaining crosses the
  // half-step boundary below it.
  const boundary = (Math.round(remaining * steps) - 0.5) / steps;
  const virtualUs = Math.max(0, remaining - boundary) * durationUs;
  return virtualUs / speed / 1000;
}

/** A virtual time for people: `1.234 567 s`. */
export function formatVirtualTime(us: number): string {
  const seconds = Math.floor(us / 1e6);
  const micros = Math.floor(us % 1e6)
    .toString()
    .padStart(6, '0');
  return `${seconds}.${micros.slice(0, 3)} ${micros.slice(3)} s`;
}
