/**
 * The seeks of one viewer, paced (issue 14's scrubbing, issue 16's bounded work).
 *
 * A seek costs the server real CPU: it copies a checkpoint and replays up to a spacing
 * of events (10–60 ms on a 5-node run). The page keeps one seek in flight, but nothing
 * obliges a client to wait for its answers. So seeks are not computed as they arrive:
 * the latest one asked for is kept, and computed on the next turn of the event loop, so
 * a burst of seeks read from the socket at once costs one. And a viewer's seeks draw on
 * a budget of CPU time (a token bucket in milliseconds): a drag of a few seconds never
 * notices it, while a client asking without pause gets at most `SEEK_CPU_SHARE` of a
 * core, its answers later rather than its socket closed. Nothing is computed for a
 * viewer holding more than its buffer limit unsent; its seek waits until it drains.
 */
import { LIMITS } from '@raftlab/protocol';
import type { Viewer } from './viewers';

/** The share of one core a single viewer's seeks may use over time. */
export const SEEK_CPU_SHARE = 0.75;
/** Milliseconds of seeking a viewer may spend at once before the share applies. */
export const SEEK_BURST_MS = 1_000;
/** How often a seek waiting for a full socket to drain looks again, ms. */
const DRAIN_RETRY_MS = 50;

/** What the pacer needs of time: tests pass their own. */
export interface PacerTime {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Runs `fn` after `ms` (0: on the next turn of the event loop); answers a cancel. */
  defer(fn: () => void, ms: number): () => void;
}

export const realTime: PacerTime = {
  now: () => performance.now(),
  defer: (fn, ms) => {
    if (ms <= 0) {
      const handle = setImmediate(fn);
      return () => clearImmediate(handle);
    }
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

export class SeekPacer {
  private pending: number | null = null;
  private cancelTimer: (() => void) | null = null;
  private budget = SEEK_BURST_MS;
  private budgetAt: number;

  constructor(
    private readonly viewer: Pick<Viewer, 'bufferedAmount'>,
    /** Computes and sends the moment `at` to the viewer. */
    private readonly run: (at: number) => void,
    private readonly time: PacerTime = realTime,
  ) {
    this.budgetAt = time.now();
  }

  /** The viewer asks for moment `at`; it replaces any seek not yet computed. */
  request(at: number): void {
    this.pending = at;
    if (this.cancelTimer === null) this.schedule();
  }

  /** The viewer went back to live, or left: nothing waiting is computed. */
  cancel(): void {
    this.pending = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Whether a seek waits to be computed (for tests). */
  get waiting(): boolean {
    return this.pending !== null;
  }

  private schedule(): void {
    this.refill();
    const wait = this.budget >= 0 ? 0 : -this.budget / SEEK_CPU_SHARE;
    this.cancelTimer = this.time.defer(() => this.drain(), wait);
  }

  private drain(): void {
    this.cancelTimer = null;
    const at = this.pending;
    if (at === null) return;
    if (this.viewer.bufferedAmount > LIMITS.maxViewerBufferBytes) {
      this.cancelTimer = this.time.defer(() => this.drain(), DRAIN_RETRY_MS);
      return;
    }
    this.pending = null;
    const start = this.time.now();
    try {
      this.run(at);
    } finally {
      this.refill();
      this.budget -= this.time.now() - start;
      if (this.pending !== null && this.cancelTimer === null) this.schedule();
    }
  }

  private refill(): void {
    const now = this.time.now();
    this.budget = Math.min(SEEK_BURST_MS, this.budget + (now - this.budgetAt) * SEEK_CPU_SHARE);
    this.budgetAt = now;
  }
}
