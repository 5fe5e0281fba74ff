/**
 * The queries routes ask of a live cluster, checked against what the HTTP API does to it,
 * and the promise behind them: a route's checks copy no view of the cluster.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCluster, electLeader, inject, testApp, until } from '../testing/harness';
import type { LiveCluster } from './live-cluster';

// Every test starts from the same 3-node cluster, its clock still at 0.
let app: FastifyInstance;
let id: string;
let cluster: LiveCluster;
beforeEach(async () => {
  app = await testApp();
  id = await createCluster(app, { nodes: 3, seed: 21 });
  cluster = app.clusters.get(id);
});
afterEach(() => app.close());

const post = (path: string) => inject(app, { method: 'POST', url: `/api/clusters/${id}${path}` });

describe('LiveCluster queries', () => {
  it('hasNode covers exactly 1..nodeCount, and grows with an added node', async () => {
    expect([0, 1, 2, 3, 4, 1.5, NaN].filter((n) => cluster.hasNode(n))).toEqual([1, 2, 3]);
    await electLeader(app, id);
    await until(app, () => cluster.confChangeBlocker() === null);
    expect((await post('/nodes')).statusCode).toBe(201);
    expect(cluster.nodeCount).toBe(4);
    expect(cluster.hasNode(4)).toBe(true);
    // The new node is proposed as a voter; it is one once the change commits.
    await until(app, () => cluster.isVoter(4));
    expect(cluster.isMember(4)).toBe(true);
    expect(cluster.membership()?.voters).toEqual([1, 2, 3, 4]);
  });

  it('isUp follows crash and restart; leader, isVoter and isMember follow the leader', async () => {
    expect(cluster.leader()).toBe(0);
    expect(cluster.membership()).toBeNull();
    expect(cluster.isVoter(1)).toBe(false);
    expect(cluster.isMember(1)).toBe(false);
    const leader = await electLeader(app, id);
    expect(cluster.leader()).toBe(leader);
    expect([1, 2, 3].every((n) => cluster.isVoter(n) && cluster.isMember(n))).toBe(true);
    const follower = leader === 1 ? 2 : 1;
    await post(`/nodes/${follower}/crash`);
    expect(cluster.isUp(follower)).toBe(false);
    expect(cluster.isUp(leader)).toBe(true);
    await post(`/nodes/${follower}/restart`);
    expect(cluster.isUp(follower)).toBe(true);
  });

  it('linkQuality reads one directed link; the others stay perfect', async () => {
    const links = [{ from: 1, to: 2, loss: 0.25, latencyMs: { min: 1, max: 2.5 } }];
    await inject(app, { method: 'PUT', url: `/api/clusters/${id}/network`, payload: { links } });
    expect(cluster.linkQuality(1, 2)).toEqual({
      loss: 0.25,
      duplicate: 0,
      latency: { minUs: 1000, maxUs: 2500 },
    });
    expect(cluster.linkQuality(2, 1)).toEqual({ loss: 0, duplicate: 0, latency: null });
  });
});

describe("routes' checks", () => {
  it('copy no view of the cluster (every log and table) to check a node, a link or a change', async () => {
    const leader = await electLeader(app, id);
    const other = leader === 1 ? 2 : 1;
    const view = vi.spyOn(cluster.sim, 'view');
    const answers = [
      await post(`/nodes/${other}/transfer-leadership`),
      await post(`/nodes/${other}/crash`),
      await post(`/nodes/${other}/crash`),
      await post(`/nodes/9/timeout`),
      await inject(app, { method: 'GET', url: `/api/clusters/${id}/kv/k?consistency=stale&node=${leader}` }),
      await inject(app, {
        method: 'PUT',
        url: `/api/clusters/${id}/network`,
        payload: { links: [{ from: 1, to: 3, duplicate: 0.5 }] },
      }),
      await inject(app, { method: 'DELETE', url: `/api/clusters/${id}/nodes/3` }),
    ];
    expect(answers.map((res) => res.statusCode)).toEqual([200, 200, 409, 404, 404, 200, 409]);
    expect(view).not.toHaveBeenCalled();
  });
});
