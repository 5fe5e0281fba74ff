/** Network faults: partitions, single directed links (cut, loss, duplication, latency), heal. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ClusterIdParams,
  ErrorSchema,
  NetworkBodySchema,
  OkSchema,
  type NetworkBody,
} from '@raftlab/protocol';
import { PERFECT_LINK, type LinkQuality } from '@raftlab/sim';
import { BadNetwork } from '../errors';
import type { LiveCluster } from '../live/live-cluster';

const response = { 200: OkSchema, '4xx': ErrorSchema };

type LinkChange = Extract<NetworkBody, { links: unknown }>['links'][number];

/** Refuses a partition that names a node twice or a node the cluster does not have. */
function checkPartition(groups: number[][], nodes: number): void {
  const seen = new Set<number>();
  for (const node of groups.flat()) {
    if (node > nodes) throw new BadNetwork(`Node ${node} does not exist (nodes are 1..${nodes})`);
    if (seen.has(node)) throw new BadNetwork(`Node ${node} appears in more than one group`);
    seen.add(node);
  }
}

/** Refuses a link change that names no node of the cluster, joins a node to itself, or changes nothing. */
function checkLink(link: LinkChange, nodes: number): void {
  const name = `Link ${link.from}→${link.to}`;
  if (link.from > nodes || link.to > nodes) throw new BadNetwork(`${name}: nodes are 1..${nodes}`);
  if (link.from === link.to) throw new BadNetwork(`${name} joins a node to itself`);
  const { up, loss, duplicate, latencyMs } = link;
  if (up === undefined && loss === undefined && duplicate === undefined && latencyMs === undefined) {
    throw new BadNetwork(`${name}: say what to change (up, loss, duplicate or latencyMs)`);
  }
  if (latencyMs && latencyMs.min > latencyMs.max)
    throw new BadNetwork(`${name}: latencyMs.min exceeds latencyMs.max`);
}

/** Applies one link change; quality fields left out keep their current value. */
function changeLink(cluster: LiveCluster, current: LinkQuality, link: LinkChange): void {
  const { from, to, up, loss, duplicate, latencyMs } = link;
  if (up !== undefined) cluster.input({ kind: 'link', from, to, up });
  if (loss === undefined && duplicate === undefined && latencyMs === undefined) return;
  const latency =
    latencyMs === undefined
      ? current.latency
      : latencyMs && { minUs: Math.round(latencyMs.min * 1000), maxUs: Math.round(latencyMs.max * 1000) };
  cluster.input({
    kind: 'link-quality',
    from,
    to,
    quality: { loss: loss ?? current.loss, duplicate: duplicate ?? current.duplicate, latency },
  });
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/clusters/:id/network',
    { schema: { params: ClusterIdParams, body: NetworkBodySchema, response } },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      const body = request.body;
      if ('partitions' in body) {
        checkPartition(body.partitions, cluster.nodeCount);
        cluster.input({ kind: 'partition', groups: body.partitions });
        return { ok: true as const };
      }
      // Validate every change before applying any, so a bad request changes nothing.
      for (const link of body.links) checkLink(link, cluster.nodeCount);
      const qualities = cluster.sim.view().linkQualities;
      for (const link of body.links) {
        const current =
          qualities.find((q) => q.from === link.from && q.to === link.to)?.quality ?? PERFECT_LINK;
        changeLink(cluster, current, link);
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
