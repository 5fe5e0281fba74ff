/**
 * WebSocket frames of `GET /api/clusters/:id/stream`. The server sends one `snapshot`,
 * then `events` batches (at most LIMITS.maxFramesPerSecond a second). A viewer that
 * falls behind is sent a fresh `snapshot` instead of the events it missed.
 */
import { Type, type Static } from 'typebox';
import { ClockSchema, ClusterViewSchema, HistoryOpSchema, OpStageSchema, SimEventSchema } from './cluster';

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
export const EventsFrameSchema = Type.Object({
  type: Type.Literal('events'),
  clock: ClockSchema,
  events: Type.Array(SimEventSchema),
});
export const ErrorFrameSchema = Type.Object({
  type: Type.Literal('error'),
  error: Type.String(),
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
