/**
 * Frames on demand: asks for the next animation frame when something is due within a
 * frame, and otherwise sets one timer for the soonest thing due, so an idle layer costs
 * no frames at all. Shared by the page's animation loop (animation.ts) and the ring's
 * painting worker, which has its own requestAnimationFrame.
 */

/** Under this delay the next frame comes first anyway. */
const FRAME_MS = 16;

export class FrameScheduler {
  private frameHandle = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  /**
   * @param requestFrame the thread's requestAnimationFrame
   * @param cancelFrame its cancelAnimationFrame
   * @param onFrame called in the frame; it wakes the scheduler again if it needs to
   */
  constructor(
    private readonly requestFrame: (callback: (wallNow: number) => void) => number,
    private readonly cancelFrame: (handle: number) => void,
    private readonly onFrame: (wallNow: number) => void,
  ) {}

  /** Asks for a frame after `delayMs` (0: the next one) unless one is due sooner. */
  wake(delayMs = 0): void {
    if (this.frameHandle !== 0 || !(delayMs < Number.POSITIVE_INFINITY)) return;
    if (delayMs < FRAME_MS) {
      this.clearTimer();
      this.frameHandle = this.requestFrame((wallNow) => {
        this.frameHandle = 0;
        this.onFrame(wallNow);
      });
      return;
    }
    const at = performance.now() + delayMs;
    if (at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.wake(0);
    }, delayMs);
  }

  stop(): void {
    this.cancelFrame(this.frameHandle);
    this.frameHandle = 0;
    this.clearTimer();
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
