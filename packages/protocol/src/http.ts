/** Bodies, params and replies of the HTTP API (DESIGN.md, "apps/server"). */
import { Type, type Static } from 'typebox';
import { AccessSchema, OwnerSchema, OwnershipSchema } from './access';
import { BUG_NAMES } from './catalogue';
import { ErrorCodeSchema } from './errors';
import { LIMITS } from './limits';
import {
  ClockSchema,
  ClusterViewSchema,
  HistoryOpSchema,
  KvOpSchema,
  ReadConsistencySchema,
  BugNameSchema,
  LinkQualitySchema,
  LineageSchema,
  SimConfigSchema,
} from './cluster';

export const ErrorSchema = Type.Object({
  error: ErrorCodeSchema,
  message: Type.String({ description: 'What was wrong, for a person' }),
  retryAfterMs: Type.Optional(Type.Integer()),
  opId: Type.Optional(
    Type.Integer({
      description:
        "The client operation the request became, when it became one (a KV request that did not succeed): its final status is the history's",
    }),
  ),
});
export type ErrorBody = Static<typeof ErrorSchema>;

const nodeId = Type.Integer({ minimum: 1, maximum: LIMITS.maxNodes });
const partitionGroups = Type.Array(Type.Array(nodeId, { maxItems: LIMITS.maxNodes }), {
  maxItems: LIMITS.maxNodes,
});

export const InputSchema = Type.Intersect([
  Type.Object({ at: Type.Integer({ minimum: 0 }), afterEvents: Type.Integer({ minimum: 0 }) }),
  Type.Union([
    Type.Object({ kind: Type.Literal('crash'), node: nodeId }),
    Type.Object({ kind: Type.Literal('restart'), node: nodeId }),
    Type.Object({ kind: Type.Literal('timeout'), node: nodeId }),
    Type.Object({ kind: Type.Literal('heartbeat'), node: nodeId }),
    Type.Object({ kind: Type.Literal('link'), from: nodeId, to: nodeId, up: Type.Boolean() }),
    Type.Object({ kind: Type.Literal('partition'), groups: partitionGroups }),
    Type.Object({ kind: Type.Literal('heal') }),
    Type.Object({ kind: Type.Literal('link-quality'), from: nodeId, to: nodeId, quality: LinkQualitySchema }),
    Type.Object({
      kind: Type.Literal('invoke'),
      opId: Type.Integer({ minimum: 0 }),
      clientId: Type.Integer({ minimum: 0 }),
      op: KvOpSchema,
    }),
    Type.Object({ kind: Type.Literal('transfer'), from: nodeId, to: nodeId }),
    Type.Object({ kind: Type.Literal('compact'), node: nodeId }),
    Type.Object({ kind: Type.Literal('add-node') }),
    Type.Object({ kind: Type.Literal('remove-node'), node: nodeId }),
    Type.Object({
      kind: Type.Literal('conf-change'),
      change: Type.Object({
        type: Type.Union([Type.Literal('addVoter'), Type.Literal('addLearner'), Type.Literal('removeNode')]),
        node: nodeId,
      }),
    }),
    Type.Object({
      kind: Type.Literal('message'),
      id: Type.Integer({ minimum: 0 }),
      action: Type.Union([Type.Literal('drop'), Type.Literal('duplicate'), Type.Literal('deliver')]),
    }),
    Type.Object({
      kind: Type.Literal('message'),
      id: Type.Integer({ minimum: 0 }),
      action: Type.Literal('delay'),
      byUs: Type.Integer({ minimum: 1, maximum: LIMITS.maxMessageDelayMs * 1000 }),
    }),
  ]),
]);

/** POST .../messages/:message/delay: how much later the message arrives. */
export const DelayBodySchema = Type.Object(
  { ms: Type.Number({ exclusiveMinimum: 0, maximum: LIMITS.maxMessageDelayMs }) },
  { additionalProperties: false },
);
export type DelayBody = Static<typeof DelayBodySchema>;

export const MessageParams = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9]{1,32}$' }),
  message: Type.String({ pattern: '^(0|[1-9][0-9]{0,14})$', description: 'a message id' }),
});

export const MessageActionParams = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9]{1,32}$' }),
  message: Type.String({ pattern: '^(0|[1-9][0-9]{0,14})$', description: 'a message id' }),
  action: Type.Union([Type.Literal('drop'), Type.Literal('duplicate'), Type.Literal('deliver')]),
});

/** A moment of a timeline: the number of events processed. */
const atSeq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
/** The same in a query string (not coerced: see nodeIdString). */
const atString = Type.String({
  pattern: '^(0|[1-9][0-9]{0,14})$',
  description: 'a moment: events processed',
});

export const TraceSchema = Type.Object(
  {
    version: Type.Literal(1),
    config: SimConfigSchema,
    inputs: Type.Array(InputSchema, { maxItems: LIMITS.maxTraceInputs }),
    /** Events processed when the trace was taken: a replay runs on to there (absent: to the last input). */
    events: Type.Optional(Type.Integer({ minimum: 0, maximum: LIMITS.maxTraceEvents })),
  },
  { additionalProperties: false },
);
export type Trace = Static<typeof TraceSchema>;

/** A latency range as the API takes it, in milliseconds (the simulator counts microseconds). */
export const LatencyMsSchema = Type.Object(
  {
    min: Type.Number({ minimum: 0, maximum: 10_000 }),
    max: Type.Number({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
export type LatencyMs = Static<typeof LatencyMsSchema>;

export const ClusterOptionsSchema = Type.Object(
  {
    speed: Type.Optional(Type.Number({ minimum: LIMITS.minSpeed, maximum: LIMITS.maxSpeed })),
    paused: Type.Optional(Type.Boolean()),
    preVote: Type.Optional(Type.Boolean()),
    checkQuorum: Type.Optional(Type.Boolean()),
    electionTick: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000 })),
    heartbeatTick: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    /** Applied entries between two snapshots of a node (paper §7); 0 disables snapshots. Default 100. */
    snapshotEvery: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    /** Entries an AppendEntries carries at most (flow control). Default 64. */
    maxEntriesPerMessage: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    /** Known Raft mistakes to switch on (see GET /api/bugs); the dashboard marks such a cluster. */
    bugs: Type.Optional(Type.Array(BugNameSchema, { maxItems: BUG_NAMES.length, uniqueItems: true })),
    latencyMs: Type.Optional(LatencyMsSchema),
  },
  { additionalProperties: false },
);
export type ClusterOptions = Static<typeof ClusterOptionsSchema>;

export const CreateClusterSchema = Type.Union([
  Type.Object(
    {
      nodes: Type.Optional(Type.Integer({ minimum: LIMITS.minNodes, maximum: LIMITS.maxNodes })),
      seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 })),
      options: Type.Optional(ClusterOptionsSchema),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { trace: TraceSchema, options: Type.Optional(ClusterOptionsSchema) },
    { additionalProperties: false },
  ),
  /** A new cluster at moment `at` of cluster `from`, paused; `from` stays as it is. */
  Type.Object(
    {
      fork: Type.Object(
        { from: Type.String({ pattern: '^[a-z0-9]{1,32}$' }), at: atSeq },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
]);
export type CreateClusterBody = Static<typeof CreateClusterSchema>;

export const ClusterStateSchema = Type.Object({
  id: Type.String(),
  clock: ClockSchema,
  view: ClusterViewSchema,
  /** Where this cluster was forked or rewound away from, if it was. */
  parent: Type.Optional(LineageSchema),
  /** The clusters forked or rewound away from this one, and the moment each left. */
  branches: Type.Optional(Type.Array(LineageSchema)),
  /** What the caller may do, judged by the token it sent (access.ts). */
  access: AccessSchema,
});
export type ClusterState = Static<typeof ClusterStateSchema>;

/** `201` of `POST /api/clusters`: the state, and the owner's token and links (answered only here). */
export const CreatedClusterSchema = Type.Object({
  ...ClusterStateSchema.properties,
  ...OwnershipSchema.properties,
});
export type CreatedCluster = Static<typeof CreatedClusterSchema>;

export const ClusterIdParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9]{1,32}$' }) });
/** Path and query strings are not coerced (bodies must not be either), so numbers in them are patterns. */
const nodeIdString = Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'a node id, 1..999' });

export const NodeParams = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9]{1,32}$' }),
  node: nodeIdString,
});
export const KeyParams = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9]{1,32}$' }),
  key: Type.String({ minLength: 1, maxLength: LIMITS.maxKeyLength }),
});

export const ReadQuerySchema = Type.Object(
  {
    consistency: Type.Optional(ReadConsistencySchema),
    node: Type.Optional(nodeIdString),
  },
  { additionalProperties: false },
);
export type ReadQuery = Static<typeof ReadQuerySchema>;

export const PutBodySchema = Type.Object(
  { value: Type.String({ maxLength: LIMITS.maxValueLength }) },
  { additionalProperties: false },
);
export type PutBody = Static<typeof PutBodySchema>;

export const KvReplySchema = Type.Object({
  key: Type.String(),
  /** The client operation this request became, as the history (GET .../history) lists it. */
  opId: Type.Integer(),
  value: Type.Union([Type.String(), Type.Null()]),
  index: Type.Integer(),
  term: Type.Integer(),
  node: Type.Integer(),
  consistency: Type.Optional(Type.String()),
});
export type KvReply = Static<typeof KvReplySchema>;

export const NetworkBodySchema = Type.Union([
  Type.Object({ partitions: partitionGroups }, { additionalProperties: false }),
  Type.Object(
    {
      links: Type.Array(
        Type.Object(
          {
            from: nodeId,
            to: nodeId,
            up: Type.Optional(Type.Boolean()),
            /** Probability that a message on this link is lost. */
            loss: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
            /** Probability that a message on this link is delivered twice. */
            duplicate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
            /** This link's latency; null restores the cluster's default. */
            latencyMs: Type.Optional(Type.Union([LatencyMsSchema, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        { maxItems: LIMITS.maxNodes * LIMITS.maxNodes },
      ),
    },
    { additionalProperties: false },
  ),
]);
export type NetworkBody = Static<typeof NetworkBodySchema>;

/** `?at=SEQ`: the moment right after event SEQ (see packages/sim/src/timeline.ts). */
export const AtQuerySchema = Type.Object({ at: Type.Optional(atString) }, { additionalProperties: false });
export type AtQuery = Static<typeof AtQuerySchema>;

/** POST /rewind: the cluster goes back to moment `at`, paused; its future becomes a branch. */
export const RewindBodySchema = Type.Object(
  {
    at: atSeq,
    /**
     * Keep the replaced future as a branch cluster (the default: no click loses a run);
     * false drops it, for a lesson going back a step (its future replays exactly).
     */
    keep: Type.Optional(Type.Boolean()),
    /** Apply only the run's first `inputs` inputs: a moment between inputs given at event `at`. */
    inputs: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type RewindBody = Static<typeof RewindBodySchema>;

export const RewindReplySchema = Type.Object({
  clock: ClockSchema,
  /** The cluster that holds the replaced future (paused, its parent this cluster); absent with `keep: false`. */
  branch: Type.Optional(LineageSchema),
  /**
   * The branch's owner link, answered to the owner only: a branch is its cluster's other
   * future, owned by the same token (someone acting under open control is not given it).
   */
  branchOwner: Type.Optional(OwnerSchema),
});
export type RewindReply = Static<typeof RewindReplySchema>;

/** GET /diverge?with=ID: the first moment at which two clusters' runs differ. */
export const DivergeQuerySchema = Type.Object(
  { with: Type.String({ pattern: '^[a-z0-9]{1,32}$' }) },
  { additionalProperties: false },
);
export const DivergeReplySchema = Type.Object({
  /** null when one run is the start of the other (they never differ where both have run). */
  at: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
export type DivergeReply = Static<typeof DivergeReplySchema>;

/** POST /clock/advance: virtual time runs `ms` forward at once (bounded: LIMITS.maxAdvanceMs). */
export const AdvanceBodySchema = Type.Object(
  { ms: Type.Number({ exclusiveMinimum: 0, maximum: LIMITS.maxAdvanceMs }) },
  { additionalProperties: false },
);
export type AdvanceBody = Static<typeof AdvanceBodySchema>;

export const ClockBodySchema = Type.Object(
  {
    speed: Type.Optional(Type.Number({ minimum: LIMITS.minSpeed, maximum: LIMITS.maxSpeed })),
    paused: Type.Optional(Type.Boolean()),
    /** Pause the clock on a safety violation or a failed linearizability check (default true). */
    pauseOnTrouble: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ClockBody = Static<typeof ClockBodySchema>;

export const CasBodySchema = Type.Object(
  {
    /** The value the key must hold for the swap to happen; null means "the key is absent". */
    expected: Type.Union([Type.String({ maxLength: LIMITS.maxValueLength }), Type.Null()]),
    value: Type.String({ maxLength: LIMITS.maxValueLength }),
  },
  { additionalProperties: false },
);
export type CasBody = Static<typeof CasBodySchema>;

export const CasReplySchema = Type.Object({
  key: Type.String(),
  /** The client operation this request became, as the history lists it. */
  opId: Type.Integer(),
  swapped: Type.Boolean(),
  /** The key's value after the operation (null: absent). */
  value: Type.Union([Type.String(), Type.Null()]),
  index: Type.Integer(),
  term: Type.Integer(),
  node: Type.Integer(),
});
export type CasReply = Static<typeof CasReplySchema>;

/** The linearizability checker's verdict on a cluster's client history. */
export const VerdictSchema = Type.Object({
  /** `unknown`: the search budget ran out before a proof either way. */
  status: Type.Union([
    Type.Literal('linearizable'),
    Type.Literal('not-linearizable'),
    Type.Literal('unknown'),
  ]),
  /** Operations the checker looked at (failed operations and stale reads are left out). */
  checkedOps: Type.Integer(),
  /** What the verdict means, for a person; for a violation, the checker's explanation. */
  message: Type.String(),
  key: Type.Optional(Type.String()),
  /** The operation that cannot be placed, and the longest linearizable prefix before it. */
  failedOpId: Type.Optional(Type.Integer()),
  prefixOpIds: Type.Optional(Type.Array(Type.Integer())),
});
export type Verdict = Static<typeof VerdictSchema>;

/**
 * `GET /api/clusters/:id/history?ops=all|pending`: the verdict on the whole history, with
 * every operation (`all`, the default) or only the pending ones (`pending`, for a page
 * that re-checks often and draws the operations from its stream). `total` and `maxOpId`
 * describe the whole history either way. With `at=SEQ`, the history as it was at that moment.
 */
export const HistoryQuery = Type.Object(
  {
    ops: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('pending')])),
    at: Type.Optional(atString),
  },
  { additionalProperties: false },
);
export const HistoryReplySchema = Type.Object({
  ops: Type.Array(HistoryOpSchema),
  verdict: VerdictSchema,
  /** Operations in the whole history. */
  total: Type.Integer(),
  /** The highest opId in the whole history (0 when empty). */
  maxOpId: Type.Integer(),
});
export type HistoryReply = Static<typeof HistoryReplySchema>;

/** `POST /api/clusters/:id/nodes`: the id of the node that was created and proposed as a voter. */
export const AddNodeReplySchema = Type.Object({ node: Type.Integer() });
export type AddNodeReply = Static<typeof AddNodeReplySchema>;

export const OkSchema = Type.Object({ ok: Type.Literal(true) });
export { KvOpSchema };
