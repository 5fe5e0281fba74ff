/** Cluster lifecycle: create (fresh or from a trace), read the full state, delete, trace, history. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ClusterIdParams,
  ClusterStateSchema,
  CreateClusterSchema,
  HistoryQuery,
  HistoryReplySchema,
  OkSchema,
  TraceSchema,
  type ClusterState,
} from '@raftlab/protocol';
import type { LiveCluster } from '../live/live-cluster';
import { verdictOf } from '../live/verdict';
import { created, replies } from './replies';

function clusterState(cluster: LiveCluster): ClusterState {
  return { id: cluster.id, clock: cluster.clock(), view: cluster.view() };
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/clusters',
    { schema: { body: CreateClusterSchema, response: created(ClusterStateSchema) } },
    async (request, reply) => {
      const cluster = app.clusters.create(request.body);
      reply.code(201);
      return clusterState(cluster);
    },
  );

  app.get(
    '/api/clusters/:id',
    { schema: { params: ClusterIdParams, response: replies(ClusterStateSchema) } },
    async (request) => clusterState(app.clusters.get(request.params.id)),
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
      const ops = app.clusters.get(request.params.id).history();
      const maxOpId = ops.reduce((max, op) => Math.max(max, op.opId), 0);
      const shown = request.query.ops === 'pending' ? ops.filter((op) => op.status === 'pending') : ops;
      return { ops: shown, verdict: verdictOf(ops), total: ops.length, maxOpId };
    },
  );
};

export default routes;
