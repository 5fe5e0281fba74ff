/**
 * Every error code the server answers with, defined once. A code is a stable contract
 * (clients compare against it; the message is for people and may change). The server
 * builds its errors from these, adding each one's HTTP status and message
 * (`apps/server/src/errors.ts`); `ErrorSchema` and the stream's error frame type their
 * `error` field with them; the web app imports the ones it acts on.
 */
import { Type } from 'typebox';

export const ERROR_CODES = {
  /** The request does not match its schema, or is not JSON at all. */
  badRequest: 'RAFTLAB_ERR_BAD_REQUEST',
  /** No such route. */
  notFound: 'RAFTLAB_ERR_NOT_FOUND',
  /** The route exists, but not for this method; the `Allow` header lists those it takes. */
  methodNotAllowed: 'RAFTLAB_ERR_METHOD_NOT_ALLOWED',
  /** The URL's path is longer than the server reads (a key is at most LIMITS.maxKeyLength). */
  uriTooLong: 'RAFTLAB_ERR_URI_TOO_LONG',
  /** The URL's percent-encoding is not valid UTF-8. */
  badUrl: 'RAFTLAB_ERR_BAD_URL',
  /** A JSON body with a `__proto__` or `constructor.prototype` key (prototype poisoning). */
  forbiddenKey: 'RAFTLAB_ERR_FORBIDDEN_KEY',
  /** A mutating request, or a WebSocket, from a page of another origin (cross-site request). */
  forbiddenOrigin: 'RAFTLAB_ERR_FORBIDDEN_ORIGIN',
  /**
   * A request that changes a cluster without its owner's token (`Authorization: Bearer`),
   * while control is closed; or one that only the owner may make (delete, open or close control).
   */
  notOwner: 'RAFTLAB_ERR_NOT_OWNER',
  /** A `Host` header the server does not answer to (DNS rebinding). */
  forbiddenHost: 'RAFTLAB_ERR_FORBIDDEN_HOST',
  /** `/stream` is a WebSocket: a plain HTTP request gets 426. */
  upgradeRequired: 'RAFTLAB_ERR_UPGRADE_REQUIRED',
  /** A server bug; the server log has the details. */
  internal: 'RAFTLAB_ERR_INTERNAL',
  rateLimited: 'RAFTLAB_ERR_RATE_LIMITED',
  clusterNotFound: 'RAFTLAB_ERR_CLUSTER_NOT_FOUND',
  nodeNotFound: 'RAFTLAB_ERR_NODE_NOT_FOUND',
  keyNotFound: 'RAFTLAB_ERR_KEY_NOT_FOUND',
  /** `?at=`, a seek, a rewind or a fork named a moment past the end of the cluster's timeline. */
  momentNotFound: 'RAFTLAB_ERR_MOMENT_NOT_FOUND',
  /** No lesson in the library has this id. */
  lessonNotFound: 'RAFTLAB_ERR_LESSON_NOT_FOUND',
  /** A lesson file, or a lesson's action or condition, that cannot be played (a name no step binds, a node the cluster lacks). */
  badLesson: 'RAFTLAB_ERR_BAD_LESSON',
  /** A message taken in hand is not in flight (delivered or dropped already, or never sent). */
  messageNotFound: 'RAFTLAB_ERR_MESSAGE_NOT_FOUND',
  tooManyClusters: 'RAFTLAB_ERR_TOO_MANY_CLUSTERS',
  /** A cluster already has as many viewers as the server allows; sent as an error frame, then the socket closes (1013). */
  tooManyViewers: 'RAFTLAB_ERR_TOO_MANY_VIEWERS',
  /** Too many client operations in flight in one cluster. */
  busy: 'RAFTLAB_ERR_BUSY',
  /** A KV operation found no leader; it did not take effect. */
  noLeader: 'RAFTLAB_ERR_NO_LEADER',
  /** A KV operation's outcome is unknown; it may still take effect. */
  timeout: 'RAFTLAB_ERR_TIMEOUT',
  badNetwork: 'RAFTLAB_ERR_BAD_NETWORK',
  /** A trace, or options, the simulator cannot run. */
  badTrace: 'RAFTLAB_ERR_BAD_TRACE',
  /** A node action that means nothing in the node's state (crash a crashed node, …). */
  nodeState: 'RAFTLAB_ERR_NODE_STATE',
  notPaused: 'RAFTLAB_ERR_NOT_PAUSED',
  webNotBuilt: 'RAFTLAB_ERR_WEB_NOT_BUILT',
  leaseUnavailable: 'RAFTLAB_ERR_LEASE_UNAVAILABLE',
  /** A membership change found no leader to propose it (nothing changed). */
  noLeaderForChange: 'RAFTLAB_ERR_NO_LEADER_FOR_CHANGE',
  /** The leader refused a membership change (thesis §4.1: one at a time). */
  confChange: 'RAFTLAB_ERR_CONF_CHANGE',
  tooManyNodes: 'RAFTLAB_ERR_TOO_MANY_NODES',
  /** A write that would take a cluster's store past its keys or length (LIMITS). */
  storeFull: 'RAFTLAB_ERR_STORE_FULL',
  /** A WebSocket frame from a viewer that is not one the stream accepts. */
  badFrame: 'RAFTLAB_ERR_BAD_FRAME',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export const ErrorCodeSchema = Type.Enum(Object.values(ERROR_CODES), {
  description: 'Stable machine-readable code, e.g. RAFTLAB_ERR_NO_LEADER',
});

const CODES: ReadonlySet<string> = new Set(Object.values(ERROR_CODES));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODES.has(value);
}
