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
import { KvStateMachine } from './kv';
import type { ApplyOutcome } from './kv';
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
}

export class SimNode {
  readonly storage: MemoryStorage;
  private raw: RawNode | null = null;
  kv: KvStateMachine;
  /** Bumped on every crash/restart so stale tick events can be recognised. */
  epoch = 0;
  private timerStart: number | null = null;
  private timerEnd: number | null = null;
  private lastElapsed = 0;
  private lastTimeout = 0;
  private lastEmitted: NodeState | null = null;
  /** apply-uncommitted bug only: the last index applied before it was committed. */
  private appliedEarly = 0;
  /** Confirmed read barriers waiting for the state machine to apply their index. */
  private pendingReads: ReadState[] = [];

  /**
   * `voters`: the configuration of a brand-new cluster; empty for a server added later
   * by a membership change, which learns its configuration from the leader (thesis §4.1).
   */
  constructor(
    readonly id: NodeId,
    private readonly config: SimConfig,
    private readonly host: NodeHost,
    random: () => number,
    private readonly voters: NodeId[] = nodeIds(config.nodes),
  ) {
    this.storage = new MemoryStorage({ voters });
    this.kv = this.freshStateMachine();
    this.start(random, undefined);
  }

  get up(): boolean {
    return this.raw !== null;
  }

  status(): Status | null {
    return this.raw === null ? null : this.raw.status();
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
    this.timerStart = null;
    this.timerEnd = null;
  }

  tick(): void {
    this.withRaw((raw) => raw.tick());
  }

  step(msg: Message): void {
    this.withRaw((raw) => raw.step(msg));
  }

  campaign(): void {
    this.withRaw((raw) => raw.campaign());
  }

  /**
   * Proposes `data`; `accepted` runs before the Ready is drained, because in a
   * single-voter cluster the entry commits and applies within that drain, and whoever
   * waits for it must already be listening.
   */
  propose(data: string, accepted: (result: ProposeResult) => void): void {
    if (this.raw === null) return accepted({ ok: false, error: 'dropped' });
    accepted(this.raw.propose(data));
    this.drain();
  }

  /**
   * Asks for a read barrier (thesis §6.4); once confirmed and applied, the host's
   * `readReady` is called with `requestId`. Leaders and followers alike (a follower
   * forwards it to its leader through the core).
   */
  readIndex(requestId: string): ReadIndexResult {
    if (this.raw === null) return { ok: false, error: 'no-leader' };
    const result = this.raw.readIndex(requestId);
    this.drain();
    return result;
  }

  /**
   * Lease read (thesis §6.4.1): the index a leader may serve a read at without a round
   * of heartbeats, or null when its lease is not known to hold. The lease holds only
   * with check-quorum (a leader cut off from a quorum steps down within an election
   * timeout, and the voters that heard from it refuse to elect another meanwhile,
   * §4.2.3), when a quorum of voters was heard from in the current check-quorum round,
   * and once the leader has committed an entry of its own term (§6.4 step 1).
   */
  leaseReadIndex(): number | null {
    const status = this.status();
    if (status === null || status.role !== 'leader' || !this.config.checkQuorum) return null;
    const voters = status.confState.voters;
    const active = voters.filter((id) => id === this.id || status.progress[id]?.recentActive === true);
    if (active.length * 2 <= voters.length) return null;
    if (this.storage.term(status.commit) !== status.term) return null;
    return status.commit;
  }

  /** Waits, like a ReadIndex barrier, for `index` to be applied, then calls `readReady`. */
  awaitApplied(requestId: string, index: number): void {
    if (this.raw === null) return;
    this.pendingReads.push({ requestId, index });
    this.releaseReads();
  }

  /** Leader only: leadership transfer to `to` (thesis §3.10). */
  transferLeader(to: NodeId): TransferResult {
    if (this.raw === null) return { ok: false, error: 'not-leader' };
    const result = this.raw.transferLeader(to);
    this.drain();
    return result;
  }

  /** Leader only: a single-server membership change (thesis §4.1). */
  proposeConfChange(change: ConfChange): ConfChangeResult {
    if (this.raw === null) return { ok: false, error: 'not-leader' };
    const result = this.raw.proposeConfChange(change);
    this.drain();
    return result;
  }

  /**
   * Why this node, as leader, would refuse a membership change now (the core's codes),
   * or null if it would accept one: it must lead, have committed an entry of its term
   * and have no other change uncommitted (thesis §4.1), and not be transferring.
   */
  confChangeBlocker(): string | null {
    const status = this.status();
    if (status === null || status.role !== 'leader') return 'not-leader';
    if (status.leadTransferee !== 0) return 'transferring';
    if (this.storage.term(status.commit) !== status.term) return 'term-not-committed';
    const uncommitted = this.storage.entries(status.commit + 1, this.storage.lastIndex() + 1);
    if (uncommitted.some((e) => e.kind === 'config')) return 'conf-change-pending';
    return null;
  }

  /** Snapshots the applied state now and compacts the log (the `compact` input). */
  compact(): void {
    this.snapshotNow();
    this.emitStateIfChanged();
  }

  crash(): void {
    if (this.raw === null) return;
    this.raw = null;
    this.kv = this.freshStateMachine();
    this.epoch++;
    this.timerStart = null;
    this.timerEnd = null;
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
    this.start(random, this.snapshotIndex() === 0 ? 0 : undefined);
    this.host.emit({ type: 'node-restarted', node: this.id });
    this.drain();
  }

  /** Runs one RawNode call, then handles every Ready it produced. */
  private withRaw(action: (raw: RawNode) => void): void {
    if (this.raw === null) return;
    action(this.raw);
    this.drain();
  }

  /** The caller's loop of the Ready contract: persist, send, apply, advance. */
  private drain(): void {
    const raw = this.raw;
    if (raw === null) return;
    while (raw.hasReady()) {
      const rd = raw.ready();
      if (rd.hardState) this.storage.setHardState(rd.hardState);
      if (rd.snapshot) this.installSnapshot(rd.snapshot);
      if (rd.entries.length > 0) {
        const first = rd.entries[0].index;
        if (first <= this.storage.lastIndex()) {
          // The term is the node's term as it truncates: a follower that just stepped down
          // from leading an older term may truncate; a leader of the current term never does.
          this.host.emit({ type: 'log-truncated', node: this.id, fromIndex: first, term: raw.status().term });
        }
        this.storage.append(rd.entries);
        this.host.emit({ type: 'log-appended', node: this.id, entries: rd.entries.map((e) => ({ ...e })) });
        if (this.config.bugs.includes('apply-uncommitted')) {
          // BUG (apply-uncommitted): entries reach the state machine (and clients hear
          // "done") before a majority holds them, so a new leader can erase them (§5.3).
          for (const entry of rd.entries) {
            this.host.applied(this.id, entry, this.kv.apply(entry));
            this.appliedEarly = entry.index;
          }
        }
      }
      for (const msg of rd.messages) this.host.send(msg);
      for (const entry of rd.committedEntries) this.applyEntry(entry);
      raw.advance(rd);
      this.pendingReads.push(...rd.readStates);
      this.releaseReads();
      this.maybeSnapshot();
    }
    this.emitStateIfChanged();
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
    const applied = this.raw?.status().applied ?? 0;
    if (this.pendingReads.length === 0) return;
    const ready = this.pendingReads.filter((r) => r.index <= applied);
    this.pendingReads = this.pendingReads.filter((r) => r.index > applied);
    for (const read of ready) this.host.readReady(this.id, read.requestId, read.index);
  }

  /** The snapshot policy: every `snapshotEvery` applied entries (0: never). */
  private maybeSnapshot(): void {
    const every = this.config.snapshotEvery;
    if (every <= 0 || this.raw === null) return;
    if (this.raw.status().applied - this.snapshotIndex() >= every) this.snapshotNow();
  }

  private snapshotNow(): void {
    const raw = this.raw;
    if (raw === null) return;
    const applied = raw.status().applied;
    if (applied <= this.snapshotIndex()) return;
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
    return new KvStateMachine(!this.config.bugs.includes('no-session-dedupe'));
  }

  /** Current NodeState. Pure: reading it (e.g. for a view) never changes the run. */
  state(status: Status | null = this.status()): NodeState {
    if (status === null) {
      const hs = this.storage.initialState().hardState;
      return {
        id: this.id,
        up: false,
        role: 'follower',
        term: hs.term,
        vote: hs.vote,
        leader: 0,
        commit: hs.commit,
        applied: 0,
        lastIndex: this.storage.lastIndex(),
        snapshotIndex: this.snapshotIndex(),
        timerStart: null,
        timerEnd: null,
        progress: null,
      };
    }
    const leader = status.role === 'leader';
    return {
      id: this.id,
      up: true,
      role: status.role,
      term: status.term,
      vote: status.vote,
      leader: status.leader,
      commit: status.commit,
      applied: status.applied,
      lastIndex: status.lastIndex,
      snapshotIndex: this.snapshotIndex(),
      timerStart: this.timerStart,
      timerEnd: this.timerEnd,
      progress: leader ? progressCopy(status) : null,
    };
  }

  private updateTimer(status: Status): void {
    if (status.role === 'leader') {
      this.timerStart = null;
      this.timerEnd = null;
      return;
    }
    const reset =
      this.timerStart === null ||
      status.electionElapsed < this.lastElapsed ||
      status.randomizedElectionTimeout !== this.lastTimeout;
    this.lastElapsed = status.electionElapsed;
    this.lastTimeout = status.randomizedElectionTimeout;
    if (!reset) return;
    const tickUs = this.config.tickUs;
    this.timerStart = this.host.now() - status.electionElapsed * tickUs;
    this.timerEnd = this.timerStart + status.randomizedElectionTimeout * tickUs;
  }

  emitStateIfChanged(): void {
    const status = this.status();
    if (status !== null) this.updateTimer(status);
    const state = this.state(status);
    if (this.lastEmitted !== null && sameNodeState(state, this.lastEmitted)) return;
    this.lastEmitted = state;
    this.host.emit({ type: 'node-state', node: state });
  }

  /** The persisted log (for the view). */
  log(): Entry[] {
    return this.storage.entries(this.storage.firstIndex(), this.storage.lastIndex() + 1);
  }
}

/** Field-by-field equality of two node states: called after every Ready, so no JSON. */
function sameNodeState(a: NodeState, b: NodeState): boolean {
  for (const key of Object.keys(a) as Array<keyof NodeState>) {
    if (key === 'progress') continue;
    if (a[key] !== b[key]) return false;
  }
  if (a.progress === null || b.progress === null) return a.progress === b.progress;
  const ids = Object.keys(a.progress);
  if (ids.length !== Object.keys(b.progress).length) return false;
  for (const id of ids) {
    const p = a.progress[Number(id)];
    const q = b.progress[Number(id)];
    if (!q || p.matchIndex !== q.matchIndex || p.nextIndex !== q.nextIndex || p.state !== q.state)
      return false;
    if (p.paused !== q.paused || p.recentActive !== q.recentActive) return false;
  }
  return true;
}

export function nodeIds(n: number): NodeId[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

function progressCopy(status: Status): NodeState['progress'] {
  const out: NonNullable<NodeState['progress']> = {};
  for (const id of Object.keys(status.progress)
    .map(Number)
    .sort((a, b) => a - b)) {
    out[id] = { ...status.progress[id] };
  }
  return out;
}
