/**
 * Nothing lost on restart (issue 16): every cluster's trace goes to the store as it
 * grows, and a starting server replays each stored cluster to where it stood.
 *
 * What is written when:
 * - a new cluster (fresh, uploaded, forked, a rewind's branch, a lesson's), with all its
 *   inputs so far, as the registry adds it;
 * - a request's new inputs and its cluster's clock, before the answer leaves
 *   (`save`, from the onSend hook in plugins/clusters.ts): an acknowledged write is on
 *   disk with the events it needed, so the replay reproduces it before any later input;
 * - every running cluster's clock once a second, and all of them at shutdown;
 * - a rewind cuts the stored inputs back as it cuts the timeline; a removed cluster
 *   (deleted, expired, evicted) is removed from the store.
 *
 * A restart replays a cluster with the simulator it runs now: the run is a pure function
 * of its config and inputs (packages/sim/src/simulation.ts), so it comes back event for
 * event — unless the simulator itself changed in between.
 */
import type { Lineage } from '@raftlab/protocol';
import { Simulation, Timeline, type Input, type SimConfig } from '@raftlab/sim';
import { ClusterAccess } from '../live/access';
import type { LiveCluster } from '../live/live-cluster';
import { MarkerLog, playObserved } from '../live/markers';
import type { ClusterRegistry, RegistryObserver } from '../live/registry';
import type { ClockRecord, ClusterStore } from './store';

/** What is on disk of one cluster: how many of its inputs, and its clock as last written. */
interface Saved {
  inputs: number;
  clock: ClockRecord;
}

function clockRecord(cluster: LiveCluster): ClockRecord {
  return {
    id: cluster.id,
    events: cluster.end,
    now: cluster.sim.now,
    speed: cluster.speed,
    // A clock running toward a lesson's wait is stored paused: restored, it must not run past it.
    paused: cluster.paused || cluster.waitingUntil,
    pauseOnTrouble: cluster.pauseOnTrouble,
    branches: JSON.stringify(cluster.branches),
    open: cluster.access.open,
  };
}

const sameClock = (a: ClockRecord, b: ClockRecord) =>
  a.events === b.events &&
  a.now === b.now &&
  a.speed === b.speed &&
  a.paused === b.paused &&
  a.pauseOnTrouble === b.pauseOnTrouble &&
  a.branches === b.branches &&
  a.open === b.open;

export class Persistence implements RegistryObserver {
  private readonly saved = new WeakMap<LiveCluster, Saved>();

  constructor(private readonly store: ClusterStore) {}

  added(cluster: LiveCluster): void {
    const trace = cluster.trace();
    const clock = clockRecord(cluster);
    const parent = cluster.parent ? JSON.stringify(cluster.parent) : null;
    const record = {
      ...clock,
      config: JSON.stringify(trace.config),
      parent,
      owner: cluster.access.storedDigest,
    };
    this.store.add(record, trace.inputs.map(serialise));
    this.saved.set(cluster, { inputs: trace.inputs.length, clock });
  }

  removed(cluster: LiveCluster): void {
    this.store.remove(cluster.id);
    this.saved.delete(cluster);
  }

  /** The cluster's timeline was cut back to a moment of its past (and its inputs with it). */
  rewound(cluster: LiveCluster): void {
    const saved = this.saved.get(cluster);
    if (!saved) return;
    const inputs = cluster.sim.recordedInputs().length;
    const clock = clockRecord(cluster);
    this.store.transaction(() => {
      this.store.truncateInputs(cluster.id, inputs);
      this.store.update(clock);
    });
    this.saved.set(cluster, { inputs, clock });
  }

  /** Writes what changed since the last write: new inputs, the clock. */
  save(cluster: LiveCluster): void {
    const saved = this.saved.get(cluster);
    if (!saved) return;
    const fresh = cluster.sim.recordedInputs(saved.inputs);
    const clock = clockRecord(cluster);
    if (fresh.length === 0 && sameClock(clock, saved.clock)) return;
    this.store.transaction(() => {
      this.store.appendInputs(cluster.id, saved.inputs, fresh.map(serialise));
      this.store.update(clock);
    });
    this.saved.set(cluster, { inputs: saved.inputs + fresh.length, clock });
  }

  /** `save` for each cluster, in one transaction. */
  saveAll(clusters: Iterable<LiveCluster>): void {
    this.store.transaction(() => {
      for (const cluster of clusters) this.save(cluster);
    });
  }

  /**
   * Replays every stored cluster into `registry`, oldest first, each paused or running
   * as it was. A cluster that cannot be replayed is reported to `failed` and left in the
   * store untouched (a later server may read it); the others come back regardless.
   */
  restoreInto(registry: ClusterRegistry, failed: (id: string, error: unknown) => void): number {
    let restored = 0;
    for (const { record, inputs } of this.store.all()) {
      try {
        const config = JSON.parse(record.config) as SimConfig;
        const trace = { inputs: inputs.map((body) => JSON.parse(body) as Input), events: record.events };
        const timeline = new Timeline(new Simulation(config));
        const markers = new MarkerLog();
        playObserved(timeline, trace, markers);
        moveClockTo(timeline, record.now);
        const cluster = registry.restore(record.id, timeline, {
          speed: record.speed,
          paused: record.paused,
          pauseOnTrouble: record.pauseOnTrouble,
          markers,
          access: ClusterAccess.restore(record.owner, record.open),
          ...(record.parent ? { parent: JSON.parse(record.parent) as Lineage } : {}),
          branches: JSON.parse(record.branches) as Lineage[],
        });
        this.saved.set(cluster, { inputs: inputs.length, clock: clockRecord(cluster) });
        restored++;
      } catch (error) {
        failed(record.id, error);
      }
    }
    return restored;
  }
}

const serialise = (input: Input): string => JSON.stringify(input);

/**
 * The live clock may have stood past its last event (every event up to it processed,
 * `Simulation.runUntil`): moved there again, with no event to process on the way. A
 * clock that would pass an event is left at the event (the record is not from this run).
 */
function moveClockTo(timeline: Timeline, now: number): void {
  const sim = timeline.simulation;
  const next = sim.nextEventTime();
  if (now > sim.now && (next === null || next > now)) timeline.runUntil(now);
}
