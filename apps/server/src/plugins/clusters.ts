/** Decorates the app with the cluster registry and runs the real-time driver while the app is up. */
import fp from 'fastify-plugin';
import { ClusterRegistry } from '../live/registry';
import { Driver, ROUND_MS } from '../live/driver';

export interface ClustersPluginOptions {
  maxClusters: number;
  defaultSpeed: number;
  requestTimeoutMs: number;
  /** When false the clock only moves when a test calls `app.driver.tick(ms)`. */
  realTime: boolean;
  /**
   * Wall ms the clusters may spend advancing per round of the driver (see driver.ts).
   * Unbounded when not real time, so a test's outcome never depends on the machine's speed.
   */
  workBudgetMs?: number;
  /** Wall ms an unwatched, unused cluster is kept (Infinity: until evicted at the cap). */
  idleTtlMs: number;
}

/** How often clusters are looked over for expiry. */
const EXPIRY_SWEEP_MS = 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    clusters: ClusterRegistry;
    driver: Driver;
  }
}

export default fp<ClustersPluginOptions>(
  async (app, options) => {
    const registry = new ClusterRegistry({
      maxClusters: options.maxClusters,
      defaultSpeed: options.defaultSpeed,
      requestTimeoutMs: options.requestTimeoutMs,
      idleTtlMs: options.idleTtlMs,
    });
    const driver = new Driver(
      registry,
      (clusterId, error) => app.log.error({ err: error, clusterId }, 'cluster failed; its clock is paused'),
      undefined,
      options.workBudgetMs ?? (options.realTime ? ROUND_MS / 2 : Number.POSITIVE_INFINITY),
    );
    app.decorate('clusters', registry);
    app.decorate('driver', driver);
    let sweep: NodeJS.Timeout | undefined;
    if (options.realTime)
      app.addHook('onReady', async () => {
        driver.start();
        if (Number.isFinite(options.idleTtlMs)) {
          sweep = setInterval(() => registry.expireIdle(), Math.min(EXPIRY_SWEEP_MS, options.idleTtlMs));
          sweep.unref();
        }
      });
    // preClose, not onClose: before the server waits for open requests, so a KV request
    // waiting on a cluster answers (504, outcome unknown) and viewers get a `closed`
    // frame instead of holding the shutdown up to the request timeout.
    app.addHook('preClose', async () => {
      driver.stop();
      clearInterval(sweep);
      registry.dispose();
    });
  },
  { name: 'clusters' },
);
