/**
 * Plain-data types of the Raft core. Every value here is JSON-serialisable so the
 * simulator can record it, the server can stream it and the UI can print it as-is.
 * Field names follow Figure 2 of the Raft paper (Ongaro & Ousterhout, 2014).
 */

/** Node ids are positive integers; 0 means "none" (no vote, no known leader). */
export type NodeId = number;
export const NONE: NodeId = 0;

export type EntryKind = 'command' | 'noop' | 'config';

/** One log entry. `data` is opaque to the core (the KV layer stores JSON in it). */
export interface Entry {
  index: number;
  term: number;
  kind: EntryKind;
  data: string;
}

/** State that must be on stable storage before messages are sent (Figure 2, "Persistent state"). */
export interface HardState {
  term: number;
  /** votedFor; NONE when the node has not voted in `term`. */
  vote: NodeId;
  /** Persisted so a restarted node need not wait for a leader to re-learn it. */
  commit: number;
}

/** Cluster membership as of some log index. */
export interface ConfState {
  voters: NodeId[];
  learners: NodeId[];
}

export interface SnapshotMetadata {
  /** lastIncludedIndex / lastIncludedTerm of §7. */
  index: number;
  term: number;
  confState: ConfState;
}

export interface Snapshot {
  metadata: SnapshotMetadata;
  /** Opaque state-machine image. */
  data: string;
}

export type Role = 'follower' | 'precandidate' | 'candidate' | 'leader';

interface MessageBase {
  from: NodeId;
  to: NodeId;
  term: number;
}

export interface RequestVote extends MessageBase {
  type: 'RequestVote';
  lastLogIndex: number;
  lastLogTerm: number;
  /** Set when the election was started by TimeoutNow (§3.10): bypasses the leader-lease guard. */
  transfer?: boolean;
}
export interface RequestVoteResponse extends MessageBase {
  type: 'RequestVoteResponse';
  voteGranted: boolean;
}
/** Pre-vote (thesis §9.6): same fields as RequestVote, `term` is the term the sender would use. */
export interface PreVote extends MessageBase {
  type: 'PreVote';
  lastLogIndex: number;
  lastLogTerm: number;
}
export interface PreVoteResponse extends MessageBase {
  type: 'PreVoteResponse';
  voteGranted: boolean;
}
export interface AppendEntries extends MessageBase {
  type: 'AppendEntries';
  prevLogIndex: number;
  prevLogTerm: number;
  entries: Entry[];
  leaderCommit: number;
  /** Heartbeats only: a ReadIndex round's request id, echoed in the response (thesis §6.4). */
  context?: string;
}
export interface AppendEntriesResponse extends MessageBase {
  type: 'AppendEntriesResponse';
  success: boolean;
  /** On success: the index of the last entry known to match the leader's log. */
  matchIndex: number;
  /** On rejection: hints for fast backtracking (§5.3, "optimization"). */
  conflictIndex?: number;
  conflictTerm?: number;
  /** On rejection: the prevLogIndex that did not match, so the leader can spot stale rejections. */
  rejectedIndex?: number;
  /** The `context` of the heartbeat being answered, if any. */
  context?: string;
}
export interface InstallSnapshot extends MessageBase {
  type: 'InstallSnapshot';
  lastIncludedIndex: number;
  lastIncludedTerm: number;
  snapshot: Snapshot;
}
export interface InstallSnapshotResponse extends MessageBase {
  type: 'InstallSnapshotResponse';
  /** The follower's log matches the leader's up to here (its commit index). */
  matchIndex: number;
}
/** Leadership transfer (thesis §3.10): the target starts an election at once. */
export interface TimeoutNow extends MessageBase {
  type: 'TimeoutNow';
}
/** A follower asks the leader for a read index on behalf of its client (thesis §6.4). */
export interface ReadIndex extends MessageBase {
  type: 'ReadIndex';
  requestId: string;
}
/** The leader's answer: reads may be served once the follower has applied `index`. */
export interface ReadIndexResponse extends MessageBase {
  type: 'ReadIndexResponse';
  requestId: string;
  index: number;
}

export type Message =
  | RequestVote
  | RequestVoteResponse
  | PreVote
  | PreVoteResponse
  | AppendEntries
  | AppendEntriesResponse
  | InstallSnapshot
  | InstallSnapshotResponse
  | TimeoutNow
  | ReadIndex
  | ReadIndexResponse;

export type MessageType = Message['type'];

/** Volatile state that the caller may want to observe; not persisted. */
export interface SoftState {
  role: Role;
  leader: NodeId;
}

/**
 * Everything the caller must do, collected as a value (etcd's `Ready`). The caller
 * handles the fields in this order, then calls `advance(rd)`:
 *   1. persist `hardState`, `snapshot` and `entries` (in that order);
 *   2. send `messages` — only after step 1, because a vote or an acknowledgement
 *      promises that the state behind it is durable (Figure 2);
 *   3. apply `committedEntries` to the state machine;
 *   4. call `advance(rd)`.
 * A `snapshot` replaces the state machine before any of `committedEntries` is applied.
 * `readStates` need no persisting: a read may be served once the state machine has
 * applied `index`. The lists are the caller's to read, not to modify (empty ones are
 * shared between Readies).
 */
export interface Ready {
  softState?: SoftState;
  hardState?: HardState;
  snapshot?: Snapshot;
  entries: Entry[];
  messages: Message[];
  committedEntries: Entry[];
  /** ReadIndex requests (thesis §6.4) that are now safe to serve, in request order. */
  readStates: ReadState[];
  /**
   * Set when the configuration changed since the last Ready (thesis §4.1: it takes
   * effect as soon as its config entry is appended, and reverts if that entry is
   * truncated). A change is committed once its entry shows up in `committedEntries`.
   */
  confState?: ConfState;
}

/** A confirmed read barrier: serve `requestId` after applying entry `index` (thesis §6.4). */
export interface ReadState {
  index: number;
  requestId: string;
}

export type ProgressState = 'probe' | 'replicate' | 'snapshot';

/** The leader's view of one follower (Figure 2: nextIndex[], matchIndex[]). */
export interface ProgressStatus {
  matchIndex: number;
  nextIndex: number;
  state: ProgressState;
  /** True while the leader waits for a response before sending more (probe) or the window is full. */
  paused: boolean;
  /** Heard from since the last check-quorum round. */
  recentActive: boolean;
}

/** The scalar part of `Status`, without copies of the configuration and the progress (etcd's BasicStatus). */
export interface BasicStatus {
  id: NodeId;
  role: Role;
  term: number;
  vote: NodeId;
  leader: NodeId;
  commit: number;
  applied: number;
  lastIndex: number;
  lastTerm: number;
  /** Index of the first entry still in the log (snapshot index + 1). */
  firstIndex: number;
  electionElapsed: number;
  randomizedElectionTimeout: number;
  /** Leader only: the target of a leadership transfer in progress, or NONE (thesis §3.10). */
  leadTransferee: NodeId;
  /**
   * Whether this server is a voter in its own configuration, the latest in its log
   * (thesis §4.1): false for a server removed, or added and not yet told it is a member.
   */
  voter: boolean;
}

export interface Status extends BasicStatus {
  confState: ConfState;
  /** Leader only: progress per peer (including itself). */
  progress: Record<NodeId, ProgressStatus>;
}

export interface Config {
  id: NodeId;
  /** Initial voters, used when storage holds no configuration (a brand-new cluster). */
  voters?: NodeId[];
  learners?: NodeId[];
  /** Ticks a follower waits without hearing from a leader; randomised in [electionTick, 2*electionTick) (§5.2). */
  electionTick: number;
  /** Ticks between leader heartbeats; must be < electionTick. */
  heartbeatTick: number;
  preVote?: boolean;
  checkQuorum?: boolean;
  /** Injected random source in [0, 1). The core never touches Math.random. */
  random: () => number;
  /** Index of the last entry already applied (restart). Defaults to the snapshot index. */
  applied?: number;
  /** Flow control: most entries in one AppendEntries. */
  maxEntriesPerMessage?: number;
  /** Flow control: most AppendEntries in flight to one follower in replicate state. */
  maxInflight?: number;
  /**
   * Flow control: most uncommitted entries a leader holds; proposals beyond it are
   * 'dropped', so a leader cut off from its quorum cannot grow its log without bound.
   * Unlimited by default.
   */
  maxUncommittedEntries?: number;
  /**
   * How ReadIndex confirms leadership (thesis §6.4): 'safe' (default) with a round of
   * heartbeats; 'lease' trusts the election timeout instead (§6.4.1) and requires
   * checkQuorum, because only check-quorum makes a deposed leader stop serving.
   */
  readOnly?: ReadOnlyOption;
  /**
   * Known Raft mistakes to re-introduce, for teaching and for proving the checkers can
   * fail. Never set in a cluster meant to be correct.
   */
  bugs?: readonly RaftBug[];
}

export type ReadOnlyOption = 'safe' | 'lease';

/** The mistakes `Config.bugs` can switch on inside the core. */
export type RaftBug = 'figure8-commit' | 'vote-without-log-check' | 'truncate-on-stale-append';

/** Typed error for a refused proposal. */
export type ProposeError = 'not-leader' | 'transferring' | 'dropped';

export type ProposeResult<E extends string = ProposeError> =
  { ok: true; index: number; term: number } | { ok: false; error: E };

/**
 * A single-server membership change (thesis §4.1). Promoting a learner is `addVoter`
 * of that learner; `addLearner` of a voter demotes it.
 */
export interface ConfChange {
  type: 'addVoter' | 'addLearner' | 'removeNode';
  node: NodeId;
}

/**
 * Why a membership change was refused: another change is still uncommitted
 * ('conf-change-pending'), the leader has not yet committed an entry of its term
 * ('term-not-committed'), the change would do nothing ('no-op') or leave no voter
 * ('last-voter'), or the node id is not a positive integer ('invalid-node').
 */
export type ConfChangeError =
  'conf-change-pending' | 'term-not-committed' | 'no-op' | 'last-voter' | 'invalid-node';

/** Typed error for a read request that was dropped: no leader is known to forward it to. */
export type ReadIndexError = 'no-leader';

export type ReadIndexResult = { ok: true } | { ok: false; error: ReadIndexError };

/** Typed error for a refused leadership transfer. */
export type TransferError = 'not-leader' | 'not-a-voter';

export type TransferResult = { ok: true } | { ok: false; error: TransferError };
