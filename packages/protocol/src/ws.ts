/**
 * WebSocket frames of `GET /api/clusters/:id/stream`. The server sends one `snapshot`,
 * then `events` batches (at most LIMITS.maxFramesPerSecond a second). A viewer that
 * falls behind is sent a fresh `snapshot` instead of the events it missed.
 */
import { Type, type Static } from 'typebox';
import { ClockSchema, ClusterViewSchema, HistoryOpSchema, OpStageSchema, SimEventSchema } from './cluster';
import { ErrorCodeSchema } from './errors';

export const SnapshotFrameSchema = Type.Object({
  type: Type.Literal('snapshot'),
  clusterId: Type.String(),
  clock: ClockSchema,
  view: ClusterViewSchema,
  history: Type.Array(HistoryOpSchema),
  /**
   * Where each pending operation is now, as the `client-attempt` and `client-proposed`
   * events would have told a viewer that watched from the start.
   */
  stages: Type.Optional(Type.Array(OpStageSchema)),
});
/**
 * Heartbeat round trips (an empty AppendEntries and its successful answer) that began and
 * ended between two frames. The server leaves them out of `events` and counts them here
 * instead: a viewer could never have drawn them in flight, and at 10× they are most of
 * the stream (level_of_detail.ts).
 */
export const HeartbeatTallySchema = Type.Object({
  leader: Type.Integer(),
  follower: Type.Integer(),
  count: Type.Integer({ minimum: 1 }),
  /** Virtual time of the last answer counted, µs. */
  lastAt: Type.Number(),
});
export type HeartbeatTally = Static<typeof HeartbeatTallySchema>;

export const EventsFrameSchema = Type.Object({
  type: Type.Literal('events'),
  clock: ClockSchema,
  events: Type.Array(SimEventSchema),
  heartbeats: Type.Optional(Type.Array(HeartbeatTallySchema)),
});
export const ErrorFrameSchema = Type.Object({
  type: Type.Literal('error'),
  error: ErrorCodeSchema,
  message: Type.String(),
});
export const PongFrameSchema = Type.Object({ type: Type.Literal('pong'), id: Type.Integer() });
export const ClosedFrameSchema = Type.Object({ type: Type.Literal('closed'), reason: Type.String() });

export const ServerFrameSchema = Type.Union([
  SnapshotFrameSchema,
  EventsFrameSchema,
  ErrorFrameSchema,
  PongFrameSchema,
  ClosedFrameSchema,
]);
export type ServerFrame = Static<typeof ServerFrameSchema>;
export type SnapshotFrame = Static<typeof SnapshotFrameSchema>;
export type EventsFrame = Static<typeof EventsFrameSchema>;

/** What a viewer may send: a liveness ping, or a request for a fresh snapshot. */
export const ClientFrameSchema = Type.Union([
  Type.Object({ type: Type.Literal('ping'), id: Type.Integer() }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('resync') }, { additionalProperties: false }),
]);
export type ClientFrame = Static<typeof ClientFrameSchema>;
