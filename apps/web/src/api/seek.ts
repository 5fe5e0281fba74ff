/**
 * Seeking through the stream, one request at a time. A person dragging the timeline asks
 * for a new moment with every pixel, far faster than the server can answer; queueing
 * them all would show moments the slider has long left. So at most one seek is in
 * flight, and while it is, only the latest position asked for is kept: when the answer
 * comes, that one is sent (if it differs from what was just answered), and the rest are
 * never sent at all. Pure: `send` is the socket, time comes in as arguments.
 */
import type { ClientFrame } from '@raftlab/protocol';

/** A seek unanswered this long (wall ms) is given up on, so a lost answer cannot stall the slider. */
export const SEEK_TIMEOUT_MS = 3000;

export class SeekThrottle {
  /** The moment of the seek in flight, and when it was sent; null when none is. */
  private inFlight: { at: number; sentAt: number } | null = null;
  /** The latest moment asked for while a seek was in flight. */
  private pending: number | null = null;

  constructor(private readonly send: (frame: ClientFrame) => void) {}

  /** Whether a seek is out, unanswered (and not yet timed out at `now`). */
  busy(now: number): boolean {
    return this.inFlight !== null && now - this.inFlight.sentAt < SEEK_TIMEOUT_MS;
  }

  /** The person asks for moment `at`. */
  seek(at: number, now: number): void {
    if (this.busy(now)) this.pending = at;
    else this.dispatch(at, now);
  }

  /**
   * The person asks for the live cluster: nothing queued is sent any more, and the seek
   * in flight is given up on (the server drops a seek it has not computed when `live`
   * comes; an answer it had already sent is not drawn, see `answers`).
   */
  live(): void {
    this.pending = null;
    this.inFlight = null;
    this.send({ type: 'live' });
  }

  /** Whether a moment of the past at `at` answers the seek in flight (else it is stale). */
  answers(at: number): boolean {
    return this.inFlight?.at === at;
  }

  /**
   * A seek's answer came (or an error in its place). Sends the latest moment asked for
   * meanwhile; returns true when nothing is left to ask, so what is shown is the last
   * moment asked for.
   */
  answered(now: number): boolean {
    const answeredAt = this.inFlight?.at ?? null;
    this.inFlight = null;
    const next = this.pending;
    this.pending = null;
    if (next === null || next === answeredAt) return true;
    this.dispatch(next, now);
    return false;
  }

  /** The socket closed: whatever was out will not be answered. */
  reset(): void {
    this.inFlight = null;
    this.pending = null;
  }

  private dispatch(at: number, now: number): void {
    this.inFlight = { at, sentAt: now };
    this.send({ type: 'seek', at });
  }
}
