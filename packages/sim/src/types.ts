/**
 * Public, plain-data types of the simulator: its configuration, the inputs that come
 * from outside, the events it emits, and the view of a cluster at one instant.
 * Everything is JSON-serialisable; times are integer microseconds of virtual time.
 */
import { FLOW_CONTROL_DEFAULTS } from '@raftlab/raft';
import type { ConfChange, Entry, Message, NodeId, ProgressStatus, Role } from '@raftlab/raft';
import type { BugName } from './bugs';
import type { Violation } from './invariants';

export interface LatencyRange {
  minUs: number;
  maxUs: number;
}

/** Why a message did not arrive: its link was cut, its destination was down, or the network lost it. */
/** Why a message never arrived: a cut link, a crashed node, a lossy link, or a person's hand. */
export type DropReason = 'link-down' | 'node-down' | 'loss' | 'manual';

/** How one directed link misbehaves (on top of being up or down). */
export interface LinkQuality {
  /** Probability that a message is lost, 0..1. */
  loss: number;
  /** Probability that a message is delivered twice (the copy with its own latency), 0..1. */
  duplicate: number;
  /** Overrides the cluster's latency on this link; wide ranges reorder messages. */
  latency: LatencyRange | null;
}

export const PERFECT_LINK: LinkQuality = { loss: 0, duplicate: 0, latency: null };

export interface SimConfig {
  /** Number of nodes, ids 1..nodes. */
  nodes: number;
  /** Seed of the one PRNG every random choice of the run is drawn from. */
  seed: number;
  /** Virtual microseconds per Raft tick. */
  tickUs: number;
  electionTick: number;
  heartbeatTick: number;
  preVote: boolean;
  checkQuorum: boolean;
  /** One-way message latency, drawn uniformly per message. */
  latency: LatencyRange;
  /** A client attempt that sees no answer within this time is retried elsewhere. */
  clientAttemptTimeoutUs: number;
  /** An operation not finished by then completes `unknown`. */
  clientTimeoutUs: number;
  /** Known Raft mistakes switched on for this run (see bugs.ts); empty for a correct cluster. */
  bugs: BugName[];
  /** Flow control: most entries in one AppendEntries (small values make Figure 8 reachable). */
  maxEntriesPerMessage: number;
  /**
   * Snapshot policy (paper §7): a node snapshots its state machine and compacts its log
   * once it has applied this many entries since its last snapshot; 0 disables it.
   */
  snapshotEvery: number;
}

/** Most nodes a cluster may grow to through membership changes. */
export const MAX_NODES = 9;

export const DEFAULT_SIM_CONFIG: SimConfig = {
  nodes: 5,
  seed: 1,
  tickUs: 10_000,
  // 150–300 ms election timeouts, as in the paper's §9.3 experiments.
  electionTick: 15,
  heartbeatTick: 5,
  preVote: true,
  checkQuorum: true,
  latency: { minUs: 15_000, maxUs: 25_000 },
  clientAttemptTimeoutUs: 400_000,
  clientTimeoutUs: 3_000_000,
  bugs: [],
  maxEntriesPerMessage: FLOW_CONTROL_DEFAULTS.maxEntriesPerMessage,
  snapshotEvery: 100,
};

/**
 * How a read is served (thesis §6.4): `linearizable` through ReadIndex, `lease` by a
 * leader whose check-quorum lease holds (§6.4.1; needs checkQuorum), `stale` from one
 * node's applied state (may be stale).
 */
export const READ_CONSISTENCIES = ['linearizable', 'lease', 'stale'] as const;
export type ReadConsistency = (typeof READ_CONSISTENCIES)[number];

/** A key-value operation as a client issues it. Values are strings. */
export type KvOp =
  | { type: 'put'; key: string; value: string }
  | { type: 'get'; key: string; consistency: ReadConsistency; node?: NodeId }
  | { type: 'delete'; key: string }
  /** Compare-and-swap: sets `value` only if the key holds `expected` (null: the key is absent). */
  | { type: 'cas'; key: string; expected: string | null; value: string };

export type ClientStatus = 'ok' | 'fail' | 'unknown';

export interface KvResult {
  /** put: the value written; get: the value read (null when absent); delete: null;
   *  cas: the key's value after the operation. */
  value: string | null;
  /** cas only: whether the swap happened. */
  swapped?: boolean;
  /** Log position of the operation (for `stale` reads: the serving node's applied index). */
  index: number;
  term: number;
  /** The node that answered. */
  node: NodeId;
}

/**
 * Why an operation failed (status `fail`: it certainly did not take effect):
 * 'no-leader', or 'lease-unavailable' (a lease read in a cluster without check-quorum).
 */
export const FAIL_REASONS = ['no-leader', 'lease-unavailable'] as const;
export type FailReason = (typeof FAIL_REASONS)[number];

export type InputBody =
  | { kind: 'crash'; node: NodeId }
  | { kind: 'restart'; node: NodeId }
  | { kind: 'timeout'; node: NodeId }
  /** A leader's heartbeat timeout fires now (nothing for another node). */
  | { kind: 'heartbeat'; node: NodeId }
  /** Set one directed link up or down. */
  | { kind: 'link'; from: NodeId; to: NodeId; up: boolean }
  /** Cut every link between different groups; nodes absent from all groups are isolated. */
  | { kind: 'partition'; groups: NodeId[][] }
  /** Heal also resets every link's quality to perfect. */
  | { kind: 'heal' }
  | { kind: 'link-quality'; from: NodeId; to: NodeId; quality: LinkQuality }
  | { kind: 'invoke'; opId: number; clientId: number; op: KvOp }
  /** Leadership transfer (thesis §3.10): leader `from` hands leadership to `to`. */
  | { kind: 'transfer'; from: NodeId; to: NodeId }
  /** The node snapshots its applied state now and compacts its log (paper §7). */
  | { kind: 'compact'; node: NodeId }
  /** Creates node n+1 (empty storage, no configuration) and proposes addVoter of it at the leader. */
  | { kind: 'add-node' }
  /** Proposes removing `node` from the configuration at the leader (thesis §4.1). */
  | { kind: 'remove-node'; node: NodeId }
  /** Proposes any single-server membership change at the leader (thesis §4.1). */
  | { kind: 'conf-change'; change: ConfChange }
  /**
   * A message in flight under a person's hand (message_control.ts): dropped, sent once
   * more (a new message with its own latency), delivered now, or delayed by `byUs`.
   */
  | { kind: 'message'; id: number; action: 'drop' | 'duplicate' | 'deliver' }
  | { kind: 'message'; id: number; action: 'delay'; byUs: number };

/**
 * An input from outside, stamped with the virtual time at which it takes effect and
 * with how many queue events had been processed then: inputs can land between two
 * events of the same virtual time (single-event stepping), and replay must hit that spot.
 */
export type Input = InputBody & { at: number; afterEvents: number };

/** A trace reproduces a run exactly: same config (incl. seed) + same inputs ⇒ same events. */
export interface Trace {
  version: 1;
  config: SimConfig;
  inputs: Input[];
  /**
   * Events the run had processed when the trace was taken; a replay runs on to there,
   * past the last input (where a fuzz seed's violation may lie). Absent: to the last input.
   */
  events?: number;
}

export interface MessageInFlight {
  id: number;
  sentAt: number;
  deliverAt: number;
  msg: Message;
}

/** Observable events, in the order they happened. `t` is the virtual time. */
export type SimEventBody =
  | { type: 'message-sent'; message: MessageInFlight }
  | { type: 'message-delivered'; id: number }
  | { type: 'message-dropped'; id: number; reason: DropReason }
  /** A message in flight will now arrive at `deliverAt` (delayed by hand). */
  | { type: 'message-delayed'; id: number; deliverAt: number }
  | { type: 'node-state'; node: NodeState }
  | { type: 'log-appended'; node: NodeId; entries: Entry[] }
  /** `term`: the node's current term when it truncated. */
  | { type: 'log-truncated'; node: NodeId; fromIndex: number; term: number }
  | { type: 'node-crashed'; node: NodeId }
  | { type: 'node-restarted'; node: NodeId }
  /** The node snapshotted its state machine at `index` and compacted its log up to it (§7). */
  | { type: 'snapshot-taken'; node: NodeId; index: number; term: number }
  /** The node replaced its log and state machine by a leader's snapshot (InstallSnapshot, §7). */
  | { type: 'snapshot-installed'; node: NodeId; index: number; term: number }
  /** A node joined the simulation (membership change); it is a member once its addVoter commits. */
  | { type: 'node-added'; node: NodeId }
  | { type: 'link-changed'; from: NodeId; to: NodeId; up: boolean }
  | { type: 'link-quality-changed'; from: NodeId; to: NodeId; quality: LinkQuality }
  | { type: 'client-invoked'; opId: number; clientId: number; op: KvOp }
  /** The client sent attempt `attempt` of the operation to `node` (first try, redirect or retry). */
  | { type: 'client-attempt'; opId: number; attempt: number; node: NodeId }
  /** Leader `node` appended the operation's command at `index` in `term`; it waits there to apply it. */
  | { type: 'client-proposed'; opId: number; node: NodeId; index: number; term: number }
  /** A safety property failed (see invariants.ts); the run goes on. */
  | { type: 'invariant-violated'; violation: Violation }
  | {
      type: 'client-completed';
      opId: number;
      status: ClientStatus;
      result?: KvResult;
      reason?: FailReason;
    };

export type SimEvent = SimEventBody & { t: number; seq: number };

/** A pending operation's current attempt and, for a write, the proposal holding it. */
export interface OpStage {
  opId: number;
  attempt: number;
  node: NodeId;
  proposed: { node: NodeId; index: number; term: number } | null;
}

/** The small, frequently changing state of one node (sent whenever any field changes). */
export interface NodeState {
  id: NodeId;
  up: boolean;
  role: Role;
  term: number;
  vote: NodeId;
  leader: NodeId;
  commit: number;
  applied: number;
  lastIndex: number;
  /** Last index covered by the node's snapshot (0: none); entries up to it are compacted. */
  snapshotIndex: number;
  /**
   * Whether the node is a voter in its own configuration, the latest in its log (thesis
   * §4.1): false once it is removed, or while a server just added has not heard of it.
   */
  voter: boolean;
  /** Virtual times the current election timer started and will fire; null for leaders and crashed nodes. */
  timerStart: number | null;
  timerEnd: number | null;
  /** Leader only: its view of each follower, keyed by node id. */
  progress: Record<NodeId, ProgressStatus> | null;
}

/** A whole cluster at one instant: what a new viewer starts from. */
export interface ClusterView {
  now: number;
  config: SimConfig;
  nodes: Array<
    NodeState & {
      log: Entry[];
      kv: Record<string, string>;
      /**
       * [client id, last executed seq] of the client sessions (thesis §6.3) that can still
       * meet a retried command (node_views.ts), ascending: with `kv` and `log`, what a
       * viewer needs to apply the node's later entries exactly as the node will.
       */
      sessions: Array<[number, number]>;
      /** The same of the node's latest snapshot (§7): what a restart loads (empty: none). */
      snapshotState: { kv: Record<string, string>; sessions: Array<[number, number]> };
    }
  >;
  /** Directed links that are down, as [from, to]. */
  linksDown: Array<[NodeId, NodeId]>;
  messages: MessageInFlight[];
  /** Links that lose, duplicate or delay messages differently from the cluster default. */
  linkQualities: Array<{ from: NodeId; to: NodeId; quality: LinkQuality }>;
  /** Safety violations found so far (the first 100). */
  violations: Violation[];
}

/** One client operation in the history (invocation + completion when known). */
export interface HistoryOp {
  opId: number;
  clientId: number;
  op: KvOp;
  invokedAt: number;
  completedAt: number | null;
  status: ClientStatus | 'pending';
  result?: KvResult;
  /** Set when status is `fail`. */
  reason?: FailReason;
}

/** How a simulation checks itself; unlike `SimConfig`, not part of the trace. */
export interface SimulationOptions {
  /**
   * Check every shortcut of the node-state reporter against the full comparison, and
   * throw on a disagreement (node_report.ts). Slower; tests turn it on.
   */
  verifyReports?: boolean;
}
