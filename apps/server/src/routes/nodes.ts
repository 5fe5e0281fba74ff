/** Node actions: crash, restart, and "time out" (start an election now). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema, NodeParams, OkSchema } from '@raftlab/protocol';
import { NodeNotFound, NodeState } from '../errors';
import type { LiveCluster } from '../live/live-cluster';

const schema = { params: NodeParams, response: { 200: OkSchema, '4xx': ErrorSchema } };

/** Checks the node exists and is (or is not) running, so an action that means nothing is refused. */
export function nodeOf(cluster: LiveCluster, raw: string, mustBeUp?: boolean): number {
  const node = Number(raw);
  const state = cluster.sim.view().nodes.find((n) => n.id === node);
  if (!state) throw new NodeNotFound(node, cluster.nodeCount);
  if (mustBeUp === true && !state.up) throw new NodeState(`Node ${node} is crashed; restart it first`);
  if (mustBeUp === false && state.up)
    throw new NodeState(`Node ${node} is running; only a crashed node restarts`);
  return node;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/clusters/:id/nodes/:node/crash', { schema }, async (request) => {
    const cluster = app.clusters.get(request.params.id);
    cluster.input({ kind: 'crash', node: nodeOf(cluster, request.params.node, true) });
    return { ok: true as const };
  });

  app.post('/api/clusters/:id/nodes/:node/restart', { schema }, async (request) => {
    const cluster = app.clusters.get(request.params.id);
    cluster.input({ kind: 'restart', node: nodeOf(cluster, request.params.node, false) });
    return { ok: true as const };
  });

  app.post('/api/clusters/:id/nodes/:node/timeout', { schema }, async (request) => {
    const cluster = app.clusters.get(request.params.id);
    cluster.input({ kind: 'timeout', node: nodeOf(cluster, request.params.node, true) });
    return { ok: true as const };
  });
};

export default routes;
