/**
 * The errors the API answers with: each is a catalogued code (`ERROR_CODES` in
 * `@raftlab/protocol`, named here by its key) with its HTTP status and a message template
 * filled from the constructor's arguments (printf-style). `plugins/errors.ts` turns any
 * of them into the `{error, message}` body of DESIGN.md; the stream sends them as error
 * frames.
 */
import createError, { type FastifyErrorConstructor } from '@fastify/error';
import { ERROR_CODES, type ErrorCode } from '@raftlab/protocol';

/**
 * Every code's status and message, by status; a code added to the catalogue does not
 * typecheck until it has both. RAFTLAB_ERR_BAD_REQUEST has neither: the error handler
 * gives it the status and message of the schema's or Fastify's refusal.
 */
const ANSWERS = {
  // 400: the schemas accept the request, but the simulator cannot run it.
  badNetwork: {
    status: 400,
    message: '%s',
  },
  badTrace: {
    status: 400,
    message: 'The trace cannot be replayed: %s',
  },
  badUrl: {
    status: 400,
    message: "The URL's percent-encoding is not valid UTF-8",
  },
  forbiddenKey: {
    status: 400,
    message: 'The body has a "%s" key, which is refused (prototype poisoning); no request needs one',
  },
  badLesson: {
    status: 400,
    message: 'The lesson cannot be played: %s',
  },
  // Sent as a WebSocket error frame, so the status is nominal.
  badFrame: {
    status: 400,
    message: '%s',
  },
  forbiddenOrigin: {
    status: 403,
    message:
      "Requests that change a cluster are refused from a page of another origin (%s); use this server's own page, or set RAFTLAB_ALLOWED_ORIGINS",
  },
  // plugins/access.ts: %s is the cluster, then what needs the owner.
  notOwner: {
    status: 403,
    message:
      'Cluster %s answers to its owner: %s. Send the owner\'s token as "Authorization: Bearer <token>" (the owner link holds it after #owner=)',
  },
  forbiddenHost: {
    status: 403,
    message: 'This server does not answer to the host "%s"; set RAFTLAB_ALLOWED_HOSTS to add it',
  },
  notFound: {
    status: 404,
    message: 'No route %s %s',
  },
  lessonNotFound: {
    status: 404,
    message: 'No lesson with id "%s" (GET /api/lessons lists them)',
  },
  clusterNotFound: {
    status: 404,
    message: 'No cluster with id "%s"',
  },
  nodeNotFound: {
    status: 404,
    message: 'Node %d does not exist in this cluster (it has nodes 1..%d)',
  },
  keyNotFound: {
    status: 404,
    message: 'Key "%s" is absent',
  },
  messageNotFound: {
    status: 404,
    message: 'Message %d is not in flight (delivered or dropped already, or never sent)',
  },
  momentNotFound: {
    status: 404,
    message: "No moment %d on this cluster's timeline: it holds moments 0 to %d",
  },
  methodNotAllowed: {
    status: 405,
    message: '%s is not allowed here; this route takes %s',
  },
  uriTooLong: {
    status: 414,
    message: "The URL's path is longer than %d characters; a key is at most %d characters",
  },
  upgradeRequired: {
    status: 426,
    message: 'This is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket)',
  },
  // 409: the request means nothing in the cluster's state now.
  nodeState: {
    status: 409,
    message: '%s',
  },
  tooManyNodes: {
    status: 409,
    message: 'A cluster has at most %d nodes',
  },
  storeFull: {
    status: 409,
    message: "This write would take the cluster's store past %s; delete keys first",
  },
  leaseUnavailable: {
    status: 409,
    message:
      'Lease reads need check-quorum (thesis §6.4.1), which this cluster runs without; use consistency=linearizable',
  },
  notPaused: {
    status: 409,
    message:
      'Stepping needs a paused clock; pause it first with PUT /api/clusters/:id/clock {"paused": true}',
  },
  noLeaderForChange: {
    status: 409,
    message: 'No leader right now to %s; retry after an election',
  },
  confChange: {
    status: 409,
    message: 'The leader refused the membership change (%s): %s',
  },
  rateLimited: {
    status: 429,
    message: 'More than %d requests a minute from this address; retry in %s',
  },
  busy: {
    status: 429,
    message: 'This cluster already has %d client operations in flight; retry later',
  },
  internal: {
    status: 500,
    message: 'Internal error; see the server log',
  },
  // DESIGN.md: a KV operation answers 503 when it did not happen, 504 when it may still.
  noLeader: {
    status: 503,
    message: 'No leader is reachable right now; the operation did not take effect. Retry after an election',
  },
  // Only when every cluster is watched: otherwise the least recently used one is evicted.
  tooManyClusters: {
    status: 503,
    message: 'The server already runs %d clusters, all being watched; delete one or try later',
  },
  // Sent as a WebSocket error frame before the socket closes (1013, try again later).
  tooManyViewers: {
    status: 503,
    message: 'This cluster already has %d viewers, as many as this server allows; try again later',
  },
  webNotBuilt: {
    status: 503,
    message: 'The dashboard is not built; run `npm run build` (npm start does it for you)',
  },
  timeout: {
    status: 504,
    message: 'The operation timed out; it may or may not take effect (client operation %d)',
  },
} as const satisfies Record<
  Exclude<keyof typeof ERROR_CODES, 'badRequest'>,
  { status: number; message: string }
>;

type RaftLabError<Args extends unknown[]> = FastifyErrorConstructor<
  { code: ErrorCode; statusCode: number },
  Args
>;

function define<Args extends unknown[] = []>(name: keyof typeof ANSWERS): RaftLabError<Args> {
  const { status, message } = ANSWERS[name];
  return createError<ErrorCode, number, Args>(ERROR_CODES[name], message, status);
}

// Answered by the app itself, for any route (plugins/errors.ts).
export const RouteNotFound = define<[method: string, url: string]>('notFound');
export const MethodNotAllowed = define<[method: string, allowed: string]>('methodNotAllowed');
export const UriTooLong = define<[maxPath: number, maxKey: number]>('uriTooLong');
export const BadUrl = define('badUrl');
export const ForbiddenKey = define<[key: string]>('forbiddenKey');
export const UpgradeRequired = define('upgradeRequired');
export const ForbiddenOrigin = define<[origin: string]>('forbiddenOrigin');
export const ForbiddenHost = define<[host: string]>('forbiddenHost');
export const NotOwner = define<[id: string, why: string]>('notOwner');
export const Internal = define('internal');
export const RateLimited = define<[max: number, retryIn: string]>('rateLimited');
// Clusters, nodes and keys that do not exist.
export const ClusterNotFound = define<[id: string]>('clusterNotFound');
export const NodeNotFound = define<[node: number, nodeCount: number]>('nodeNotFound');
export const KeyNotFound = define<[key: string]>('keyNotFound');
export const MomentNotFound = define<[at: number, end: number]>('momentNotFound');
export const MessageNotFound = define<[message: number]>('messageNotFound');
export const LessonNotFound = define<[id: string]>('lessonNotFound');
// Capacity: the server's cap on clusters, a cluster's caps on operations in flight and on nodes.
export const TooManyClusters = define<[clusters: number]>('tooManyClusters');
export const TooManyViewers = define<[viewers: number]>('tooManyViewers');
export const TooManyPendingOps = define<[pending: number]>('busy');
export const TooManyNodes = define<[max: number]>('tooManyNodes');
export const StoreFull = define<[limit: string]>('storeFull');
// A KV operation that did not succeed. NoLeader is thrown with `retryAfterMs` for the body.
export const NoLeader = define('noLeader');
export const OutcomeUnknown = define<[opId: number]>('timeout');
export const LeaseUnavailable = define('leaseUnavailable');
// Requests the schemas accept but the cluster's state, or the simulator, cannot.
export const BadNetwork = define<[why: string]>('badNetwork');
export const BadTrace = define<[why: string]>('badTrace');
export const BadLesson = define<[why: string]>('badLesson');
export const NodeState = define<[why: string]>('nodeState');
export const NotPaused = define('notPaused');
/** Not NoLeader: a 409 that says nothing was proposed, where a KV request's 503 says it did not happen. */
export const NoLeaderForChange = define<[change: string]>('noLeaderForChange');
export const ConfChangeRefused = define<[reason: string, meaning: string]>('confChange');
// The dashboard's files and the stream.
export const WebNotBuilt = define('webNotBuilt');
export const BadFrame = define<[why: string]>('badFrame');
