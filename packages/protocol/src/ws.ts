/**
 * WebSocket frames of `GET /api/clusters/:id/stream`. The server sends one `snapshot`,
 * then `events` batches (at most LIMITS.maxFramesPerSecond a second). A viewer that
 * falls behind is sent a fresh `snapshot` instead of the events it missed.
 *
 * The past: a viewer that sends `seek` gets the cluster as it was at that moment, as a
 * `snapshot` of a moment a little earlier followed by one `events` frame of the events
 * up to the moment asked for (so feed and charts show what led there), both carrying
 * `moment`; no live frames follow until it sends `live` (answered by a live snapshot) or
 * seeks again. Markers come whole with every live snapshot and as they happen in
 * `events` frames.
 *
 * Access (access.ts): a live snapshot says whether the owner has opened control to
 * everyone with the link; when the owner opens or closes it, every viewer, live or
 * watching the past, is sent an `access` frame at once. A viewer sends no token: whether
 * it holds the owner's is the HTTP API's answer (`GET /api/clusters/:id/access`).
 */
import { Type, type Static } from 'typebox';
import {
  ClockSchema,
  ClusterViewSchema,
  HistoryOpSchema,
  LineageSchema,
  MarkerSchema,
  OpStageSchema,
  SimEventSchema,
} from './cluster';
import { StreamAccessSchema } from './access';
import { ErrorCodeSchema } from './errors';

/** A frame of the past: the moment it shows, and the end of the live timeline then. */
export const PastMomentSchema = Type.Object({
  at: Type.Integer({ minimum: 0 }),
  end: Type.Integer({ minimum: 0 }),
});
export type PastMoment = Static<typeof PastMomentSchema>;

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
  /** The timeline's markers, oldest first (live snapshots only). */
  markers: Type.Optional(Type.Array(MarkerSchema)),
  /** Where this cluster was forked or rewound from, if it was. */
  parent: Type.Optional(LineageSchema),
  /** Whether control is open to everyone with the link (live snapshots only). */
  access: Type.Optional(StreamAccessSchema),
  /** Set when the frame shows the past: the moment shown (`clock.seq` is the same). */
  moment: Type.Optional(PastMomentSchema),
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
  /** Markers of the moments these events reached. */
  markers: Type.Optional(Type.Array(MarkerSchema)),
  /** Set when the events lead up to a moment of the past (see the header). */
  moment: Type.Optional(PastMomentSchema),
});
export const ErrorFrameSchema = Type.Object({
  type: Type.Literal('error'),
  error: ErrorCodeSchema,
  message: Type.String(),
});
export const PongFrameSchema = Type.Object({ type: Type.Literal('pong'), id: Type.Integer() });
export const ClosedFrameSchema = Type.Object({
  type: Type.Literal('closed'),
  reason: Type.String(),
  /** The server is stopping and keeps the cluster for its next start: reconnect. */
  kept: Type.Optional(Type.Literal(true)),
});
/** The owner opened control to everyone with the link, or closed it again. */
export const AccessFrameSchema = Type.Object({ type: Type.Literal('access'), open: Type.Boolean() });

export const ServerFrameSchema = Type.Union([
  SnapshotFrameSchema,
  EventsFrameSchema,
  ErrorFrameSchema,
  PongFrameSchema,
  ClosedFrameSchema,
  AccessFrameSchema,
]);
export type ServerFrame = Static<typeof ServerFrameSchema>;
export type SnapshotFrame = Static<typeof SnapshotFrameSchema>;
export type EventsFrame = Static<typeof EventsFrameSchema>;

/**
 * What a viewer may send: a liveness ping, a request for a fresh snapshot, a seek to a
 * moment of the past (`at` events; see the header), or back to the live cluster.
 */
export const ClientFrameSchema = Type.Union([
  Type.Object({ type: Type.Literal('ping'), id: Type.Integer() }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('resync') }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('seek'), at: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('live') }, { additionalProperties: false }),
]);
export type ClientFrame = Static<typeof ClientFrameSchema>;
