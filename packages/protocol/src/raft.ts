/** Schemas of the Raft core's plain data, mirroring `@raftlab/raft` types (checked both ways in sim_types.test.ts). */
import { Type, type Static } from 'typebox';

export const NodeIdSchema = Type.Integer({ minimum: 1, maximum: 1_000 });

export const EntrySchema = Type.Object({
  index: Type.Integer(),
  term: Type.Integer(),
  kind: Type.Union([Type.Literal('command'), Type.Literal('noop'), Type.Literal('config')]),
  data: Type.String(),
});
export type Entry = Static<typeof EntrySchema>;

export const RoleSchema = Type.Union([
  Type.Literal('follower'),
  Type.Literal('precandidate'),
  Type.Literal('candidate'),
  Type.Literal('leader'),
]);
export type Role = Static<typeof RoleSchema>;

export const ConfStateSchema = Type.Object({
  voters: Type.Array(Type.Integer()),
  learners: Type.Array(Type.Integer()),
});

/** A state-machine image with the log position and membership it covers (§7). */
export const SnapshotSchema = Type.Object({
  metadata: Type.Object({ index: Type.Integer(), term: Type.Integer(), confState: ConfStateSchema }),
  /** Opaque state-machine image. */
  data: Type.String(),
});

const base = { from: Type.Integer(), to: Type.Integer(), term: Type.Integer() };
const voteRequest = { lastLogIndex: Type.Integer(), lastLogTerm: Type.Integer() };

export const MessageSchema = Type.Union([
  Type.Object({
    type: Type.Literal('RequestVote'),
    ...base,
    ...voteRequest,
    transfer: Type.Optional(Type.Boolean()),
  }),
  Type.Object({ type: Type.Literal('RequestVoteResponse'), ...base, voteGranted: Type.Boolean() }),
  Type.Object({ type: Type.Literal('PreVote'), ...base, ...voteRequest }),
  Type.Object({ type: Type.Literal('PreVoteResponse'), ...base, voteGranted: Type.Boolean() }),
  Type.Object({
    type: Type.Literal('AppendEntries'),
    ...base,
    prevLogIndex: Type.Integer(),
    prevLogTerm: Type.Integer(),
    entries: Type.Array(EntrySchema),
    leaderCommit: Type.Integer(),
    context: Type.Optional(Type.String()),
  }),
  Type.Object({
    type: Type.Literal('AppendEntriesResponse'),
    ...base,
    success: Type.Boolean(),
    matchIndex: Type.Integer(),
    conflictIndex: Type.Optional(Type.Integer()),
    conflictTerm: Type.Optional(Type.Integer()),
    rejectedIndex: Type.Optional(Type.Integer()),
    context: Type.Optional(Type.String()),
  }),
  Type.Object({
    type: Type.Literal('InstallSnapshot'),
    ...base,
    lastIncludedIndex: Type.Integer(),
    lastIncludedTerm: Type.Integer(),
    snapshot: SnapshotSchema,
  }),
  Type.Object({ type: Type.Literal('InstallSnapshotResponse'), ...base, matchIndex: Type.Integer() }),
  Type.Object({ type: Type.Literal('TimeoutNow'), ...base }),
  Type.Object({ type: Type.Literal('ReadIndex'), ...base, requestId: Type.String() }),
  Type.Object({
    type: Type.Literal('ReadIndexResponse'),
    ...base,
    requestId: Type.String(),
    index: Type.Integer(),
  }),
]);
export type Message = Static<typeof MessageSchema>;
export type MessageType = Message['type'];

export const ProgressSchema = Type.Object({
  matchIndex: Type.Integer(),
  nextIndex: Type.Integer(),
  state: Type.Union([Type.Literal('probe'), Type.Literal('replicate'), Type.Literal('snapshot')]),
  paused: Type.Boolean(),
  recentActive: Type.Boolean(),
});
export type Progress = Static<typeof ProgressSchema>;
