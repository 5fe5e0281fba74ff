/**
 * The markers of a cluster's timeline: the moments a person wants to find again — a
 * leader elected (with its term), a crash or restart, a partition or heal, a committed
 * client write, a safety violation, a failed linearizability check. Derived from the
 * simulator's events as they happen, each at the moment (events processed) it belongs
 * to; an uploaded trace's are derived the same way while it is computed.
 *
 * What a marker needs beyond its event (each node's role, the kind of each pending
 * operation) is kept here; after a rewind or fork it is rebuilt from the moment's view
 * and history (`restart`), and the markers after that moment are dropped.
 */
import type { Marker } from '@raftlab/protocol';
import {
  INVARIANTS,
  type ClusterView,
  type HistoryOp,
  type KvOp,
  type SimEvent,
  type Timeline,
  type Trace,
} from '@raftlab/sim';

/** Markers kept per cluster, newest; the oldest go first past it. */
const MAX_MARKERS = 50_000;

const TITLES = new Map<string, string>(INVARIANTS.map((i) => [i.name, i.title]));

export class MarkerLog {
  private markers: Marker[] = [];
  private readonly leaderTerm = new Map<number, number>();
  private readonly pendingOps = new Map<number, KvOp['type']>();
  /** Newly made, for the next events frame. */
  private fresh: Marker[] = [];

  /** Every marker, oldest first. */
  all(): readonly Marker[] {
    return this.markers;
  }

  /** The markers made since the last call. */
  takeFresh(): Marker[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }

  /** The first violation or failed check at or after moment `from`, if any. */
  firstTrouble(from = 0): Marker | undefined {
    return this.markers.find((m) => m.at >= from && (m.kind === 'violation' || m.kind === 'nonlinearizable'));
  }

  /** A copy holding the markers up to moment `at`, for a cluster that starts there. */
  upTo(at: number, view: ClusterView, history: readonly HistoryOp[]): MarkerLog {
    const log = new MarkerLog();
    log.markers = this.markers.filter((m) => m.at <= at);
    log.restart(view, history);
    return log;
  }

  /** Drops the markers after moment `at` and rebuilds what derivation needs from that moment. */
  truncate(at: number, view: ClusterView, history: readonly HistoryOp[]): void {
    this.markers = this.markers.filter((m) => m.at <= at);
    this.fresh = [];
    this.restart(view, history);
  }

  add(marker: Marker): void {
    this.markers.push(marker);
    this.fresh.push(marker);
    if (this.markers.length > MAX_MARKERS) this.markers.splice(0, this.markers.length - MAX_MARKERS);
  }

  /** Derives the marker of `event`, if it has one; `at` is the moment it belongs to. */
  observe(event: SimEvent, at: number): void {
    const t = event.t;
    switch (event.type) {
      case 'node-state': {
        const { id, role, term } = event.node;
        if (role !== 'leader') {
          if (this.leaderTerm.get(id) !== undefined) this.leaderTerm.delete(id);
          return;
        }
        if (this.leaderTerm.get(id) === term) return;
        this.leaderTerm.set(id, term);
        return this.add({
          at,
          t,
          kind: 'leader',
          label: `Node ${id} leader in term ${term}`,
          node: id,
          term,
        });
      }
      case 'node-crashed':
        this.leaderTerm.delete(event.node);
        return this.add({ at, t, kind: 'crash', label: `Node ${event.node} crashed`, node: event.node });
      case 'node-restarted':
        return this.add({ at, t, kind: 'restart', label: `Node ${event.node} restarted`, node: event.node });
      case 'link-changed':
        return this.linkChanged(at, t, event.from, event.to, event.up);
      case 'client-invoked':
        this.pendingOps.set(event.opId, event.op.type);
        return;
      case 'client-completed': {
        const type = this.pendingOps.get(event.opId);
        this.pendingOps.delete(event.opId);
        if (event.status !== 'ok' || type === undefined || type === 'get') return;
        return this.add({ at, t, kind: 'write', label: `Write ${event.opId} committed (${type})` });
      }
      case 'invariant-violated': {
        const { invariant, message } = event.violation;
        return this.add({
          at,
          t,
          kind: 'violation',
          label: `${TITLES.get(invariant) ?? invariant} violated: ${message}`,
        });
      }
      default:
    }
  }

  /** One marker per moment for all the links a partition or heal changes at once. */
  private linkChanged(at: number, t: number, from: number, to: number, up: boolean): void {
    const kind = up ? 'heal' : 'partition';
    const last = this.markers[this.markers.length - 1];
    const link = `${from}→${to}`;
    if (last !== undefined && last.at === at && last.kind === kind) {
      const links = last.label.slice(last.label.indexOf(':') + 2);
      last.label = `${up ? 'Links restored' : 'Links cut'}: ${links}, ${link}`;
      return;
    }
    this.add({ at, t, kind, label: `${up ? 'Link restored' : 'Link cut'}: ${link}` });
  }

  private restart(view: ClusterView, history: readonly HistoryOp[]): void {
    this.leaderTerm.clear();
    for (const node of view.nodes)
      if (node.up && node.role === 'leader') this.leaderTerm.set(node.id, node.term);
    this.pendingOps.clear();
    for (const op of history) if (op.status === 'pending') this.pendingOps.set(op.opId, op.op.type);
  }
}

/**
 * Plays `trace` on `timeline` (its inputs, then on to its `events`), deriving the markers
 * of the events on the way into `markers`: an uploaded trace, a restored cluster.
 */
export function playObserved(
  timeline: Timeline,
  trace: Pick<Trace, 'inputs' | 'events'>,
  markers: MarkerLog,
): void {
  const sim = timeline.simulation;
  const unsubscribe = sim.onEvent((event) => markers.observe(event, sim.eventsProcessed));
  try {
    timeline.play(trace);
  } finally {
    unsubscribe();
  }
}
