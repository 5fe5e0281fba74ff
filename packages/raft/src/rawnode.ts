/**
 * RawNode: the thread-safe-by-construction façade over `Raft` (etcd's rawnode.go).
 * Inputs are method calls; everything the caller must do comes out as a `Ready`.
 *
 * The caller's loop, in this order:
 *
 * ```ts
 * const node = new RawNode({ id: 1, voters: [1, 2, 3], electionTick: 10, heartbeatTick: 3, random }, storage);
 * // feed inputs whenever they happen:
 * node.tick();                 // every logical clock tick
 * node.step(message);          // every message received from a peer
 * node.propose(data);          // client commands (leader only)
 * node.readIndex(requestId);   // a linearizable read: wait for its ReadState
 * node.transferLeader(to);     // hand leadership to `to` (leader only)
 * node.proposeConfChange(cc);  // add or remove one server (leader only, thesis §4.1)
 * // then drain:
 * while (node.hasReady()) {
 *   const rd = node.ready();
 *   // 1. persist: rd.hardState -> storage.setHardState, rd.snapshot -> storage.applySnapshot,
 *   //    rd.entries -> storage.append
 *   // 2. send rd.messages (only now: they promise that step 1 is durable)
 *   // 3. load rd.snapshot into the state machine, then apply rd.committedEntries in order;
 *   //    serve each of rd.readStates once entry `index` is applied;
 *   //    rd.confState, when set, is the new membership (already in effect)
 *   // 4. acknowledge:
 *   node.advance(rd);
 * }
 * ```
 *
 * Every `ready()` must be followed by `advance()` of that Ready before the next
 * `ready()`. Restart: build a new RawNode over the same storage; term, vote, log and
 * commit come back from it, and committed entries after `config.applied` (default:
 * the snapshot index) are handed out again for a fresh state machine.
 *
 * Membership (thesis §4): a brand-new server is built with `voters: []` over an empty
 * storage; it waits, never campaigning, until the leader's AppendEntries or snapshot
 * bring it the configuration that includes it. A snapshot taken at index `i` must
 * record `confStateAt(i)`.
 */
import { Raft } from './raft';
import type { Storage } from './storage';
import type { ConfChangeResult } from './raft_membership';
import type {
  BasicStatus,
  ConfChange,
  ConfState,
  Config,
  Entry,
  HardState,
  LightStatus,
  Message,
  NodeId,
  ProgressStatus,
  ProposeResult,
  ReadIndexResult,
  ReadState,
  Ready,
  SoftState,
  Status,
  TransferResult,
} from './types';

/**
 * The empty lists of a Ready, shared by every Ready: frozen, so a caller that writes
 * into a Ready's list (which the contract does not allow) fails loudly.
 */
const EMPTY_ENTRIES: Entry[] = Object.freeze([]) as unknown as Entry[];
const EMPTY_MESSAGES: Message[] = Object.freeze([]) as unknown as Message[];
const EMPTY_READ_STATES: ReadState[] = Object.freeze([]) as unknown as ReadState[];

/** The shape `basicStatus()` fills. */
const ZERO_STATUS: BasicStatus = {
  id: 0,
  role: 'follower',
  term: 0,
  vote: 0,
  leader: 0,
  commit: 0,
  applied: 0,
  lastIndex: 0,
  lastTerm: 0,
  firstIndex: 0,
  electionElapsed: 0,
  randomizedElectionTimeout: 0,
  leadTransferee: 0,
};

export class RawNode {
  private readonly raft: Raft;
  private prevSoftState: SoftState;
  private prevHardState: HardState;
  private prevConfVersion: number;
  /** The one object `withProgress` fills for each visit. */
  private readonly progressView: ProgressStatus = {
    matchIndex: 0,
    nextIndex: 0,
    state: 'probe',
    paused: false,
    recentActive: false,
  };

  constructor(config: Config, storage: Storage) {
    this.raft = new Raft(config, storage);
    this.prevSoftState = this.softState();
    this.prevHardState = storage.initialState().hardState;
    this.prevConfVersion = this.raft.membership.version;
  }

  /** One logical clock tick: drives election timeouts and heartbeats. */
  tick(): void {
    this.raft.tick();
  }

  /** Delivers a message from a peer. */
  step(msg: Message): void {
    if (msg.to !== this.raft.id) throw new Error(`message to ${msg.to} stepped into node ${this.raft.id}`);
    this.raft.step(msg);
  }

  /**
   * Appends a command to the leader's log. Its AppendEntries go out in the next
   * Ready, together with every other proposal made before it (batching). Refused
   * with 'not-leader', 'transferring' (a leadership transfer is under way, thesis
   * §3.10) or 'dropped' (config.maxUncommittedEntries reached).
   */
  propose(data: string): ProposeResult {
    return this.raft.propose([{ kind: 'command', data }]);
  }

  /**
   * Asks for a linearizable read barrier (thesis §6.4). When confirmed, a ReadState
   * with this `requestId` appears in `Ready.readStates`; a follower forwards the
   * request to its leader. Without a known leader the request is dropped
   * ('no-leader'); a request lost later (a leader change) is never answered, so the
   * caller retries after a timeout.
   */
  readIndex(requestId: string): ReadIndexResult {
    return this.raft.readIndex(requestId);
  }

  /** Leader only: hands leadership to voter `to` (thesis §3.10). Watch `status().leadTransferee`. */
  transferLeader(to: NodeId): TransferResult {
    return this.raft.transferLeader(to);
  }

  /**
   * Leader only: proposes a single-server membership change (thesis §4.1) as a
   * `config` entry. It takes effect as soon as it is appended (and shows in
   * `Ready.confState`); it is committed when it appears in `committedEntries`.
   * Refused with 'not-leader', 'transferring', 'dropped', 'conf-change-pending'
   * (another change is uncommitted), 'term-not-committed' (no entry of this leader's
   * term is committed yet), 'no-op', 'last-voter' or 'invalid-node'.
   */
  proposeConfChange(change: ConfChange): ConfChangeResult {
    return this.raft.proposeConfChange(change);
  }

  /**
   * The configuration as of entry `index` (firstIndex - 1 <= index <= lastIndex), to
   * record in a snapshot taken at `index` (§7). `status().confState` is the latest.
   */
  confStateAt(index: number): ConfState {
    return this.raft.membership.confStateAt(index);
  }

  /** Starts an election now, as if the election timeout had elapsed (with pre-vote if enabled). */
  campaign(): void {
    this.raft.hup();
  }

  hasReady(): boolean {
    return this.raft.msgs.length > 0 || this.pendingBesidesMessages();
  }

  /** Whether the next Ready would carry anything other than messages. */
  private pendingBesidesMessages(): boolean {
    const r = this.raft;
    const soft = this.prevSoftState;
    const hard = this.prevHardState;
    return (
      r.proposalsPending ||
      r.role !== soft.role ||
      r.lead !== soft.leader ||
      r.term !== hard.term ||
      r.vote !== hard.vote ||
      r.log.committed !== hard.commit ||
      r.log.unstable.entries.length > 0 ||
      r.log.hasNextCommittedEntries() ||
      r.log.unstable.snapshot !== undefined ||
      r.readOnly.readStates.length > 0 ||
      r.membership.version !== this.prevConfVersion
    );
  }

  ready(): Ready {
    const r = this.raft;
    r.flushProposals();
    // Most Readies carry a message or two and nothing else: an empty list is the one
    // shared frozen array rather than a new one per Ready, and the core starts a new
    // outbox with its next message (Raft.send).
    // Every Ready has every field (the absent ones undefined), so all Readies share one
    // shape and the caller's reads of them stay monomorphic.
    const rd: Ready = {
      softState: undefined,
      hardState: undefined,
      snapshot: undefined,
      entries: r.log.unstable.entries.length === 0 ? EMPTY_ENTRIES : r.log.unstableEntries(),
      messages: r.msgs.length === 0 ? EMPTY_MESSAGES : r.msgs,
      committedEntries: r.log.hasNextCommittedEntries() ? r.log.nextCommittedEntries() : EMPTY_ENTRIES,
      readStates: r.readOnly.readStates.length === 0 ? EMPTY_READ_STATES : r.readOnly.readStates,
      confState: undefined,
    };
    if (r.log.unstable.snapshot) rd.snapshot = r.log.unstable.snapshot;
    if (r.msgs.length > 0) r.msgs = EMPTY_MESSAGES;
    if (r.readOnly.readStates.length > 0) r.readOnly.readStates = [];
    if (r.role !== this.prevSoftState.role || r.lead !== this.prevSoftState.leader) {
      rd.softState = this.prevSoftState = this.softState();
    }
    if (r.membership.version !== this.prevConfVersion) {
      this.prevConfVersion = r.membership.version;
      rd.confState = r.membership.current();
    }
    const hard = this.prevHardState;
    if (r.term !== hard.term || r.vote !== hard.vote || r.log.committed !== hard.commit) {
      rd.hardState = this.prevHardState = this.hardState();
    }
    return rd;
  }

  /**
   * When the pending Ready would carry messages and nothing else (no entries, no
   * state change, nothing to apply), hands out those messages without building the
   * Ready: exactly `ready().messages` followed by `advance()` of that Ready, which
   * would have nothing else to acknowledge. Otherwise returns null and changes nothing.
   * Most Readies are such (a heartbeat, its answer), and a host that sends at once
   * saves an object and two calls each time.
   */
  readyMessagesOnly(): Message[] | null {
    const r = this.raft;
    if (r.msgs.length === 0 || this.pendingBesidesMessages()) return null;
    const messages = r.msgs;
    r.msgs = EMPTY_MESSAGES;
    return messages;
  }

  /** The caller has persisted, sent and applied `rd`. */
  advance(rd: Ready): void {
    const log = this.raft.log;
    if (rd.snapshot) log.stableSnapTo(rd.snapshot.metadata.index);
    // Lengths first: reading index -1 of an empty list is a slow property lookup.
    if (rd.entries.length > 0) {
      const lastEntry = rd.entries[rd.entries.length - 1];
      log.stableTo(lastEntry.index, lastEntry.term);
    }
    if (rd.committedEntries.length > 0)
      log.appliedTo(rd.committedEntries[rd.committedEntries.length - 1].index);
  }

  /**
   * How many `tick()` calls from now until one that may act: an election timeout, a
   * heartbeat, a check-quorum round, a snapshot's deadline (`Infinity`: none will).
   * The ticks before it only count, so a caller may defer them to skip idle time —
   * provided it makes them up before any other input, because `step()` reads the
   * counters (the leader lease of §4.2.3, for one). Ask again after every input.
   */
  ticksUntilDue(): number {
    return this.raft.ticksUntilDue();
  }

  /**
   * Feeds `n` ticks at once, exactly as `n` calls of `tick()` would, when all of them
   * only count: `n < ticksUntilDue()`, else it throws. Lets a caller that deferred idle
   * ticks make them up in one call.
   */
  skipTicks(n: number): void {
    this.raft.skipTicks(n);
  }

  /** A snapshot of the node's state; mutating it does not affect the node. */
  status(): Status {
    const r = this.raft;
    const progress: Record<number, ProgressStatus> = {};
    if (r.role === 'leader') {
      for (const pr of r.progress.values()) progress[pr.id] = pr.toStatus();
    }
    return { ...this.basicStatus(), confState: r.membership.current(), progress };
  }

  /**
   * Leader only: calls `visit` with each peer's progress (including its own), in id
   * order, without copying anything (etcd's WithProgress): `visit` gets one reused view,
   * valid only during the call.
   */
  withProgress(visit: (id: NodeId, progress: Readonly<ProgressStatus>) => void): void {
    const r = this.raft;
    if (r.role !== 'leader') return;
    const view = this.progressView;
    for (const pr of r.progress.values()) {
      view.matchIndex = pr.match;
      view.nextIndex = pr.next;
      view.state = pr.state;
      view.paused = pr.isPaused();
      view.recentActive = pr.recentActive;
      visit(pr.id, view);
    }
  }

  /**
   * Leader only: whether `progress`, a record like `status().progress` of `peers`
   * peers, still describes every peer's progress, field for field. For a caller that
   * reports progress changes and asks after every input: no visit per peer, no copy.
   */
  progressMatches(progress: Readonly<Record<NodeId, ProgressStatus>>, peers: number): boolean {
    const r = this.raft;
    if (r.role !== 'leader' || r.progress.size !== peers) return false;
    for (const pr of r.progress.values()) {
      const was = progress[pr.id];
      if (
        was === undefined ||
        was.matchIndex !== pr.match ||
        was.nextIndex !== pr.next ||
        was.state !== pr.state ||
        was.paused !== pr.isPaused() ||
        was.recentActive !== pr.recentActive
      )
        return false;
    }
    return true;
  }

  /**
   * A number that moves whenever what `withProgress` would report may have changed (a
   * peer's match, next, state, paused or recentActive, or the set of peers), and stays
   * put otherwise. A caller that reports progress changes after every input compares
   * this one number where `progressMatches` compares every peer's fields.
   */
  progressVersion(): number {
    return this.raft.progressCounts.changes;
  }

  /**
   * A number that moves whenever a field of `readLightStatus` other than the election
   * timer's (`electionElapsed`, `randomizedElectionTimeout`) may have changed: role,
   * term, vote, leader, commit, applied, last index. It may also move when none did.
   * The timeout is only redrawn when the role or term changes (§5.2), so with this
   * number unchanged, only `electionElapsed` can have moved. For a caller that reports
   * changes after every input: one comparison where the status has seven.
   */
  statusVersion(): number {
    return this.raft.statusChanges + this.raft.log.changes;
  }

  /** Ticks since the election timer last restarted (`basicStatus().electionElapsed`, without the copy). */
  electionElapsed(): number {
    return this.raft.electionElapsed;
  }

  /** `status()` without the configuration and the progress: no copies of either. */
  basicStatus(): BasicStatus {
    return this.readBasicStatus({ ...ZERO_STATUS });
  }

  /**
   * `basicStatus()` written into `into`, which it returns: for a caller that reads the
   * status after every input and would otherwise make an object each time.
   */
  readBasicStatus(into: BasicStatus): BasicStatus {
    const r = this.raft;
    this.readLightStatus(into);
    into.lastTerm = r.log.lastTerm();
    into.firstIndex = r.log.firstIndex();
    into.leadTransferee = r.transfer.transferee;
    return into;
  }

  /** The index of the last entry handed out to apply (`basicStatus().applied`, without the copy). */
  appliedIndex(): number {
    return this.raft.log.applied;
  }

  /** `readBasicStatus` of the `LightStatus` fields only, written into `into`. */
  readLightStatus(into: LightStatus): LightStatus {
    const r = this.raft;
    into.id = r.id;
    into.role = r.role;
    into.term = r.term;
    into.vote = r.vote;
    into.leader = r.lead;
    into.commit = r.log.committed;
    into.applied = r.log.applied;
    into.lastIndex = r.log.lastIndex();
    into.electionElapsed = r.electionElapsed;
    into.randomizedElectionTimeout = r.randomizedElectionTimeout;
    return into;
  }

  private softState(): SoftState {
    return { role: this.raft.role, leader: this.raft.lead };
  }

  private hardState(): HardState {
    return { term: this.raft.term, vote: this.raft.vote, commit: this.raft.log.committed };
  }
}
