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
 *
 * The failed check is the one marker not read off a single event: the checker looks at
 * the whole history, now and then (live-cluster.ts), or once a trace is played. Its
 * marker goes to the completion after which the history stopped being linearizable,
 * found by bisection, so it is a fact of the run, the same live, restored or uploaded.
 */
import type { Marker, Verdict } from '@raftlab/protocol';
import {
  INVARIANTS,
  type ClusterView,
  type HistoryOp,
  type KvOp,
  type SimEvent,
  type Timeline,
  type Trace,
} from '@raftlab/sim';
import { verdictOf } from './verdict';

/** Markers kept per cluster, newest; the oldest go first past it. */
const MAX_MARKERS = 50_000;

const TITLES = new Map<string, string>(INVARIANTS.map((i) => [i.name, i.title]));

export class MarkerLog {
  private markers: Marker[] = [];
  private readonly leaderTerm = new Map<number, number>();
  private readonly pendingOps = new Map<number, KvOp['type']>();
  /** Newly made, for the next events frame. */
  private fresh: Marker[] = [];
  /** Client completions not yet covered by a check that found the history linearizable, oldest first. */
  private unchecked: { at: number; t: number }[] = [];
  /** The moment the history stopped being linearizable, or null while it is. */
  private brokenAt: number | null = null;

  /** Whether clients completed operations that no check has seen yet. */
  get hasUncheckedCompletions(): boolean {
    return this.unchecked.length > 0;
  }

  /** Whether the history is linearizable as far as the checks have gone. */
  get linearizable(): boolean {
    return this.brokenAt === null;
  }

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
    log.cutAt(this, at);
    log.restart(view, history);
    return log;
  }

  /** Drops the markers after moment `at` and rebuilds what derivation needs from that moment. */
  truncate(at: number, view: ClusterView, history: readonly HistoryOp[]): void {
    this.markers = this.markers.filter((m) => m.at <= at);
    this.fresh = [];
    this.cutAt(this, at);
    this.restart(view, history);
  }

  /** `from`'s check state as of moment `at`: a prefix of a linearizable history is linearizable. */
  private cutAt(from: MarkerLog, at: number): void {
    this.unchecked = from.unchecked.filter((c) => c.at <= at);
    this.brokenAt = from.brokenAt !== null && from.brokenAt <= at ? from.brokenAt : null;
  }

  /** Adds `marker` in the order of moments (a failed check's may belong before the newest). */
  add(marker: Marker): void {
    let i = this.markers.length;
    while (i > 0 && this.markers[i - 1].at > marker.at) i--;
    this.markers.splice(i, 0, marker);
    this.fresh.push(marker);
    if (this.markers.length > MAX_MARKERS) this.markers.splice(0, this.markers.length - MAX_MARKERS);
  }

  /**
   * The checker's verdict on the whole history now, after the completions observed so
   * far. The first time it fails, the failed check is marked at the completion after
   * which the history stopped being linearizable: a prefix of a linearizable history is
   * linearizable, so along the completions since the last good check the answers go
   * from yes to no once, and bisection finds where, reading the history of each moment
   * it tries with `historyAt`. Answers whether this check made that marker.
   */
  checked(verdict: Verdict, historyAt: (at: number) => HistoryOp[]): boolean {
    const candidates = this.unchecked;
    this.unchecked = [];
    if (verdict.status !== 'not-linearizable' || this.brokenAt !== null || candidates.length === 0)
      return false;
    let lo = 0;
    let hi = candidates.length - 1; // the history as of the last completion fails: it is `verdict`'s
    let failed = verdict;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const tried = verdictOf(historyAt(candidates[mid].at));
      if (tried.status === 'not-linearizable') {
        hi = mid;
        failed = tried;
      } else lo = mid + 1;
    }
    const { at, t } = candidates[hi];
    this.brokenAt = at;
    this.add({ at, t, kind: 'nonlinearizable', label: `Not linearizable: ${failed.message.split('\n')[0]}` });
    return true;
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
        this.unchecked.push({ at, t });
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
  markers.checked(verdictOf(sim.history()), (at) => timeline.momentAt(at).history());
}
