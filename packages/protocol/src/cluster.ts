/** Schemas of the simulator's observable data: node state, events, the cluster view, the history. */
import { Type, type Static } from 'typebox';
import {
  BUG_LAYERS,
  BUG_NAMES,
  FAIL_REASONS,
  INVARIANT_NAMES,
  READ_CONSISTENCIES,
} from '@raftlab/sim/catalogue';
import { literalUnion } from './catalogue';
import { LIMITS } from './limits';
import { EntrySchema, MessageSchema, ProgressSchema, RoleSchema } from './raft';

/** How a read is served (thesis §6.4): ReadIndex, a leader's lease (§6.4.1), or one node's local state. */
export const ReadConsistencySchema = literalUnion(READ_CONSISTENCIES);
export type ReadConsistency = Static<typeof ReadConsistencySchema>;

export const KvOpSchema = Type.Union([
  Type.Object({ type: Type.Literal('put'), key: Type.String(), value: Type.String() }),
  Type.Object({
    type: Type.Literal('get'),
    key: Type.String(),
    consistency: ReadConsistencySchema,
    node: Type.Optional(Type.Integer()),
  }),
  Type.Object({ type: Type.Literal('delete'), key: Type.String() }),
  Type.Object({
    type: Type.Literal('cas'),
    key: Type.String(),
    expected: Type.Union([Type.String(), Type.Null()]),
    value: Type.String(),
  }),
]);
export type KvOp = Static<typeof KvOpSchema>;

export const KvResultSchema = Type.Object({
  value: Type.Union([Type.String(), Type.Null()]),
  index: Type.Integer(),
  term: Type.Integer(),
  node: Type.Integer(),
  swapped: Type.Optional(Type.Boolean()),
});
export type KvResult = Static<typeof KvResultSchema>;

export const ClientStatusSchema = Type.Union([
  Type.Literal('ok'),
  Type.Literal('fail'),
  Type.Literal('unknown'),
]);

/** Why an operation failed (status `fail`: it certainly did not take effect). */
export const FailReasonSchema = literalUnion(FAIL_REASONS);

export const NodeStateSchema = Type.Object({
  id: Type.Integer(),
  up: Type.Boolean(),
  role: RoleSchema,
  term: Type.Integer(),
  vote: Type.Integer(),
  leader: Type.Integer(),
  commit: Type.Integer(),
  applied: Type.Integer(),
  lastIndex: Type.Integer(),
  /** Last index covered by the node's snapshot (0: none). */
  snapshotIndex: Type.Integer(),
  /** Whether the node is a voter in its own configuration (thesis §4.1): false once removed, or while joining. */
  voter: Type.Boolean(),
  timerStart: Type.Union([Type.Number(), Type.Null()]),
  timerEnd: Type.Union([Type.Number(), Type.Null()]),
  progress: Type.Union([Type.Record(Type.Integer(), ProgressSchema), Type.Null()]),
});
export type NodeState = Static<typeof NodeStateSchema>;

export const MessageInFlightSchema = Type.Object({
  id: Type.Integer(),
  sentAt: Type.Number(),
  deliverAt: Type.Number(),
  msg: MessageSchema,
});
export type MessageInFlight = Static<typeof MessageInFlightSchema>;

const at = { t: Type.Number(), seq: Type.Integer() };

export const LatencyRangeSchema = Type.Object(
  {
    minUs: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    maxUs: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  },
  { additionalProperties: false },
);

export const LinkQualitySchema = Type.Object({
  loss: Type.Number({ minimum: 0, maximum: 1 }),
  duplicate: Type.Number({ minimum: 0, maximum: 1 }),
  latency: Type.Union([LatencyRangeSchema, Type.Null()]),
});
export type LinkQuality = Static<typeof LinkQualitySchema>;

export const ViolationSchema = Type.Object({
  invariant: literalUnion(INVARIANT_NAMES),
  message: Type.String(),
  nodes: Type.Array(Type.Integer()),
  index: Type.Optional(Type.Integer()),
  term: Type.Optional(Type.Integer()),
});
export type Violation = Static<typeof ViolationSchema>;

export const SimEventSchema = Type.Union([
  Type.Object({ type: Type.Literal('message-sent'), ...at, message: MessageInFlightSchema }),
  Type.Object({ type: Type.Literal('message-delivered'), ...at, id: Type.Integer() }),
  Type.Object({
    type: Type.Literal('message-dropped'),
    ...at,
    id: Type.Integer(),
    reason: Type.Union([
      Type.Literal('link-down'),
      Type.Literal('node-down'),
      Type.Literal('loss'),
      Type.Literal('manual'),
    ]),
  }),
  Type.Object({
    type: Type.Literal('message-delayed'),
    ...at,
    id: Type.Integer(),
    deliverAt: Type.Number(),
  }),
  Type.Object({ type: Type.Literal('node-state'), ...at, node: NodeStateSchema }),
  Type.Object({
    type: Type.Literal('log-appended'),
    ...at,
    node: Type.Integer(),
    entries: Type.Array(EntrySchema),
  }),
  Type.Object({
    type: Type.Literal('log-truncated'),
    ...at,
    node: Type.Integer(),
    fromIndex: Type.Integer(),
    term: Type.Integer(),
  }),
  Type.Object({ type: Type.Literal('node-crashed'), ...at, node: Type.Integer() }),
  Type.Object({ type: Type.Literal('node-restarted'), ...at, node: Type.Integer() }),
  Type.Object({
    type: Type.Literal('snapshot-taken'),
    ...at,
    node: Type.Integer(),
    index: Type.Integer(),
    term: Type.Integer(),
  }),
  Type.Object({
    type: Type.Literal('snapshot-installed'),
    ...at,
    node: Type.Integer(),
    index: Type.Integer(),
    term: Type.Integer(),
  }),
  Type.Object({ type: Type.Literal('node-added'), ...at, node: Type.Integer() }),
  Type.Object({
    type: Type.Literal('link-changed'),
    ...at,
    from: Type.Integer(),
    to: Type.Integer(),
    up: Type.Boolean(),
  }),
  Type.Object({
    type: Type.Literal('client-invoked'),
    ...at,
    opId: Type.Integer(),
    clientId: Type.Integer(),
    op: KvOpSchema,
  }),
  Type.Object({
    type: Type.Literal('client-attempt'),
    ...at,
    opId: Type.Integer(),
    attempt: Type.Integer(),
    node: Type.Integer(),
  }),
  Type.Object({
    type: Type.Literal('client-proposed'),
    ...at,
    opId: Type.Integer(),
    node: Type.Integer(),
    index: Type.Integer(),
    term: Type.Integer(),
  }),
  Type.Object({
    type: Type.Literal('link-quality-changed'),
    ...at,
    from: Type.Integer(),
    to: Type.Integer(),
    quality: LinkQualitySchema,
  }),
  Type.Object({ type: Type.Literal('invariant-violated'), ...at, violation: ViolationSchema }),
  Type.Object({
    type: Type.Literal('client-completed'),
    ...at,
    opId: Type.Integer(),
    status: ClientStatusSchema,
    result: Type.Optional(KvResultSchema),
    reason: Type.Optional(FailReasonSchema),
  }),
]);
export type SimEvent = Static<typeof SimEventSchema>;

/** The bug switches of `@raftlab/sim` (its catalogue, bugs.ts), by name. */
export const BugNameSchema = literalUnion(BUG_NAMES);
export type BugName = Static<typeof BugNameSchema>;

/** One switch as `GET /api/bugs` lists it. */
export const BugInfoSchema = Type.Object({
  name: BugNameSchema,
  layer: literalUnion(BUG_LAYERS),
  description: Type.String(),
  /** How to see it go wrong on the dashboard, naming its controls as they are labelled. */
  trigger: Type.String(),
  /** What catches it: the safety properties it breaks (their ids) and whether the history's check fails. */
  caughtBy: Type.Object({
    invariants: Type.Array(literalUnion(INVARIANT_NAMES)),
    linearizability: Type.Boolean(),
  }),
  /** Cluster options the recipe needs (the Bug lab creates its cluster with them). */
  setup: Type.Optional(
    Type.Object({
      maxEntriesPerMessage: Type.Optional(Type.Integer({ minimum: 1 })),
      checkQuorum: Type.Optional(Type.Boolean()),
    }),
  ),
});
export type BugInfo = Static<typeof BugInfoSchema>;

/** `GET /api/bugs`: every switch, in the catalogue's order. */
export const BugListSchema = Type.Object({ bugs: Type.Array(BugInfoSchema) });
export type BugList = Static<typeof BugListSchema>;

/**
 * A cluster's configuration, as a trace carries it. Closed: an unknown field would be kept
 * and sent in every snapshot (issue 16), so it is refused.
 */
export const SimConfigSchema = Type.Object(
  {
    nodes: Type.Integer({ minimum: LIMITS.minNodes, maximum: LIMITS.maxNodes }),
    seed: Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 }),
    tickUs: Type.Integer({ minimum: 1000, maximum: 1_000_000 }),
    electionTick: Type.Integer({ minimum: 2, maximum: 1000 }),
    heartbeatTick: Type.Integer({ minimum: 1, maximum: 500 }),
    preVote: Type.Boolean(),
    checkQuorum: Type.Boolean(),
    latency: LatencyRangeSchema,
    clientAttemptTimeoutUs: Type.Integer({ minimum: 1000, maximum: 100_000_000 }),
    clientTimeoutUs: Type.Integer({ minimum: 1000, maximum: 1_000_000_000 }),
    bugs: Type.Array(BugNameSchema, { maxItems: BUG_NAMES.length, uniqueItems: true }),
    maxEntriesPerMessage: Type.Integer({ minimum: 1, maximum: 10_000 }),
    /** Applied entries between two snapshots of a node (paper §7); 0 disables snapshots. */
    snapshotEvery: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type SimConfig = Static<typeof SimConfigSchema>;

const KvTableSchema = Type.Record(Type.String(), Type.String());
/** [client id, seq of its last executed command] per client session, ascending. */
const SessionsSchema = Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]));

export const NodeViewSchema = Type.Intersect([
  NodeStateSchema,
  Type.Object({
    log: Type.Array(EntrySchema),
    kv: KvTableSchema,
    /**
     * [client id, last executed seq] of the sessions that can still meet a retried
     * command (thesis §6.3): with `kv` and `log`, enough to apply the node's later
     * entries exactly as the node will.
     */
    sessions: SessionsSchema,
    /** The same of the node's latest snapshot (§7): what a restart loads (empty: none). */
    snapshotState: Type.Object({ kv: KvTableSchema, sessions: SessionsSchema }),
  }),
]);
export type NodeView = Static<typeof NodeViewSchema>;

export const ClusterViewSchema = Type.Object({
  now: Type.Number(),
  config: SimConfigSchema,
  nodes: Type.Array(NodeViewSchema),
  linksDown: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
  messages: Type.Array(MessageInFlightSchema),
  linkQualities: Type.Array(
    Type.Object({ from: Type.Integer(), to: Type.Integer(), quality: LinkQualitySchema }),
  ),
  violations: Type.Array(ViolationSchema),
});
export type ClusterView = Static<typeof ClusterViewSchema>;

export const HistoryOpSchema = Type.Object({
  opId: Type.Integer(),
  clientId: Type.Integer(),
  op: KvOpSchema,
  invokedAt: Type.Number(),
  completedAt: Type.Union([Type.Number(), Type.Null()]),
  status: Type.Union([ClientStatusSchema, Type.Literal('pending')]),
  result: Type.Optional(KvResultSchema),
  /** Set when status is `fail`. */
  reason: Type.Optional(FailReasonSchema),
});
export type HistoryOp = Static<typeof HistoryOpSchema>;

/** A pending operation's current attempt and, for a write, the leader's proposal holding it. */
export const OpStageSchema = Type.Object({
  opId: Type.Integer(),
  attempt: Type.Integer(),
  node: Type.Integer(),
  proposed: Type.Union([
    Type.Object({ node: Type.Integer(), index: Type.Integer(), term: Type.Integer() }),
    Type.Null(),
  ]),
});
export type OpStageRecord = Static<typeof OpStageSchema>;

export const ClockSchema = Type.Object({
  /** Virtual time, microseconds. */
  now: Type.Number(),
  /**
   * Events processed so far: the number of the moment shown, and live, the end of the
   * cluster's timeline (moments 0..seq can be seen with `?at=`).
   */
  seq: Type.Integer({ minimum: 0 }),
  /** Virtual seconds per wall second. */
  speed: Type.Number(),
  paused: Type.Boolean(),
  /** Whether the clock pauses itself on a safety violation or a failed linearizability check. */
  pauseOnTrouble: Type.Optional(Type.Boolean()),
});
export type Clock = Static<typeof ClockSchema>;

/** What a timeline marker marks (see `MarkerSchema`). */
export const MarkerKindSchema = Type.Union([
  Type.Literal('leader'),
  Type.Literal('crash'),
  Type.Literal('restart'),
  Type.Literal('partition'),
  Type.Literal('heal'),
  Type.Literal('write'),
  Type.Literal('violation'),
  Type.Literal('nonlinearizable'),
]);
export type MarkerKind = Static<typeof MarkerKindSchema>;

/**
 * A moment worth finding again on the timeline: a leader elected (with its term), a
 * crash or restart, a partition or heal, a committed client write, a safety violation
 * or a failed linearizability check.
 */
export const MarkerSchema = Type.Object({
  /** The moment: right after this many events. */
  at: Type.Integer({ minimum: 0 }),
  /** Virtual time, µs. */
  t: Type.Number(),
  kind: MarkerKindSchema,
  /** One line for a tooltip, e.g. "Node 3 leader in term 4". */
  label: Type.String(),
  node: Type.Optional(Type.Integer()),
  term: Type.Optional(Type.Integer()),
});
export type Marker = Static<typeof MarkerSchema>;

/** Where a cluster came from: forked (or rewound away) from cluster `id` at moment `at`. */
export const LineageSchema = Type.Object({ id: Type.String(), at: Type.Integer({ minimum: 0 }) });
export type Lineage = Static<typeof LineageSchema>;
