/**
 * Node actions: crash, restart, "time out" (start an election now), leadership transfer
 * (thesis §3.10), compaction (§7), and membership changes (§4): add and remove a node.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddNodeReplySchema,
  ClusterIdParams,
  ErrorSchema,
  LIMITS,
  NodeParams,
  OkSchema,
} from '@raftlab/protocol';
import { ConfChangeRefused, NodeNotFound, NodeState, NoLeaderForChange, TooManyNodes } from '../errors';
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

/** A membership change needs a leader with no other change in flight (thesis §4.1). */
function checkCanChange(cluster: LiveCluster, what: string): void {
  const blocker = cluster.sim.confChangeBlocker();
  if (blocker === 'no-leader') throw new NoLeaderForChange(what);
  if (blocker === 'conf-change-pending')
    throw new ConfChangeRefused(blocker, 'another membership change is not committed yet; retry shortly');
  if (blocker === 'term-not-committed')
    throw new ConfChangeRefused(
      blocker,
      'the new leader has not committed an entry of its term yet; retry shortly',
    );
  if (blocker !== null)
    throw new ConfChangeRefused(blocker, 'a leadership transfer is under way; retry shortly');
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

  /** The node in the path is the target; the current leader hands leadership to it. */
  app.post('/api/clusters/:id/nodes/:node/transfer-leadership', { schema }, async (request) => {
    const cluster = app.clusters.get(request.params.id);
    const to = nodeOf(cluster, request.params.node);
    const from = cluster.sim.leader();
    if (from === 0)
      throw new NodeState('There is no leader to transfer leadership from; wait for an election');
    if (from === to) throw new NodeState(`Node ${to} is already the leader`);
    if (!cluster.sim.view().nodes[to - 1].up)
      throw new NodeState(`Node ${to} is crashed; restart it before handing it leadership`);
    if (!cluster.sim.membership()!.voters.includes(to))
      throw new NodeState(`Node ${to} is not a voter, so it cannot lead`);
    cluster.input({ kind: 'transfer', from, to });
    return { ok: true as const };
  });

  app.post('/api/clusters/:id/nodes/:node/compact', { schema }, async (request) => {
    const cluster = app.clusters.get(request.params.id);
    cluster.input({ kind: 'compact', node: nodeOf(cluster, request.params.node, true) });
    return { ok: true as const };
  });

  app.post(
    '/api/clusters/:id/nodes',
    { schema: { params: ClusterIdParams, response: { 201: AddNodeReplySchema, '4xx': ErrorSchema } } },
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
    const conf = cluster.sim.membership()!;
    if (!conf.voters.includes(node) && !conf.learners.includes(node))
      throw new ConfChangeRefused('no-op', `node ${node} is not a member of the cluster`);
    const result = cluster.removeNode(node);
    if (result && !result.ok) throw new ConfChangeRefused(result.error, `node ${node} was not removed`);
    return { ok: true as const };
  });
};

export default routes;
