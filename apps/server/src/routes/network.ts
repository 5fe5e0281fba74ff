/** Network faults: partitions, single directed links, heal. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClusterIdParams, ErrorSchema, NetworkBodySchema, OkSchema } from '@raftlab/protocol';
import { BadNetwork } from '../errors';

const response = { 200: OkSchema, '4xx': ErrorSchema };

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/clusters/:id/network',
    { schema: { params: ClusterIdParams, body: NetworkBodySchema, response } },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      const n = cluster.nodeCount;
      const body = request.body;
      if ('partitions' in body) {
        const seen = new Set<number>();
        for (const node of body.partitions.flat()) {
          if (node > n) throw new BadNetwork(`Node ${node} does not exist (nodes are 1..${n})`);
          if (seen.has(node)) throw new BadNetwork(`Node ${node} appears in more than one group`);
          seen.add(node);
        }
        cluster.input({ kind: 'partition', groups: body.partitions });
      } else {
        for (const link of body.links) {
          if (link.from > n || link.to > n)
            throw new BadNetwork(`Link ${link.from}→${link.to}: nodes are 1..${n}`);
          if (link.from === link.to)
            throw new BadNetwork(`Link ${link.from}→${link.to} joins a node to itself`);
        }
        for (const link of body.links) cluster.input({ kind: 'link', ...link });
      }
      return { ok: true as const };
    },
  );

  app.post(
    '/api/clusters/:id/network/heal',
    { schema: { params: ClusterIdParams, response } },
    async (request) => {
      app.clusters.get(request.params.id).input({ kind: 'heal' });
      return { ok: true as const };
    },
  );
};

export default routes;
