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
}
export interface InstallSnapshot extends MessageBase {
  type: 'InstallSnapshot';
  lastIncludedIndex: number;
  lastIncludedTerm: number;
  snapshot: Snapshot;
}
export interface InstallSnapshotResponse extends MessageBase {
  type: 'InstallSnapshotResponse';
  matchIndex: number;
}
export interface TimeoutNow extends MessageBase {
  type: 'TimeoutNow';
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
  | TimeoutNow;

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
 */
export interface Ready {
  softState?: SoftState;
  hardState?: HardState;
  snapshot?: Snapshot;
  entries: Entry[];
  messages: Message[];
  committedEntries: Entry[];
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

export interface Status {
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
}

/** Typed error for a refused proposal. */
export type ProposeError = 'not-leader' | 'transferring' | 'dropped';

export type ProposeResult = { ok: true; index: number; term: number } | { ok: false; error: ProposeError };
