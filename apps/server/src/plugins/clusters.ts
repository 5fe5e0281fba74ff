/**
 * Decorates the app with the cluster registry, runs the real-time driver while the app
 * is up, and keeps the clusters in the store (persist/): restored before the app is
 * ready, each request's changes written before its answer leaves, every clock once a
 * second and at shutdown.
 */
import fp from 'fastify-plugin';
import { ClusterRegistry } from '../live/registry';
import { Driver, ROUND_MS } from '../live/driver';
import { Persistence } from '../persist/persistence';
import { ClusterStore } from '../persist/store';
import type { StoreLimits } from '../live/store_bound';

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
  /** The SQLite file the clusters are kept in (`:memory:`: kept only while the app runs). */
  dataPath: string;
  /** Bounds of each cluster's store, and its viewers at once. */
  storeLimits: StoreLimits;
  maxViewersPerCluster: number;
}

/** How often clusters are looked over for expiry. */
const EXPIRY_SWEEP_MS = 60_000;
/** How often every cluster's clock is written, at most this far behind after a crash. */
const CLOCK_SAVE_MS = 1000;

declare module 'fastify' {
  interface FastifyInstance {
    clusters: ClusterRegistry;
    driver: Driver;
  }
}

export default fp<ClustersPluginOptions>(
  async (app, options) => {
    const store = new ClusterStore(options.dataPath);
    const persistence = new Persistence(store);
    const registry = new ClusterRegistry({
      maxClusters: options.maxClusters,
      defaultSpeed: options.defaultSpeed,
      requestTimeoutMs: options.requestTimeoutMs,
      idleTtlMs: options.idleTtlMs,
      storeLimits: options.storeLimits,
      maxViewersPerCluster: options.maxViewersPerCluster,
      observer: persistence,
    });
    const started = performance.now();
    const restored = persistence.restoreInto(registry, (clusterId, error) =>
      app.log.error(
        { err: error, clusterId },
        'a stored cluster cannot be replayed; it is left in the store',
      ),
    );
    if (restored > 0)
      app.log.info(`restored ${restored} clusters in ${Math.round(performance.now() - started)} ms`);
    const driver = new Driver(
      registry,
      (clusterId, error) => app.log.error({ err: error, clusterId }, 'cluster failed; its clock is paused'),
      undefined,
      options.workBudgetMs ?? (options.realTime ? ROUND_MS / 2 : Number.POSITIVE_INFINITY),
    );
    app.decorate('clusters', registry);
    app.decorate('driver', driver);
    // Before the answer leaves: the inputs a request made, and its cluster's clock (an
    // acknowledged write is stored with the events it took).
    app.addHook('onSend', async (request, _reply, payload) => {
      const id = (request.params as { id?: unknown } | undefined)?.id;
      const cluster = typeof id === 'string' ? registry.find(id) : undefined;
      if (cluster) persistence.save(cluster);
      return payload;
    });
    let sweep: NodeJS.Timeout | undefined;
    let clockSaver: NodeJS.Timeout | undefined;
    if (options.realTime)
      app.addHook('onReady', async () => {
        driver.start();
        clockSaver = setInterval(() => persistence.saveAll(registry.all()), CLOCK_SAVE_MS);
        clockSaver.unref();
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
      clearInterval(clockSaver);
      persistence.saveAll(registry.all());
      if (options.dataPath === ':memory:') registry.dispose();
      else registry.dispose('the server is stopping; it keeps this cluster for its next start', true);
      store.close();
    });
  },
  { name: 'clusters' },
);
