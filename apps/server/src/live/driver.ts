/**
 * The real-time driver: one wall-clock interval for the whole server that advances
 * every live cluster by the wall time that passed and flushes their events to viewers.
 * One interval (not one per cluster) keeps the frame rate per viewer at
 * LIMITS.maxFramesPerSecond however many clusters run.
 */
import { LIMITS } from '@raftlab/protocol';
import type { ClusterRegistry } from './registry';

export class Driver {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly registry: ClusterRegistry,
    private readonly onError: (clusterId: string, error: unknown) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    if (this.timer) return;
    this.last = this.now();
    this.timer = setInterval(() => this.tick(), 1000 / LIMITS.maxFramesPerSecond);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round: advance every cluster, then flush. Public so tests can drive it by hand. */
  tick(wallMs = this.elapsed()): void {
    for (const cluster of this.registry.all()) {
      try {
        cluster.advance(wallMs);
        cluster.flush();
      } catch (error) {
        // A bug in one cluster must not take the server down: stop that cluster's clock
        // and report it; the others keep running.
        cluster.setClock({ paused: true });
        this.onError(cluster.id, error);
      }
    }
  }

  private elapsed(): number {
    const now = this.now();
    const wallMs = now - this.last;
    this.last = now;
    return wallMs;
  }
}
