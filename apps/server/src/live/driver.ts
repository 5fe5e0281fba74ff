/**
 * The real-time driver: one wall-clock interval for the whole server that advances
 * every live cluster by the wall time that passed and flushes their events to viewers.
 * One interval (not one per cluster) keeps the frame rate per viewer at
 * LIMITS.maxFramesPerSecond however many clusters run.
 *
 * Simulated work is bounded in wall time (issue 16, defect 4: sixteen uploaded traces of
 * nine nodes with 1 ms ticks at 20× pinned the CPU, and /healthz took seconds): each
 * round the clusters may spend `budgetMs` advancing, half the round by default, shared
 * fairly — each takes an equal part of what is left, in an order that turns every round,
 * so none always goes last. A cluster out of time stops where it is and runs slower than
 * its speed; it carries no debt into the next round. The rest of the round is the
 * server's, for requests and frames.
 */
import { LIMITS } from '@raftlab/protocol';
import type { ClusterRegistry } from './registry';

/** Wall ms between two rounds. */
export const ROUND_MS = 1000 / LIMITS.maxFramesPerSecond;
/** Each cluster's part of a round is at least this, so every one moves on, however many there are. */
const MIN_SLICE_MS = 0.25;

export class Driver {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private round = 0;

  constructor(
    private readonly registry: ClusterRegistry,
    private readonly onError: (clusterId: string, error: unknown) => void,
    private readonly now: () => number = () => performance.now(),
    /** Wall ms all clusters may spend advancing in one round (Infinity: unbounded). */
    private readonly budgetMs = ROUND_MS / 2,
  ) {}

  start(): void {
    if (this.timer) return;
    this.last = this.now();
    this.timer = setInterval(() => this.tick(), ROUND_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round: advance every cluster, then flush. Public so tests can drive it by hand. */
  tick(wallMs = this.elapsed()): void {
    const clusters = [...this.registry.all()];
    const turn = clusters.length > 0 ? this.round++ % clusters.length : 0;
    const order = [...clusters.slice(turn), ...clusters.slice(0, turn)];
    const end = this.now() + this.budgetMs;
    order.forEach((cluster, i) => {
      const start = this.now();
      const deadline = start + Math.max(MIN_SLICE_MS, (end - start) / (order.length - i));
      try {
        cluster.advance(wallMs, () => this.now() > deadline);
        cluster.flush();
      } catch (error) {
        // A bug in one cluster must not take the server down: stop that cluster's clock
        // and report it; the others keep running.
        cluster.setClock({ paused: true });
        this.onError(cluster.id, error);
      }
    });
  }

  private elapsed(): number {
    const now = this.now();
    const wallMs = now - this.last;
    this.last = now;
    return wallMs;
  }
}
