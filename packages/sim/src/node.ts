/**
 * One simulated server: a RawNode over its MemoryStorage (the "disk"), the KV state
 * machine it applies to, and the bookkeeping the UI needs (election-timer window, last
 * emitted NodeState). A crash throws away everything except the storage; a restart
 * builds a new RawNode over it, loads the KV store from the storage's snapshot (if any)
 * and re-applies the committed log after it.
 *
 * Snapshots (paper §7): after applying, a node whose applied index is `snapshotEvery`
 * past its last snapshot records the KV image (store + session table) as a snapshot at
 * `applied` and compacts its log. A follower behind the leader's compacted prefix gets
 * the leader's snapshot in `Ready.snapshot` and loads it before applying anything else.
 *
 * Reads (thesis §6.4): a ReadIndex request's `ReadState {index}` is held until the
 * node has applied `index`, then handed to the host to answer from the local store.
 */
import { MemoryStorage, RawNode } from '@raftlab/raft';
import type {
  BasicStatus,
  ConfChange,
  ConfChangeResult,
  Entry,
  Message,
  NodeId,
  ProposeResult,
  ReadIndexResult,
  ReadState,
  Snapshot,
  Status,
  TransferResult,
} from '@raftlab/raft';
import { raftBugs } from './bugs';
import { confChangeBlocker, leaseReadIndex } from './leader_status';
import { KvStateMachine } from './kv';
import type { ApplyOutcome, CommandCache } from './kv';
import { NodeClock } from './node_clock';
import { NodeStateReporter } from './node_report';
import { downNodeState } from './node_state';
import type { NodeState, SimConfig, SimEventBody } from './types';

/** What a node needs from the simulation around it. */
export interface NodeHost {
  now(): number;
  emit(body: SimEventBody): void;
  send(msg: Message): void;
  /** Called for every committed entry the node applies, in log order. */
  applied(node: NodeId, entry: Entry, outcome: ApplyOutcome | null): void;
  /** A read barrier of this node is confirmed and entry `index` is applied: serve the read now. */
  readReady(node: NodeId, requestId: string, index: number): void;
  /**
   * Whether anyone keeps reported node states (a listener). If not, `stateChanged` gets
   * one object rewritten in place (see node_report.ts).
   */
  stateObserved(): boolean;
  /**
   * The node's state changed: the `node-state` event, and the invariant checks, which
   * have nothing to check when only the election timer or a leader's progress moved
   * (`timerOrProgressOnly`).
   */
  stateChanged(state: NodeState, timerOrProgressOnly: boolean): void;
  /** Wake this node at virtual time `at` by calling `tickDue(token)`. */
  scheduleTick(node: NodeId, at: number, token: number): void;
  /** Check the node-state reporter's every shortcut (for tests: node_report.ts). */
  readonly verifyReports: boolean;
  /** The cluster's decoded commands, shared by every node's state machine. */
  readonly commands: CommandCache;
}

export class SimNode {
  readonly storage: MemoryStorage;
  private raw: RawNode | null = null;
  kv: KvStateMachine;
  /** Bumped on every crash/restart. */
  epoch = 0;
  /** Lazy ticks: made up before every input, one wake-up per tick that may act (node_clock.ts). */
  private readonly clock: NodeClock;
  private readonly reporter: NodeStateReporter;
  /** apply-uncommitted bug only: the last index applied before it was committed. */
  private appliedEarly = 0;
  /** Confirmed read barriers waiting for the state machine to apply their index. */
  private pendingReads: ReadState[] = [];
  /** Whether the node was a voter when it crashed: its disk's configuration, as it will read it back. */
  private voterWhenDown = false;

  /**
   * `voters`: the configuration of a brand-new cluster; empty for a server added later
   * by a membership change, which learns its configuration from the leader (thesis §4.1).
   */
  constructor(
    readonly id: NodeId,
    private readonly config: SimConfig,
    private readonly host: NodeHost,
    random: () => number,
    /** Offset of this node's ticks in [0, tickUs): fixed, so nodes never tick in lockstep. */
    phase: number,
    private readonly voters: NodeId[] = nodeIds(config.nodes),
  ) {
    this.storage = new MemoryStorage({ voters });
    this.reporter = new NodeStateReporter(config.tickUs, host.verifyReports);
    this.kv = this.freshStateMachine();
    this.clock = new NodeClock(id, config.tickUs, phase, host);
    this.start(random, undefined);
    this.clock.scheduleWake(this.raw!);
  }

  get up(): boolean {
    return this.raw !== null;
  }

  status(): Status | null {
    return this.raw === null ? null : this.raw.status();
  }

  /** `status()` without the configuration and the progress (which `status()` copies). */
  basicStatus(): BasicStatus | null {
    return this.raw === null ? null : this.raw.basicStatus();
  }

  private start(random: () => number, applied: number | undefined): void {
    this.raw = new RawNode(
      {
        id: this.id,
        voters: this.voters,
        electionTick: this.config.electionTick,
        heartbeatTick: this.config.heartbeatTick,
        preVote: this.config.preVote,
        checkQuorum: this.config.checkQuorum,
        bugs: raftBugs(this.config.bugs),
        maxEntriesPerMessage: this.config.maxEntriesPerMessage,
        random,
        ...(applied === undefined ? {} : { applied }),
      },
      this.storage,
    );
    this.kv = this.freshStateMachine();
    // The snapshot stands for every entry up to its index (§7); the log replays the rest.
    const snap = this.storage.snapshot();
    if (snap.metadata.index > 0) this.kv.restore(snap.data);
    this.pendingReads = [];
    this.reporter.clearTimer();
  }

  /** The wake-up scheduled through `host.scheduleTick` has come. */
  tickDue(token: number): void {
    const raw = this.raw;
    if (raw === null || !this.clock.woken(token)) return; // crashed, or superseded since
    this.clock.catchUp(raw);
    // Usually the deadline moved on (a heartbeat reset the timer) and the ticks only
    // counted: nothing to hand out, and the state an observer sees is unchanged.
    if (!raw.hasReady()) return this.clock.scheduleWake(raw);
    this.drain();
  }

  /** Delivers a message (the hot path: no closure, unlike the rarer inputs below, see withRaw). */
  step(msg: Message): void {
    const raw = this.raw;
    if (raw === null) return;
    this.clock.catchUp(raw);
    raw.step(msg);
    this.drain();
  }

  campaign(): void {
    this.withRaw(undefined, (raw) => raw.campaign());
  }

  heartbeat(): void {
    this.withRaw(undefined, (raw) => raw.heartbeat());
  }

  /**
   * Proposes `data`; `accepted` runs before the Ready is drained, because in a
   * single-voter cluster the entry commits and applies within that drain, and whoever
   * waits for it must already be listening.
   */
  propose(data: string, accepted: (result: ProposeResult) => void): void {
    if (this.raw === null) return accepted({ ok: false, error: 'dropped' });
    this.clock.catchUp(this.raw);
    accepted(this.raw.propose(data));
    this.drain();
  }

  /**
   * Asks for a read barrier (thesis §6.4); once confirmed and applied, the host's
   * `readReady` is called with `requestId`. Leaders and followers alike (a follower
   * forwards it to its leader through the core).
   */
  readIndex(requestId: string): ReadIndexResult {
    return this.withRaw({ ok: false, error: 'no-leader' }, (raw) => raw.readIndex(requestId));
  }

  /** See `leaseReadIndex` in leader_status.ts (thesis §6.4.1). */
  leaseReadIndex(): number | null {
    return leaseReadIndex(this.status(), this.storage, this.config.checkQuorum, this.id);
  }

  /** Waits, like a ReadIndex barrier, for `index` to be applied, then calls `readReady`. */
  awaitApplied(requestId: string, index: number): void {
    if (this.raw === null) return;
    this.pendingReads.push({ requestId, index });
    this.releaseReads();
  }

  /** Leader only: leadership transfer to `to` (thesis §3.10). */
  transferLeader(to: NodeId): TransferResult {
    return this.withRaw({ ok: false, error: 'not-leader' }, (raw) => raw.transferLeader(to));
  }

  /** Leader only: a single-server membership change (thesis §4.1). */
  proposeConfChange(change: ConfChange): ConfChangeResult {
    return this.withRaw({ ok: false, error: 'not-leader' }, (raw) => raw.proposeConfChange(change));
  }

  /** See `confChangeBlocker` in leader_status.ts (thesis §4.1). */
  confChangeBlocker(): string | null {
    return confChangeBlocker(this.status(), this.storage);
  }

  /** Snapshots the applied state now and compacts the log (the `compact` input). */
  compact(): void {
    if (this.raw !== null) this.snapshotNow(this.raw.basicStatus().applied);
    this.emitStateIfChanged();
  }

  crash(): void {
    if (this.raw === null) return;
    this.voterWhenDown = this.raw.basicStatus().voter;
    this.raw = null;
    this.kv = this.freshStateMachine();
    this.epoch++;
    this.clock.stop();
    this.reporter.clearTimer();
    this.host.emit({ type: 'node-crashed', node: this.id });
    this.emitStateIfChanged();
  }

  restart(random: () => number): void {
    if (this.raw !== null) return;
    this.epoch++;
    if (this.config.bugs.includes('forget-vote-on-restart')) {
      // BUG (forget-vote-on-restart): term and votedFor were never made durable, so the
      // node may vote twice in one term (Figure 2 lists both as persistent state).
      const { commit } = this.storage.initialState().hardState;
      this.storage.setHardState({ term: 0, vote: 0, commit });
    }
    // Without a snapshot, applied = 0 re-applies every committed entry; with one, the KV
    // store is loaded from it and the log is applied from its index on (the default).
    this.clock.restart();
    this.start(random, this.snapshotIndex() === 0 ? 0 : undefined);
    this.host.emit({ type: 'node-restarted', node: this.id });
    this.drain();
  }

  /** Runs one RawNode call (`ifDown`, without a RawNode), then handles every Ready it produced. */
  private withRaw<T>(ifDown: T, action: (raw: RawNode) => T): T {
    if (this.raw === null) return ifDown;
    this.clock.catchUp(this.raw);
    const result = action(this.raw);
    this.drain();
    return result;
  }

  /** The caller's loop of the Ready contract: persist, send, apply, advance. */
  private drain(): void {
    const raw = this.raw;
    if (raw === null) return;
    for (;;) {
      // Messages and nothing else (most Readies): send them; there is nothing to
      // persist, apply or acknowledge, and nothing else was pending with them (sending
      // does not call into the core), so that was the last Ready.
      const only = raw.observer.readyMessagesOnly();
      if (only !== null) {
        for (let i = 0; i < only.length; i++) this.host.send(only[i]);
        break;
      }
      if (!raw.hasReady()) break;
      const rd = raw.ready();
      if (rd.hardState) this.storage.setHardState(rd.hardState);
      if (rd.snapshot) this.installSnapshot(rd.snapshot);
      if (rd.entries.length > 0) this.persistEntries(raw, rd.entries);
      // Indexed, not for-of: see docs/performance.md#frozen-empty-lists
      const { messages, committedEntries } = rd;
      for (let i = 0; i < messages.length; i++) this.host.send(messages[i]);
      for (let i = 0; i < committedEntries.length; i++) this.applyEntry(committedEntries[i]);
      raw.advance(rd);
      if (rd.readStates.length > 0) this.pendingReads.push(...rd.readStates);
      this.releaseReads();
      // Only applying moves the applied index the snapshot policy looks at: advance has
      // made it the last committed entry's.
      if (committedEntries.length > 0)
        this.maybeSnapshot(committedEntries[committedEntries.length - 1].index);
    }
    this.clock.scheduleWake(raw);
    this.emitStateIfChanged();
  }

  /** Ready step 1 for new entries; apart from the loop above, as most Readies have none. */
  private persistEntries(raw: RawNode, entries: Entry[]): void {
    const first = entries[0].index;
    if (first <= this.storage.lastIndex()) {
      // The term is the node's term as it truncates: a follower that just stepped down
      // from leading an older term may truncate; a leader of the current term never does.
      this.host.emit({
        type: 'log-truncated',
        node: this.id,
        fromIndex: first,
        term: raw.basicStatus().term,
      });
    }
    this.storage.append(entries);
    // A listener may keep the event, so it gets copies; the invariant checker alone
    // reads the entries during the call, and entries are never changed once made.
    const copied = this.host.stateObserved() ? entries.map((e) => ({ ...e })) : entries;
    this.host.emit({ type: 'log-appended', node: this.id, entries: copied });
    if (this.config.bugs.includes('apply-uncommitted')) {
      // BUG (apply-uncommitted): entries reach the state machine (and clients hear
      // "done") before a majority holds them, so a new leader can erase them (§5.3).
      for (const entry of entries) {
        this.host.applied(this.id, entry, this.kv.apply(entry));
        this.appliedEarly = entry.index;
      }
    }
  }

  /** A leader's snapshot replaces the log and the state machine (§7), before any apply. */
  private installSnapshot(snap: Snapshot): void {
    this.storage.applySnapshot(snap);
    this.kv = this.freshStateMachine();
    this.kv.restore(snap.data);
    const { index, term } = snap.metadata;
    this.host.emit({ type: 'snapshot-installed', node: this.id, index, term });
  }

  /** Serves every confirmed read whose index the state machine has reached, in order. */
  private releaseReads(): void {
    if (this.pendingReads.length === 0) return;
    const applied = this.raw?.basicStatus().applied ?? 0;
    const ready = this.pendingReads.filter((r) => r.index <= applied);
    this.pendingReads = this.pendingReads.filter((r) => r.index > applied);
    for (const read of ready) this.host.readReady(this.id, read.requestId, read.index);
  }

  /** The snapshot policy: every `snapshotEvery` applied entries (0: never). */
  private maybeSnapshot(applied: number): void {
    const every = this.config.snapshotEvery;
    if (every > 0 && applied - this.snapshotIndex() >= every) this.snapshotNow(applied);
  }

  /** Records the state machine, which has applied up to `applied`, as a snapshot (§7). */
  private snapshotNow(applied: number): void {
    const raw = this.raw;
    if (raw === null || applied <= this.snapshotIndex()) return;
    const snap = this.storage.createSnapshot(applied, raw.confStateAt(applied), this.kv.snapshot());
    this.storage.compact(applied);
    const { index, term } = snap.metadata;
    this.host.emit({ type: 'snapshot-taken', node: this.id, index, term });
  }

  /** Index of the last entry the storage's snapshot covers (0: none). */
  snapshotIndex(): number {
    return this.storage.firstIndex() - 1;
  }

  private applyEntry(entry: Entry): void {
    if (entry.index <= this.appliedEarly) return; // already applied by the apply-uncommitted bug
    this.host.applied(this.id, entry, this.kv.apply(entry));
  }

  private freshStateMachine(): KvStateMachine {
    this.appliedEarly = 0;
    return new KvStateMachine(!this.config.bugs.includes('no-session-dedupe'), this.host.commands);
  }

  /** Current NodeState. Pure: reading it (e.g. for a view) never changes the run. */
  state(): NodeState {
    const raw = this.raw;
    if (raw !== null) return this.reporter.current(raw, this.snapshotIndex());
    return downNodeState(this.id, this.storage, this.voterWhenDown);
  }

  /** Reports the node's state to the host if it changed (after every input). */
  emitStateIfChanged(): void {
    const raw = this.raw;
    const fresh = this.host.stateObserved();
    const changed =
      raw === null
        ? this.reporter.downChanged(this.state())
        : this.reporter.upChanged(raw, this.snapshotIndex(), this.clock.nextTickAt, fresh);
    if (changed !== null) this.host.stateChanged(changed, raw !== null && this.reporter.timerOrProgressOnly);
  }

  /** The persisted log (for the view). */
  log(): Entry[] {
    return this.storage.entries(this.storage.firstIndex(), this.storage.lastIndex() + 1);
  }
}

export function nodeIds(n: number): NodeId[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
