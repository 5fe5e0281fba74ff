/** Network faults: partitions, single directed links (cut, loss, duplication, latency), heal. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClusterIdParams, NetworkBodySchema, OkSchema, type NetworkBody } from '@raftlab/protocol';
import type { InputBody } from '@raftlab/sim';
import { BadNetwork } from '../errors';
import type { LiveCluster } from '../live/live-cluster';
import { latencyUs } from '../live/sim-config';
import { replies } from './replies';

const response = replies(OkSchema);

type LinkChange = Extract<NetworkBody, { links: unknown }>['links'][number];

/** Refuses a partition that names a node twice or a node the cluster does not have. */
function checkPartition(cluster: LiveCluster, groups: number[][]): void {
  const seen = new Set<number>();
  for (const node of groups.flat()) {
    if (!cluster.hasNode(node))
      throw new BadNetwork(`Node ${node} does not exist (nodes are 1..${cluster.nodeCount})`);
    if (seen.has(node)) throw new BadNetwork(`Node ${node} appears in more than one group`);
    seen.add(node);
  }
}

/**
 * The inputs one link change makes (quality fields left out keep their current value),
 * or BadNetwork for a change that names no node of the cluster, joins a node to itself,
 * changes nothing, or gives a backwards latency range.
 */
function linkInputs(cluster: LiveCluster, link: LinkChange): InputBody[] {
  const { from, to, up, loss, duplicate, latencyMs } = link;
  const name = `Link ${from}→${to}`;
  if (!cluster.hasNode(from) || !cluster.hasNode(to))
    throw new BadNetwork(`${name}: nodes are 1..${cluster.nodeCount}`);
  if (from === to) throw new BadNetwork(`${name} joins a node to itself`);
  const quality = loss !== undefined || duplicate !== undefined || latencyMs !== undefined;
  if (up === undefined && !quality)
    throw new BadNetwork(`${name}: say what to change (up, loss, duplicate or latencyMs)`);
  const current = cluster.linkQuality(from, to);
  const latency =
    latencyMs === undefined
      ? current.latency
      : latencyMs && latencyUs(latencyMs, (why) => new BadNetwork(`${name}: ${why}`));
  const inputs: InputBody[] = [];
  if (up !== undefined) inputs.push({ kind: 'link', from, to, up });
  if (quality) {
    inputs.push({
      kind: 'link-quality',
      from,
      to,
      quality: { loss: loss ?? current.loss, duplicate: duplicate ?? current.duplicate, latency },
    });
  }
  return inputs;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/clusters/:id/network',
    { schema: { params: ClusterIdParams, body: NetworkBodySchema, response } },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      const body = request.body;
      if ('partitions' in body) {
        checkPartition(cluster, body.partitions);
        cluster.input({ kind: 'partition', groups: body.partitions });
        return { ok: true as const };
      }
      // Every change is checked before any is applied, so a bad request changes nothing.
      const inputs = body.links.flatMap((link) => linkInputs(cluster, link));
      for (const input of inputs) cluster.input(input);
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
