/**
 * All live clusters of one server, capped at `maxClusters`. When the cap is reached a
 * new cluster evicts the least recently used cluster that nobody is watching; if every
 * cluster has viewers the request is refused (a classroom's clusters are never pulled
 * from under it).
 */
import { randomBytes } from 'node:crypto';
import { Simulation } from '@raftlab/sim';
import { ClusterNotFound, TooManyClusters } from '../errors';
import { LiveCluster } from './live-cluster';
import { simConfig, type CreateRequest } from './sim-config';
import { TraceReplay } from './trace-replay';

export interface RegistryOptions {
  maxClusters: number;
  /** Speed of a new cluster when the request does not set one. */
  defaultSpeed: number;
  requestTimeoutMs: number;
}

export class ClusterRegistry {
  private readonly clusters = new Map<string, LiveCluster>();
  /** A counter, not the wall clock: two uses in the same millisecond still have an order. */
  private uses = 0;

  constructor(private readonly options: RegistryOptions) {}

  get size(): number {
    return this.clusters.size;
  }

  /** A new cluster; throws BadTrace for a config it cannot run (before evicting anything). */
  create(request: CreateRequest): LiveCluster {
    const config = simConfig(request);
    if (this.clusters.size >= this.options.maxClusters) this.evictOne();
    const sim = new Simulation(config);
    const replay = request.trace ? new TraceReplay(request.trace.inputs) : undefined;
    const id = randomBytes(6).toString('hex');
    const cluster = new LiveCluster(
      id,
      sim,
      {
        speed: request.options?.speed ?? this.options.defaultSpeed,
        paused: request.options?.paused ?? false,
        requestTimeoutMs: this.options.requestTimeoutMs,
        ...(replay ? { replay } : {}),
      },
      ++this.uses,
    );
    this.clusters.set(id, cluster);
    return cluster;
  }

  /** The cluster, marked as used now; throws the 404 error when absent. */
  get(id: string): LiveCluster {
    const cluster = this.clusters.get(id);
    if (!cluster) throw new ClusterNotFound(id);
    cluster.lastUsed = ++this.uses;
    return cluster;
  }

  delete(id: string): void {
    const cluster = this.get(id);
    cluster.dispose();
    this.clusters.delete(id);
  }

  all(): IterableIterator<LiveCluster> {
    return this.clusters.values();
  }

  dispose(): void {
    for (const cluster of this.clusters.values()) cluster.dispose();
    this.clusters.clear();
  }

  private evictOne(): void {
    let victim: LiveCluster | undefined;
    for (const cluster of this.clusters.values()) {
      if (cluster.viewerCount > 0) continue;
      if (!victim || cluster.lastUsed < victim.lastUsed) victim = cluster;
    }
    if (!victim) throw new TooManyClusters(this.clusters.size);
    victim.dispose();
    this.clusters.delete(victim.id);
  }
}
