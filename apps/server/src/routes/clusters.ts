/**
 * Cluster lifecycle and timeline: create (fresh, from a trace, or a fork of a moment),
 * read the state and history now or at a moment of the past (`?at=`), rewind, compare
 * two runs, delete, download the trace. Who may call which is plugins/access.ts's rule;
 * creating answers the new cluster's owner token, and the state says what its caller may do.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AtQuerySchema,
  ClusterIdParams,
  ClusterStateSchema,
  CreateClusterSchema,
  CreatedClusterSchema,
  DivergeQuerySchema,
  DivergeReplySchema,
  HistoryQuery,
  HistoryReplySchema,
  OkSchema,
  RewindBodySchema,
  RewindReplySchema,
  TraceSchema,
  type Access,
  type ClusterState,
} from '@raftlab/protocol';
import { ClusterAccess } from '../live/access';
import { firstDifference } from '../live/diverge';
import { trimView } from '../live/frames';
import type { LiveCluster } from '../live/live-cluster';
import { verdictOf } from '../live/verdict';
import { accessOf, bearerToken, ownershipOf } from '../plugins/access';
import { created, replies } from './replies';

/** The cluster as it is, or as it was right after event `at`, for a caller with `access`. */
function clusterState(cluster: LiveCluster, access: Access, at?: string): ClusterState {
  const lineage = {
    ...(cluster.parent ? { parent: cluster.parent } : {}),
    ...(cluster.branches.length > 0 ? { branches: cluster.branches } : {}),
    access,
  };
  if (at === undefined) return { id: cluster.id, clock: cluster.clock(), view: cluster.view(), ...lineage };
  const moment = cluster.momentAt(Number(at));
  return { id: cluster.id, clock: cluster.clockAt(moment), view: trimView(moment.view()), ...lineage };
}

/** What the maker of a cluster may do: everything. */
const MAKER: Access = { open: false, owner: true, control: true };

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/clusters',
    { schema: { body: CreateClusterSchema, response: created(CreatedClusterSchema) } },
    async (request, reply) => {
      const { access, token } = ClusterAccess.issue();
      const cluster = app.clusters.create(request.body, access);
      reply.code(201);
      return { ...clusterState(cluster, MAKER), ...ownershipOf(cluster.id, token) };
    },
  );

  app.get(
    '/api/clusters/:id',
    {
      schema: { params: ClusterIdParams, querystring: AtQuerySchema, response: replies(ClusterStateSchema) },
    },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      return clusterState(cluster, accessOf(cluster, request), request.query.at);
    },
  );

  app.post(
    '/api/clusters/:id/rewind',
    { schema: { params: ClusterIdParams, body: RewindBodySchema, response: replies(RewindReplySchema) } },
    async (request) => {
      const { at, keep = true, inputs } = request.body;
      const branch = app.clusters.rewind(request.params.id, at, keep, inputs);
      const cluster = app.clusters.get(request.params.id);
      cluster.flush();
      // The branch keeps this cluster's owner: its link goes to the owner, and no one else.
      const token = bearerToken(request);
      const branchOwner =
        branch && token !== undefined && cluster.access.isOwner(token)
          ? { branchOwner: ownershipOf(branch.id, token).owner }
          : {};
      return { clock: cluster.clock(), ...(branch ? { branch } : {}), ...branchOwner };
    },
  );

  app.get(
    '/api/clusters/:id/diverge',
    {
      schema: {
        params: ClusterIdParams,
        querystring: DivergeQuerySchema,
        response: replies(DivergeReplySchema),
      },
    },
    async (request) => {
      const one = app.clusters.get(request.params.id);
      const other = app.clusters.get(request.query.with);
      return { at: firstDifference(one, other) };
    },
  );

  app.delete(
    '/api/clusters/:id',
    { schema: { params: ClusterIdParams, response: replies(OkSchema) } },
    async (request) => {
      app.clusters.delete(request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/clusters/:id/trace',
    { schema: { params: ClusterIdParams, response: replies(TraceSchema) } },
    async (request, reply) => {
      const cluster = app.clusters.get(request.params.id);
      reply.header('content-disposition', `attachment; filename="raftlab-${cluster.id}.trace.json"`);
      return cluster.trace();
    },
  );

  app.get(
    '/api/clusters/:id/history',
    {
      schema: {
        params: ClusterIdParams,
        querystring: HistoryQuery,
        response: replies(HistoryReplySchema),
      },
    },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      const { at } = request.query;
      const ops = at === undefined ? cluster.history() : cluster.momentAt(Number(at)).history();
      const maxOpId = ops.reduce((max, op) => Math.max(max, op.opId), 0);
      const shown = request.query.ops === 'pending' ? ops.filter((op) => op.status === 'pending') : ops;
      return { ops: shown, verdict: verdictOf(ops), total: ops.length, maxOpId };
    },
  );
};

export default routes;
