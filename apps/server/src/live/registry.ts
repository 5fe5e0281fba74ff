/**
 * All live clusters of one server, capped at `maxClusters`. When the cap is reached a
 * new cluster evicts the least recently used cluster that nobody is watching; if every
 * cluster has viewers the request is refused (a classroom's clusters are never pulled
 * from under it).
 */
import { randomBytes } from 'node:crypto';
import type { ClusterOptions } from '@raftlab/protocol';
import { Simulation, type SimConfig, type Trace } from '@raftlab/sim';
import { ClusterNotFound, TooManyClusters } from '../errors';
import { LiveCluster } from './live-cluster';
import { TraceReplay } from './trace-replay';

export interface RegistryOptions {
  maxClusters: number;
  /** Speed of a new cluster when the request does not set one. */
  defaultSpeed: number;
  requestTimeoutMs: number;
}

export interface CreateRequest {
  nodes?: number;
  seed?: number;
  options?: ClusterOptions;
  trace?: Trace;
}

export class ClusterRegistry {
  private readonly clusters = new Map<string, LiveCluster>();
  /** A counter, not the wall clock: two uses in the same millisecond still have an order. */
  private uses = 0;

  constructor(private readonly options: RegistryOptions) {}

  get size(): number {
    return this.clusters.size;
  }

  create(request: CreateRequest): LiveCluster {
    if (this.clusters.size >= this.options.maxClusters) this.evictOne();
    // A trace plays back from its start as the clock runs, so the run can be watched.
    const sim = new Simulation(request.trace ? request.trace.config : simConfig(request));
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

/** Maps the API's options (milliseconds, friendly names) onto the simulator's config. */
function simConfig(request: CreateRequest): Partial<SimConfig> {
  const o = request.options ?? {};
  const config: Partial<SimConfig> = {
    nodes: request.nodes ?? 5,
    seed: request.seed ?? randomBytes(4).readUInt32LE(0),
  };
  if (o.preVote !== undefined) config.preVote = o.preVote;
  if (o.checkQuorum !== undefined) config.checkQuorum = o.checkQuorum;
  if (o.electionTick !== undefined) config.electionTick = o.electionTick;
  if (o.heartbeatTick !== undefined) config.heartbeatTick = o.heartbeatTick;
  if (o.snapshotEvery !== undefined) config.snapshotEvery = o.snapshotEvery;
  if (o.bugs !== undefined) config.bugs = [...o.bugs];
  if (o.latencyMs)
    config.latency = { minUs: Math.round(o.latencyMs.min * 1000), maxUs: Math.round(o.latencyMs.max * 1000) };
  return config;
}
