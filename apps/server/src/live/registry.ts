/**
 * All live clusters of one server, capped at `maxClusters`. When the cap is reached a
 * new cluster evicts the least recently used cluster that nobody is watching; if every
 * cluster has viewers the request is refused (a classroom's clusters are never pulled
 * from under it).
 *
 * A cluster starts fresh, from an uploaded trace (computed to its end at once, paused,
 * so the whole run can be seen), or from a moment of another (a fork). A rewind makes
 * a moment of the past a cluster's present and keeps the future it replaced as a new
 * cluster: the two link to each other as parent and branch.
 *
 * Every way in takes the new cluster's owner (`ClusterAccess.issue()`, by the route that
 * answers the token), but a branch, which keeps its cluster's owner (live/access.ts).
 */
import { randomBytes } from 'node:crypto';
import { LIMITS, type Lineage } from '@raftlab/protocol';
import { Simulation, Timeline, type SimConfig, type Trace } from '@raftlab/sim';
import { BadTrace, ClusterNotFound, TooManyClusters } from '../errors';
import type { ClusterAccess } from './access';
import { LiveCluster } from './live-cluster';
import { MarkerLog, playObserved } from './markers';
import { simConfig, type CreateRequest } from './sim-config';
import type { StoreLimits } from './store_bound';

export interface RegistryOptions {
  maxClusters: number;
  /** Speed of a new cluster when the request does not set one. */
  defaultSpeed: number;
  requestTimeoutMs: number;
  /** Bounds of each cluster's store (default LIMITS'). */
  storeLimits?: StoreLimits;
  /** WebSocket viewers per cluster at once (default LIMITS.maxViewersPerCluster). */
  maxViewersPerCluster?: number;
  /** Wall ms a cluster nobody watches or uses is kept (Infinity: until evicted at the cap). */
  idleTtlMs?: number;
  /** The wall clock, ms (tests pass their own). */
  wallNow?: () => number;
  /** Told of every cluster added, removed or rewound (persist/persistence.ts keeps the store). */
  observer?: RegistryObserver;
}

/** What a registry tells of its clusters' lives, as each happens. */
export interface RegistryObserver {
  added(cluster: LiveCluster): void;
  removed(cluster: LiveCluster): void;
  /** Its timeline was cut back to a moment of its past. */
  rewound(cluster: LiveCluster): void;
}

type AddOptions = Omit<ConstructorParameters<typeof LiveCluster>[2], 'requestTimeoutMs' | 'storeLimits'>;

export class ClusterRegistry {
  private readonly clusters = new Map<string, LiveCluster>();
  /** A counter, not the wall clock: two uses in the same millisecond still have an order. */
  private uses = 0;
  /** When each cluster was last used or watched, wall ms. */
  private readonly idleSince = new Map<LiveCluster, number>();
  private readonly wallNow: () => number;

  constructor(private readonly options: RegistryOptions) {
    this.wallNow = options.wallNow ?? Date.now;
  }

  /** How many viewers one cluster may have at once (routes/stream.ts refuses more). */
  get maxViewersPerCluster(): number {
    return this.options.maxViewersPerCluster ?? LIMITS.maxViewersPerCluster;
  }

  get size(): number {
    return this.clusters.size;
  }

  /** A new cluster; throws BadTrace for a config or trace it cannot run (before evicting anything). */
  create(request: CreateRequest, access: ClusterAccess): LiveCluster {
    if (request.fork) return this.fork(request.fork.from, request.fork.at, access);
    const config = simConfig(request);
    const markers = new MarkerLog();
    const sim = new Simulation(config);
    const timeline = new Timeline(sim);
    if (request.trace) computeTrace(timeline, request.trace, markers);
    if (this.clusters.size >= this.options.maxClusters) this.evictOne();
    return this.add(timeline, {
      speed: request.options?.speed ?? this.options.defaultSpeed,
      paused: request.trace !== undefined || (request.options?.paused ?? false),
      markers,
      access,
    });
  }

  /** A new cluster at moment `at` of cluster `from`, paused; `from` goes on unchanged. */
  fork(from: string, at: number, access: ClusterAccess): LiveCluster {
    const source = this.get(from);
    const { timeline, markers } = source.forkAt(at);
    if (this.clusters.size >= this.options.maxClusters) this.evictOne(source);
    const parent = { id: from, at };
    const fork = this.add(timeline, { speed: source.speed, paused: true, markers, parent, access });
    source.branches.push({ id: fork.id, at });
    return fork;
  }

  /**
   * Cluster `id` goes back to moment `at`, paused; the future it replaced goes on as a
   * new paused cluster, the branch, which is answered — or, with `keep` false, is
   * dropped (null is answered).
   */
  rewind(id: string, at: number, keep = true, inputs?: number): Lineage | null {
    const cluster = this.get(id);
    if (!keep) {
      cluster.rewind(at, inputs); // the replaced future is let go
      this.options.observer?.rewound(cluster);
      return null;
    }
    if (this.clusters.size >= this.options.maxClusters) this.evictOne(cluster);
    const { timeline, markers } = cluster.rewind(at, inputs);
    this.options.observer?.rewound(cluster);
    const branch = this.add(timeline, {
      speed: cluster.speed,
      paused: true,
      markers,
      parent: { id, at },
      access: cluster.access.copy(),
    });
    cluster.branches.push({ id: branch.id, at });
    return { id: branch.id, at };
  }

  /** A new cluster of `config`, paused at its start: a lesson's (routes/lessons.ts). */
  createPaused(config: SimConfig, speed: number, access: ClusterAccess): LiveCluster {
    const timeline = new Timeline(new Simulation(config));
    if (this.clusters.size >= this.options.maxClusters) this.evictOne();
    return this.add(timeline, { speed, paused: true, markers: new MarkerLog(), access });
  }

  private add(timeline: Timeline, options: AddOptions): LiveCluster {
    const cluster = this.admit(randomBytes(6).toString('hex'), timeline, options);
    this.options.observer?.added(cluster);
    return cluster;
  }

  /**
   * A stored cluster brought back by a restarting server (persist/persistence.ts), with
   * its id and lineage; its idle time starts now.
   */
  restore(id: string, timeline: Timeline, options: AddOptions & { branches: Lineage[] }): LiveCluster {
    const { branches, ...rest } = options;
    const cluster = this.admit(id, timeline, rest);
    cluster.branches.push(...branches);
    return cluster;
  }

  private admit(id: string, timeline: Timeline, options: AddOptions): LiveCluster {
    const cluster = new LiveCluster(
      id,
      timeline,
      { ...options, requestTimeoutMs: this.options.requestTimeoutMs, storeLimits: this.options.storeLimits },
      ++this.uses,
    );
    this.clusters.set(id, cluster);
    this.idleSince.set(cluster, this.wallNow());
    return cluster;
  }

  /** The cluster, marked as used now; throws the 404 error when absent. */
  get(id: string): LiveCluster {
    const cluster = this.clusters.get(id);
    if (!cluster) throw new ClusterNotFound(id);
    cluster.lastUsed = ++this.uses;
    this.idleSince.set(cluster, this.wallNow());
    return cluster;
  }

  /** The cluster, if there is one, without marking it used. */
  find(id: string): LiveCluster | undefined {
    return this.clusters.get(id);
  }

  delete(id: string): void {
    this.remove(this.get(id));
  }

  /**
   * Removes every cluster nobody has watched or used for `idleTtlMs` (README: retention);
   * a watched cluster's idle time starts when its last viewer leaves. Answers how many went.
   */
  expireIdle(): number {
    const ttl = this.options.idleTtlMs ?? Number.POSITIVE_INFINITY;
    const now = this.wallNow();
    let expired = 0;
    for (const cluster of [...this.clusters.values()]) {
      if (cluster.viewerCount > 0) this.idleSince.set(cluster, now);
      else if (now - (this.idleSince.get(cluster) ?? now) > ttl) {
        this.remove(cluster, 'nobody used this cluster for a while; it has expired');
        expired++;
      }
    }
    return expired;
  }

  private remove(cluster: LiveCluster, reason?: string): void {
    cluster.dispose(reason);
    this.clusters.delete(cluster.id);
    this.idleSince.delete(cluster);
    this.options.observer?.removed(cluster);
  }

  all(): IterableIterator<LiveCluster> {
    return this.clusters.values();
  }

  /**
   * Closes every cluster (the server is shutting down): viewers get a `closed` frame.
   * The clusters are not removed: with `kept`, a store keeps them for the next start.
   */
  dispose(reason = 'the server is shutting down', kept = false): void {
    for (const cluster of this.clusters.values()) cluster.dispose(reason, kept);
    this.clusters.clear();
    this.idleSince.clear();
  }

  /** Evicts the least recently used cluster nobody watches (never `keep`). */
  private evictOne(keep?: LiveCluster): void {
    let victim: LiveCluster | undefined;
    for (const cluster of this.clusters.values()) {
      if (cluster.viewerCount > 0 || cluster === keep) continue;
      if (!victim || cluster.lastUsed < victim.lastUsed) victim = cluster;
    }
    if (!victim) throw new TooManyClusters(this.clusters.size);
    this.remove(victim);
  }
}

/**
 * Plays an uploaded trace to its end, deriving the markers on the way; a trace the
 * simulator cannot replay (inputs out of order, a node it does not have, more events
 * than LIMITS.maxTraceEvents) is a BadTrace.
 */
function computeTrace(timeline: Timeline, trace: Trace, markers: MarkerLog): void {
  const last = Math.max(trace.inputs[trace.inputs.length - 1]?.afterEvents ?? 0, trace.events ?? 0);
  if (last > LIMITS.maxTraceEvents) {
    throw new BadTrace(
      `its last input comes after ${last} events; at most ${LIMITS.maxTraceEvents} are replayed`,
    );
  }
  try {
    playObserved(timeline, trace, markers);
  } catch (error) {
    throw new BadTrace(error instanceof Error ? error.message : String(error));
  }
}
