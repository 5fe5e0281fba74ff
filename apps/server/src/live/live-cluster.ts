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
 */
import type { Clock, SnapshotFrame } from '@raftlab/protocol';
import { LIMITS } from '@raftlab/protocol';
import {
  PERFECT_LINK,
  type ClusterView,
  type HistoryOp,
  type InputBody,
  type KvOp,
  type KvResult,
  type LinkQuality,
  type SimEvent,
  type Simulation,
  type Trace,
} from '@raftlab/sim';
import { TooManyPendingOps } from '../errors';
import type { TraceReplay } from './trace-replay';
import { ViewerSet, type Viewer } from './viewers';

export type Completion =
  | { status: 'ok'; result: KvResult }
  | { status: 'fail'; reason: string }
  | { status: 'unknown'; opId: number };

export interface LiveClusterOptions {
  speed: number;
  paused: boolean;
  /** Wall-clock budget of one client operation seen from HTTP; after it the reply is "unknown". */
  requestTimeoutMs: number;
  /** An uploaded trace to play back as the clock runs (see trace-replay.ts). */
  replay?: TraceReplay;
}

/** One wall second of catch-up at most per advance: a stalled process must not spin for minutes. */
const MAX_ADVANCE_WALL_MS = 1000;

export class LiveCluster {
  speed: number;
  paused: boolean;
  /** When the cluster was last used, as a registry-wide sequence number (for LRU eviction). */
  lastUsed: number;
  private carryUs = 0;
  private readonly waiting = new Map<number, (c: Completion) => void>();
  private readonly viewers: ViewerSet;
  private nextClientId = 1;
  private completedDuringInvoke: Map<number, Completion> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    readonly id: string,
    /** The simulation itself, for this class and white-box tests; routes use the queries. */
    readonly sim: Simulation,
    private readonly options: LiveClusterOptions,
    lastUsed: number,
  ) {
    this.speed = options.speed;
    this.paused = options.paused;
    this.lastUsed = lastUsed;
    this.viewers = new ViewerSet(() => this.snapshotFrame());
    this.unsubscribe = sim.onEvent((event) => this.onEvent(event));
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
    return { now: this.sim.now, seq: this.sim.eventsProcessed, speed: this.speed, paused: this.paused };
  }

  /** Moves virtual time forward by the wall time that passed, scaled by the speed. */
  advance(wallMs: number): void {
    if (this.paused) return;
    const us = Math.min(wallMs, MAX_ADVANCE_WALL_MS) * 1000 * this.speed + this.carryUs;
    const whole = Math.floor(us);
    this.carryUs = us - whole;
    if (whole <= 0) return;
    if (this.options.replay) this.options.replay.runTo(this.sim, this.sim.now + whole);
    else this.sim.runUntil(this.sim.now + whole);
  }

  /** Runs exactly one simulator event; only while paused, so a person can follow it. */
  step(): boolean {
    this.options.replay?.applyDue(this.sim);
    const stepped = this.sim.step();
    this.options.replay?.applyDue(this.sim);
    return stepped;
  }

  setClock(change: { speed?: number; paused?: boolean }): void {
    if (change.speed !== undefined) this.speed = change.speed;
    if (change.paused !== undefined) {
      this.paused = change.paused;
      this.carryUs = 0;
    }
    this.viewers.markClockChanged();
  }

  input(body: InputBody): void {
    this.options.replay?.abandon(); // a person took over: the run is live from here
    this.sim.input(body);
  }

  /** Adds a node and proposes it as a voter (see `Simulation.addNode`). */
  addNode(): ReturnType<Simulation['addNode']> {
    this.options.replay?.abandon();
    return this.sim.addNode();
  }

  /** Proposes removing `node` (see `Simulation.removeNode`). */
  removeNode(node: number): ReturnType<Simulation['removeNode']> {
    this.options.replay?.abandon();
    return this.sim.removeNode(node);
  }

  /**
   * Invokes a KV operation as a fresh client and resolves when the simulator completes
   * it, or with `unknown` when the wall-clock budget runs out first (the operation then
   * stays pending in the cluster and may still take effect).
   */
  invoke(op: KvOp): Promise<Completion> {
    if (this.waiting.size >= LIMITS.maxPendingOps) throw new TooManyPendingOps(LIMITS.maxPendingOps);
    // Some operations (stale reads) complete inside `invoke`, before a waiter can exist.
    this.options.replay?.abandon();
    this.completedDuringInvoke = new Map();
    const opId = this.sim.invoke(this.nextClientId++, op);
    const early = this.completedDuringInvoke.get(opId);
    this.completedDuringInvoke = undefined;
    if (early) return Promise.resolve(early);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(opId);
        resolve({ status: 'unknown', opId });
      }, this.options.requestTimeoutMs);
      this.waiting.set(opId, (completion) => {
        clearTimeout(timer);
        this.waiting.delete(opId);
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

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** Sends the events gathered since the last flush to every viewer, as one frame. */
  flush(): void {
    this.viewers.flush(this.clock());
  }

  snapshotFrame(): SnapshotFrame {
    return {
      type: 'snapshot',
      clusterId: this.id,
      clock: this.clock(),
      view: this.view(),
      // A viewer keeps only the newest operations; the whole history is GET /history's.
      history: this.sim.history(LIMITS.maxHistoryInSnapshot),
      stages: this.sim.opStages(),
    };
  }

  dispose(): void {
    this.unsubscribe();
    this.viewers.closeAll('cluster deleted');
    for (const [opId, resolve] of this.waiting) resolve({ status: 'unknown', opId });
  }

  private onEvent(event: SimEvent): void {
    this.viewers.enqueue(event);
    if (event.type !== 'client-completed') return;
    const completion: Completion =
      event.status === 'ok' && event.result
        ? { status: 'ok', result: event.result }
        : event.status === 'fail'
          ? { status: 'fail', reason: event.reason ?? 'failed' }
          : { status: 'unknown', opId: event.opId };
    this.completedDuringInvoke?.set(event.opId, completion);
    this.waiting.get(event.opId)?.(completion);
  }
}

/** Keeps snapshot frames bounded: only the newest log entries of each node travel. */
function trimView(view: ClusterView): ClusterView {
  for (const node of view.nodes) {
    if (node.log.length > LIMITS.maxLogEntriesInView) node.log = node.log.slice(-LIMITS.maxLogEntriesInView);
  }
  return view;
}
