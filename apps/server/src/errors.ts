/**
 * The catalogue of every error the API answers with. Each has a stable code, a
 * message template and its HTTP status; the error handler in `app.ts` turns any of
 * them into the `{error, message}` body of DESIGN.md.
 */
import createError from '@fastify/error';

export const ClusterNotFound = createError<[string]>(
  'RAFTLAB_ERR_CLUSTER_NOT_FOUND',
  'No cluster with id "%s"',
  404,
);
export const NodeNotFound = createError<[number, number]>(
  'RAFTLAB_ERR_NODE_NOT_FOUND',
  'Node %d does not exist in this cluster (it has nodes 1..%d)',
  404,
);
export const KeyNotFound = createError<[string]>('RAFTLAB_ERR_KEY_NOT_FOUND', 'Key "%s" is absent', 404);
export const TooManyClusters = createError<[number]>(
  'RAFTLAB_ERR_TOO_MANY_CLUSTERS',
  'The server already runs %d clusters, all being watched; delete one or try later',
  503,
);
export const TooManyPendingOps = createError<[number]>(
  'RAFTLAB_ERR_BUSY',
  'This cluster already has %d client operations in flight; retry later',
  429,
);
export const NoLeader = createError(
  'RAFTLAB_ERR_NO_LEADER',
  'No leader is reachable right now; the operation did not take effect. Retry after an election',
  503,
);
export const OutcomeUnknown = createError<[number]>(
  'RAFTLAB_ERR_TIMEOUT',
  'The operation timed out; it may or may not take effect (client operation %d)',
  504,
);
export const BadNetwork = createError<[string]>('RAFTLAB_ERR_BAD_NETWORK', '%s', 400);
export const BadTrace = createError<[string]>(
  'RAFTLAB_ERR_BAD_TRACE',
  'The trace cannot be replayed: %s',
  400,
);
export const NodeState = createError<[string]>('RAFTLAB_ERR_NODE_STATE', '%s', 409);
export const NotPaused = createError(
  'RAFTLAB_ERR_NOT_PAUSED',
  'Stepping needs a paused clock; pause it first with PUT /api/clusters/:id/clock {"paused": true}',
  409,
);
export const WebNotBuilt = createError(
  'RAFTLAB_ERR_WEB_NOT_BUILT',
  'The dashboard is not built; run `npm run build` (npm start does it for you)',
  503,
);
export const LeaseUnavailable = createError(
  'RAFTLAB_ERR_LEASE_UNAVAILABLE',
  'Lease reads need check-quorum (thesis §6.4.1), which this cluster runs without; use consistency=linearizable',
  409,
);
export const NoLeaderForChange = createError<[string]>(
  'RAFTLAB_ERR_NO_LEADER',
  'No leader right now to %s; retry after an election',
  409,
);
export const ConfChangeRefused = createError<[string, string]>(
  'RAFTLAB_ERR_CONF_CHANGE',
  'The leader refused the membership change (%s): %s',
  409,
);
export const TooManyNodes = createError<[number]>(
  'RAFTLAB_ERR_TOO_MANY_NODES',
  'A cluster has at most %d nodes',
  409,
);
