/**
 * The key-value API. Every request goes through the replicated cluster exactly as a
 * client would (DESIGN.md): a write answers once its entry is committed and applied;
 * 503 when no leader is reachable (the write did not happen); 504 when the outcome is
 * unknown (it may still take effect). Reads take `?consistency=`: `linearizable` (the
 * default; ReadIndex, thesis §6.4), `lease` (a leader's check-quorum lease, §6.4.1; 409
 * in a cluster without check-quorum) or `stale` (one node's local state, may be stale;
 * `?node=` picks the node, which must be running). Every answer to a request that
 * became a client operation names it (`opId`, in the reply or the error body), so a
 * client can find its final status in the history: a 504 may yet end `ok`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CasBodySchema,
  CasReplySchema,
  KeyParams,
  KvReplySchema,
  PutBodySchema,
  ReadQuerySchema,
  type KvReply,
} from '@raftlab/protocol';
import type { KvOp } from '@raftlab/sim';
import type { FastifyReply } from 'fastify';
import { nodeOf } from '../checks';
import { KeyNotFound, LeaseUnavailable, NoLeader, OutcomeUnknown } from '../errors';
import type { Completion, LiveCluster } from '../live/live-cluster';
import { replies } from './replies';

/** How long a client should wait before retrying after "no leader": about one election. */
const NO_LEADER_RETRY_MS = 1000;

const schema = {
  params: KeyParams,
  response: replies(KvReplySchema),
};

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/clusters/:id/kv/:key',
    { schema: { ...schema, querystring: ReadQuerySchema } },
    async (request, reply) => {
      const cluster = app.clusters.get(request.params.id);
      const consistency = request.query.consistency ?? 'linearizable';
      // A stale read is served by the node named, so it must be running; the simulator
      // would quietly read from another (client.ts), answering from a node not asked.
      const node =
        request.query.node === undefined
          ? undefined
          : nodeOf(cluster, request.query.node, consistency === 'stale' ? true : undefined);
      const op: KvOp = { type: 'get', key: request.params.key, consistency, ...(node ? { node } : {}) };
      const reply200 = await run(cluster, op, reply);
      if (reply200.value === null) throw withOp(new KeyNotFound(request.params.key), reply200.opId);
      return { ...reply200, consistency };
    },
  );

  app.put(
    '/api/clusters/:id/kv/:key',
    { schema: { ...schema, body: PutBodySchema } },
    async (request, reply) =>
      run(
        app.clusters.get(request.params.id),
        { type: 'put', key: request.params.key, value: request.body.value },
        reply,
      ),
  );

  app.delete('/api/clusters/:id/kv/:key', { schema }, async (request, reply) =>
    run(app.clusters.get(request.params.id), { type: 'delete', key: request.params.key }, reply),
  );

  app.post(
    '/api/clusters/:id/kv/:key/cas',
    {
      schema: {
        params: KeyParams,
        body: CasBodySchema,
        response: replies(CasReplySchema),
      },
    },
    async (request, reply) => {
      const { expected, value } = request.body;
      const op: KvOp = { type: 'cas', key: request.params.key, expected, value };
      const result = await run(app.clusters.get(request.params.id), op, reply);
      return { ...result, swapped: result.swapped === true };
    },
  );
};

async function run(
  cluster: LiveCluster,
  op: KvOp,
  reply: FastifyReply,
): Promise<KvReply & { swapped?: boolean }> {
  const completion: Completion = await cluster.invoke(op);
  const { opId } = completion;
  switch (completion.status) {
    case 'ok':
      return { key: op.key, opId, ...completion.result };
    case 'fail':
      if (completion.reason === 'lease-unavailable') throw withOp(new LeaseUnavailable(), opId);
      reply.header('retry-after', Math.ceil(NO_LEADER_RETRY_MS / 1000));
      throw Object.assign(withOp(new NoLeader(), opId), { retryAfterMs: NO_LEADER_RETRY_MS });
    case 'unknown':
      throw withOp(new OutcomeUnknown(opId), opId);
  }
}

/** `error` naming the client operation it ends, for the error body (plugins/errors.ts). */
const withOp = <E extends Error>(error: E, opId: number): E & { opId: number } =>
  Object.assign(error, { opId });

export default routes;
