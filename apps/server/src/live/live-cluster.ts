/**
 * One simulated cluster brought to life: a deterministic `Simulation` plus a clock
 * that maps wall time to virtual time (× speed, pausable, steppable), the client
 * operations that HTTP requests are waiting on, and the viewers watching it. Routes read
 * and change the cluster only through this class: its queries answer what they check
 * (cheaply), and every change goes in as a simulator input.
 *
 * Theory of operation: the driver (`driver.ts`) calls `advance(wallMs)` about 30 times a
 * second. Virtual time moves by wallMs × speed; the simulator runs every event up to the
 * new time and the events it emits are queued for viewers, then `flush()` sends them as
 * one batch. Everything from outside (a click, an HTTP request) becomes a simulator
 * input applied at the current virtual time, so the trace replays the run exactly.
 *
 * The past: the simulation runs inside a `Timeline` (packages/sim/src/timeline.ts),
 * which answers any earlier moment exactly; `rewind` makes an earlier moment the
 * present (the replaced future goes on as another cluster: `Registry.rewind`), and a
 * viewer may `seek` to watch a past moment while the cluster runs on. The markers of
 * the timeline are derived from the events as they happen (markers.ts). With
 * `pauseOnTrouble` the clock stops right after a safety violation, and at the flush
 * after the client history stops being linearizable.
 *
 * Access: `access` holds the owner's token digest and whether control is open
 * (access.ts); routes are checked against it by plugins/access.ts. Opening or closing
 * control is told to every viewer at once (`setOpen`), and live snapshots carry it.
 */
import type { Clock, Lineage, SnapshotFrame } from '@raftlab/protocol';
import { LIMITS } from '@raftlab/protocol';
import {
  PERFECT_LINK,
  type ClusterView,
  type HistoryOp,
  type InputBody,
  type KvOp,
  type KvResult,
  type LinkQuality,
  type Moment,
  type SimEvent,
  type Simulation,
  type Timeline,
  type Trace,
} from '@raftlab/sim';
import { MomentNotFound, TooManyPendingOps } from '../errors';
import type { ClusterAccess } from './access';
import { StoreBound, type StoreLimits } from './store_bound';
import type { ClockUntil } from './clock_until';
import { clockAt, pastFrames, snapshotOf, trimView } from './frames';
import { MarkerLog } from './markers';
import { verdictOf } from './verdict';
import { ViewerSet, type Viewer } from './viewers';

/** How a KV operation ended for its HTTP request, with the operation's id in the history. */
export type Completion =
  | { status: 'ok'; opId: number; result: KvResult }
  | { status: 'fail'; opId: number; reason: string }
  | { status: 'unknown'; opId: number };

export interface LiveClusterOptions {
  speed: number;
  paused: boolean;
  /** Wall-clock budget of one client operation seen from HTTP; after it the reply is "unknown". */
  requestTimeoutMs: number;
  /** Bounds of the store (default LIMITS'). */
  storeLimits?: StoreLimits;
  /** Stop the clock on a safety violation or a failed linearizability check (default true). */
  pauseOnTrouble?: boolean;
  /** The cluster this one was forked or rewound away from. */
  parent?: Lineage;
  /** The markers so far, when the timeline did not start here (a fork, a branch, an upload). */
  markers?: MarkerLog;
  /** Its owner, and whether control is open to everyone with the link. */
  access: ClusterAccess;
}

/** One wall second of catch-up at most per advance: a stalled process must not spin for minutes. */
const MAX_ADVANCE_WALL_MS = 1000;
/** Events between two looks at the driver's clock: reading it costs more than most events. */
const OUT_OF_TIME_EVERY = 64;
/** How often, at most, the client history is checked for linearizability to mark a failure. */
const VERDICT_EVERY_MS = 1000;

export class LiveCluster {
  speed: number;
  paused: boolean;
  pauseOnTrouble: boolean;
  /** When the cluster was last used, as a registry-wide sequence number (for LRU eviction). */
  lastUsed: number;
  readonly parent: Lineage | undefined;
  /** Clusters forked or rewound away from this one. */
  readonly branches: Lineage[] = [];
  readonly markers: MarkerLog;
  readonly access: ClusterAccess;
  private carryUs = 0;
  /** What the clock runs until, then pauses (a lesson step's wait); null: it runs freely. */
  private until: ClockUntil | null = null;
  private readonly waiting = new Map<number, (c: Completion) => void>();
  private readonly store: StoreBound;
  private readonly viewers: ViewerSet;
  private completedDuringInvoke: Map<number, Completion> | undefined;
  private unsubscribe: () => void;
  /** When the history was last checked (wall ms); what it has not seen, the markers know. */
  private checkedAt = 0;

  constructor(
    readonly id: string,
    private timeline: Timeline,
    private readonly options: LiveClusterOptions,
    lastUsed: number,
  ) {
    this.speed = options.speed;
    this.paused = options.paused;
    this.pauseOnTrouble = options.pauseOnTrouble ?? true;
    this.parent = options.parent;
    this.lastUsed = lastUsed;
    this.markers = options.markers ?? new MarkerLog();
    this.store = new StoreBound(options.storeLimits);
    this.access = options.access;
    this.viewers = new ViewerSet(
      () => this.snapshotFrame(),
      () => this.markers.takeFresh(),
    );
    this.unsubscribe = this.sim.onEvent((event) => this.onEvent(event));
  }

  /** The live simulation, for this class and white-box tests; routes use the queries. */
  get sim(): Simulation {
    return this.timeline.simulation;
  }

  // Queries. Routes ask these rather than the simulation: each answers one question
  // without copying the cluster (`view()` copies every node's log and table).

  /** Nodes are never taken out of the simulation, so the ids are 1..nodeCount. */
  get nodeCount(): number {
    return this.sim.config.nodes;
  }

  hasNode(node: number): boolean {
    return Number.isInteger(node) && node >= 1 && node <= this.nodeCount;
  }

  /** Whether `node` (which must exist) is running. */
  isUp(node: number): boolean {
    return this.sim.isUp(node);
  }

  /** The current leader (the highest-term leader that is up), or 0. */
  leader(): number {
    return this.sim.leader();
  }

  /** The voters and learners the leader works with; null without a leader. */
  membership(): { voters: number[]; learners: number[] } | null {
    return this.sim.membership();
  }

  isVoter(node: number): boolean {
    return this.membership()?.voters.includes(node) ?? false;
  }

  isMember(node: number): boolean {
    const conf = this.membership();
    return conf !== null && (conf.voters.includes(node) || conf.learners.includes(node));
  }

  /** Why the leader would refuse a membership change now ('no-leader' or the core's code), or null. */
  confChangeBlocker(): string | null {
    return this.sim.confChangeBlocker();
  }

  /** Whether message `id` is in flight now. */
  hasMessage(id: number): boolean {
    return this.sim.message(id) !== undefined;
  }

  /** How the directed link from → to behaves now. */
  linkQuality(from: number, to: number): LinkQuality {
    return this.sim.linkQualities().find((q) => q.from === from && q.to === to)?.quality ?? PERFECT_LINK;
  }

  /** The whole state, with each node's log cut to its newest entries (LIMITS.maxLogEntriesInView). */
  view(): ClusterView {
    return trimView(this.sim.view());
  }

  trace(): Trace {
    return this.sim.trace();
  }

  history(): HistoryOp[] {
    return this.sim.history();
  }

  clock(): Clock {
    return {
      now: this.sim.now,
      seq: this.sim.eventsProcessed,
      speed: this.speed,
      paused: this.paused,
      pauseOnTrouble: this.pauseOnTrouble,
    };
  }

  /** The number of the latest moment: moments 0..end can be seen. */
  get end(): number {
    return this.timeline.end;
  }

  /**
   * Moment `at` of the past, lent until the next call into the timeline (read it at
   * once); throws MomentNotFound past the end.
   */
  momentAt(at: number): Moment {
    if (at > this.end) throw new MomentNotFound(at, this.end);
    return this.timeline.momentAt(at);
  }

  /** The clock as it read at moment `at` (see `momentAt`). */
  clockAt(moment: Moment): Clock {
    return clockAt(moment, this.clock());
  }

  /**
   * Moves virtual time forward by the wall time that passed, scaled by the speed; with
   * `outOfTime`, only until it answers true (the driver's budget, checked every
   * OUT_OF_TIME_EVERY events): the cluster then stands where it got to.
   */
  advance(wallMs: number, outOfTime?: () => boolean): void {
    if (this.paused) return;
    const us = Math.min(wallMs, MAX_ADVANCE_WALL_MS) * 1000 * this.speed + this.carryUs;
    const whole = Math.floor(us);
    this.carryUs = us - whole;
    if (whole > 0) this.run(this.sim.now + whole, undefined, outOfTime);
  }

  /**
   * Runs virtual time `ms` forward at once, as fast as the machine goes, at most
   * LIMITS.maxAdvanceEvents events (and, with pauseOnTrouble, to a violation).
   */
  advanceBy(ms: number): void {
    this.run(this.sim.now + Math.round(ms * 1000), LIMITS.maxAdvanceEvents);
  }

  /**
   * Runs to virtual time `to`; with pauseOnTrouble, only to right after a violation
   * (onEvent pauses); with an `until`, only to right after the event that makes it hold
   * (the clock pauses there, and the until is done).
   */
  private run(to: number, maxEvents?: number, outOfTime?: () => boolean): void {
    const violations = this.sim.violations;
    const trouble = this.pauseOnTrouble ? () => this.sim.violations > violations : undefined;
    const until = this.until;
    let events = 0;
    const spent = outOfTime ? () => ++events % OUT_OF_TIME_EVERY === 0 && outOfTime() : undefined;
    const stops = [trouble, until ? () => until.holds(this.sim) : undefined, spent].filter(
      (stop): stop is () => boolean => stop !== undefined,
    );
    const when = stops.length > 0 ? () => stops.some((stop) => stop()) : undefined;
    this.timeline.runUntil(to, when || maxEvents ? { when, maxEvents } : undefined);
    if (until && until.holds(this.sim)) this.untilReached();
  }

  /**
   * Runs the clock until `until` holds (a lesson step's wait), then pauses; it pauses at
   * once if it holds already. Pausing or playing the clock forgets the until.
   */
  runUntilHolds(until: ClockUntil): void {
    if (until.holds(this.sim)) return this.untilReached();
    this.setClock({ paused: false });
    this.until = until;
  }

  /** Whether the clock runs toward an until (for the clock's answer). */
  get waitingUntil(): boolean {
    return this.until !== null;
  }

  /**
   * Runs at once, as fast as the machine goes, until `until` holds or `ms` of virtual
   * time have passed (at most LIMITS.maxAdvanceEvents events); answers whether it holds.
   */
  advanceUntil(until: ClockUntil, ms: number): boolean {
    this.until = until;
    if (!until.holds(this.sim)) this.run(this.sim.now + Math.round(ms * 1000), LIMITS.maxAdvanceEvents);
    const reached = until.holds(this.sim);
    if (reached) this.untilReached();
    this.until = null;
    return reached;
  }

  private untilReached(): void {
    this.setClock({ paused: true });
  }

  /** Runs exactly one simulator event; only while paused, so a person can follow it. */
  step(): boolean {
    return this.timeline.step();
  }

  setClock(change: { speed?: number; paused?: boolean; pauseOnTrouble?: boolean }): void {
    // A person pausing or playing takes the clock back from a lesson's wait.
    if (change.paused !== undefined) this.until = null;
    if (change.speed !== undefined) this.speed = change.speed;
    if (change.pauseOnTrouble !== undefined) this.pauseOnTrouble = change.pauseOnTrouble;
    if (change.paused !== undefined) {
      this.paused = change.paused;
      this.carryUs = 0;
    }
    this.viewers.markClockChanged();
  }

  input(body: InputBody): void {
    this.sim.input(body);
  }

  /** Adds a node and proposes it as a voter (see `Simulation.addNode`). */
  addNode(): ReturnType<Simulation['addNode']> {
    return this.sim.addNode();
  }

  /** Proposes removing `node` (see `Simulation.removeNode`). */
  removeNode(node: number): ReturnType<Simulation['removeNode']> {
    return this.sim.removeNode(node);
  }

  /**
   * Makes moment `at` the present, paused: the cluster's timeline now ends there. Answers
   * what the replaced future needs to go on as a cluster of its own (the old timeline and
   * its markers); operations waiting on the old future are answered "unknown".
   */
  rewind(at: number, inputs?: number): { timeline: Timeline; markers: MarkerLog } {
    if (at > this.end) throw new MomentNotFound(at, this.end);
    const old = {
      timeline: this.timeline,
      markers: this.markers.upTo(this.end, this.sim.view(), this.sim.history()),
    };
    this.unsubscribe();
    this.timeline = old.timeline.branch(old.timeline.copyAt(at, inputs));
    this.unsubscribe = this.sim.onEvent((event) => this.onEvent(event));
    this.markers.truncate(at, this.sim.view(), this.sim.history());
    for (const [opId, resolve] of this.waiting) resolve({ status: 'unknown', opId });
    this.setClock({ paused: true });
    this.viewers.resyncAll();
    return old;
  }

  /** A copy of moment `at` to start another cluster from (a fork): its timeline and markers. */
  forkAt(at: number): { timeline: Timeline; markers: MarkerLog } {
    if (at > this.end) throw new MomentNotFound(at, this.end);
    const timeline = this.timeline.branch(this.timeline.copyAt(at));
    const sim = timeline.simulation;
    return { timeline, markers: this.markers.upTo(at, sim.view(), sim.history()) };
  }

  /**
   * Invokes a KV operation as a fresh client and resolves when the simulator completes
   * it, or with `unknown` when the wall-clock budget runs out first (the operation then
   * stays pending in the cluster and may still take effect).
   */
  invoke(op: KvOp): Promise<Completion> {
    if (this.waiting.size >= LIMITS.maxPendingOps) throw new TooManyPendingOps(LIMITS.maxPendingOps);
    const write = this.store.check(this.sim, op);
    // Some operations (stale reads) complete inside `invoke`, before a waiter can exist.
    this.completedDuringInvoke = new Map();
    // A fresh client each time, named by the simulation: a rewound run asks again with the same ids.
    const opId = this.sim.invoke(this.sim.freshClientId(), op);
    const early = this.completedDuringInvoke.get(opId);
    this.completedDuringInvoke = undefined;
    if (early) return Promise.resolve(early);
    this.store.hold(opId, write);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(opId);
        this.store.release(opId);
        resolve({ status: 'unknown', opId });
      }, this.options.requestTimeoutMs);
      this.waiting.set(opId, (completion) => {
        clearTimeout(timer);
        this.waiting.delete(opId);
        this.store.release(opId);
        resolve(completion);
      });
    });
  }

  addViewer(viewer: Viewer): void {
    this.viewers.add(viewer);
  }

  removeViewer(viewer: Viewer): void {
    this.viewers.delete(viewer);
  }

  /** A viewer asked for a fresh snapshot; it gets one with the next flush. */
  resync(viewer: Viewer): void {
    this.viewers.resync(viewer);
  }

  /** A viewer asked to watch moment `at` of the past (protocol ws.ts); throws MomentNotFound. */
  seek(viewer: Viewer, at: number): void {
    if (at > this.end) throw new MomentNotFound(at, this.end);
    this.viewers.showPast(viewer, pastFrames(this.id, this.timeline, at, this.clock()));
  }

  /** The owner opens control to everyone with the link, or closes it; every viewer hears at once. */
  setOpen(open: boolean): void {
    this.access.open = open;
    this.viewers.broadcast({ type: 'access', open });
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** Sends the events gathered since the last flush to every viewer, as one frame. */
  flush(wallNow = Date.now()): void {
    this.checkHistory(wallNow);
    this.viewers.flush(this.clock());
  }

  snapshotFrame(): SnapshotFrame {
    const markers = this.markers.all();
    return {
      ...snapshotOf(this.id, this.sim, this.clock()),
      markers: markers.slice(-LIMITS.maxMarkersInSnapshot),
      ...(this.parent ? { parent: this.parent } : {}),
      access: { open: this.access.open },
    };
  }

  /**
   * Marks the moment the history stopped being linearizable (markers.ts), and pauses,
   * with pauseOnTrouble. Checked at most once a wall second, and only after completions.
   */
  private checkHistory(wallNow: number): void {
    if (!this.markers.hasUncheckedCompletions || wallNow - this.checkedAt < VERDICT_EVERY_MS) return;
    this.checkedAt = wallNow;
    const marked = this.markers.checked(verdictOf(this.sim.history()), (at) =>
      this.timeline.momentAt(at).history(),
    );
    if (marked && this.pauseOnTrouble) this.setClock({ paused: true });
  }

  /**
   * Closes every viewer with a `closed` frame giving `reason` (and `kept`: the cluster
   * comes back with the server's next start); waiting operations answer `unknown`.
   */
  dispose(reason = 'cluster deleted', kept = false): void {
    this.unsubscribe();
    this.viewers.closeAll(reason, kept);
    for (const [opId, resolve] of this.waiting) resolve({ status: 'unknown', opId });
  }

  private onEvent(event: SimEvent): void {
    this.viewers.enqueue(event);
    this.markers.observe(event, this.sim.eventsProcessed);
    // In the middle of a task or an input: the clock stops with it (run() stops right after).
    if (event.type === 'invariant-violated' && this.pauseOnTrouble && !this.paused)
      this.setClock({ paused: true });
    if (event.type !== 'client-completed') return;
    const completion: Completion =
      event.status === 'ok' && event.result
        ? { status: 'ok', opId: event.opId, result: event.result }
        : event.status === 'fail'
          ? { status: 'fail', opId: event.opId, reason: event.reason ?? 'failed' }
          : { status: 'unknown', opId: event.opId };
    this.completedDuringInvoke?.set(event.opId, completion);
    this.waiting.get(event.opId)?.(completion);
  }
}
