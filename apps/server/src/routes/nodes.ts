/**
 * Node actions: crash, restart, "time out" (start an election now), a leader's heartbeat now, leadership transfer
 * (thesis §3.10), compaction (§7), and membership changes (§4): add and remove a node.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AddNodeReplySchema, ClusterIdParams, LIMITS, NodeParams, OkSchema } from '@raftlab/protocol';
import { checkCanChange, nodeOf, requireUp } from '../checks';
import { ConfChangeRefused, NodeState, TooManyNodes } from '../errors';
import type { LiveCluster } from '../live/live-cluster';
import { created, replies } from './replies';

const schema = { params: NodeParams, response: replies(OkSchema) };

/** The actions on one node that are a single input, and whether each needs it running (or crashed). */
const NODE_ACTIONS = [
  { kind: 'crash', mustBeUp: true },
  { kind: 'restart', mustBeUp: false },
  { kind: 'timeout', mustBeUp: true },
  { kind: 'compact', mustBeUp: true },
] as const;

/** Only a leader has a heartbeat timeout (§5.2); fired by hand, say in manual delivery. */
function heartbeatOf(cluster: LiveCluster, raw: string): number {
  const node = nodeOf(cluster, raw, true);
  if (cluster.leader() !== node)
    throw new NodeState(`Node ${node} is not the leader; only a leader sends heartbeats`);
  return node;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  for (const { kind, mustBeUp } of NODE_ACTIONS) {
    app.post(`/api/clusters/:id/nodes/:node/${kind}`, { schema }, async (request) => {
      const cluster = app.clusters.get(request.params.id);
      cluster.input({ kind, node: nodeOf(cluster, request.params.node, mustBeUp) });
      return { ok: true as const };
    });
  }

  app.post('/api/clusters/:id/nodes/:node/heartbeat', { schema }, async (request) => {
    const cluster = app.clusters.get(request.params.id);
    cluster.input({ kind: 'heartbeat', node: heartbeatOf(cluster, request.params.node) });
    return { ok: true as const };
  });

  /** The node in the path is the target; the current leader hands leadership to it. */
  app.post('/api/clusters/:id/nodes/:node/transfer-leadership', { schema }, async (request) => {
    const cluster = app.clusters.get(request.params.id);
    const to = nodeOf(cluster, request.params.node);
    const from = cluster.leader();
    if (from === 0)
      throw new NodeState('There is no leader to transfer leadership from; wait for an election');
    if (from === to) throw new NodeState(`Node ${to} is already the leader`);
    requireUp(cluster, to, 'before handing it leadership');
    if (!cluster.isVoter(to)) throw new NodeState(`Node ${to} is not a voter, so it cannot lead`);
    cluster.input({ kind: 'transfer', from, to });
    return { ok: true as const };
  });

  app.post(
    '/api/clusters/:id/nodes',
    { schema: { params: ClusterIdParams, response: created(AddNodeReplySchema) } },
    async (request, reply) => {
      const cluster = app.clusters.get(request.params.id);
      if (cluster.nodeCount >= LIMITS.maxNodes) throw new TooManyNodes(LIMITS.maxNodes);
      checkCanChange(cluster, 'add a node');
      const { node, result } = cluster.addNode();
      if (result && !result.ok)
        throw new ConfChangeRefused(result.error, `node ${node} was created but is not a member`);
      return reply.code(201).send({ node });
    },
  );

  app.delete('/api/clusters/:id/nodes/:node', { schema }, async (request) => {
    const cluster = app.clusters.get(request.params.id);
    const node = nodeOf(cluster, request.params.node);
    checkCanChange(cluster, `remove node ${node}`);
    if (!cluster.isMember(node))
      throw new ConfChangeRefused('no-op', `node ${node} is not a member of the cluster`);
    const result = cluster.removeNode(node);
    if (result && !result.ok) throw new ConfChangeRefused(result.error, `node ${node} was not removed`);
    return { ok: true as const };
  });
};

export default routes;
