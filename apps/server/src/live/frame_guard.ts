/**
 * What a viewer's own frames may cost the server (issue 16, defect 2). Every frame the
 * server sends in answer to one (a pong, an error frame) obeys the same rule as event
 * frames: nothing goes to a socket holding more than LIMITS.maxViewerBufferBytes unsent,
 * so a client that sends and never reads cannot make the server queue answers for it.
 * And frames in are rate-limited per socket: a token bucket refilled at
 * LIMITS.maxClientFramesPerSecond, holding twice that; a frame that finds it empty closes
 * the socket with 1008, whatever the frame says.
 */
import { LIMITS, type ServerFrame } from '@raftlab/protocol';
import type { Viewer } from './viewers';

/** The close code of a viewer that sent frames faster than the limit (RFC 6455 §7.4.1). */
export const CLOSE_TOO_MANY_FRAMES = 1008;

export class FrameGuard {
  private tokens: number;
  private refilledAt: number;
  /** Answers not sent because the socket was over its buffer limit. */
  dropped = 0;

  constructor(
    private readonly viewer: Viewer,
    now: number,
    private readonly perSecond = LIMITS.maxClientFramesPerSecond,
  ) {
    this.tokens = 2 * perSecond;
    this.refilledAt = now;
  }

  /** Takes a token for a frame that arrived at `now` (ms); false when the socket must be closed. */
  admit(now: number): boolean {
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(2 * this.perSecond, this.tokens + (elapsed * this.perSecond) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Sends an answer unless the socket already holds more than its limit unsent. */
  reply(frame: ServerFrame): boolean {
    if (this.viewer.bufferedAmount > LIMITS.maxViewerBufferBytes) {
      this.dropped++;
      return false;
    }
    this.viewer.send(JSON.stringify(frame));
    return true;
  }
}
