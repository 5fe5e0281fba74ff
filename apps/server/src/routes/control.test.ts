import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCluster, electLeader, inject, testApp, until } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

const post = (url: string, payload?: object) => inject(app, { method: 'POST', url, payload });

describe('node actions', () => {
  it('crashes and restarts a node; the restarted node catches up', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 11 });
    const leader = await electLeader(app, id);
    const follower = leader === 1 ? 2 : 1;
    expect((await post(`/api/clusters/${id}/nodes/${follower}/crash`)).statusCode).toBe(200);
    const again = await post(`/api/clusters/${id}/nodes/${follower}/crash`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('RAFTLAB_ERR_NODE_STATE');
    expect((await post(`/api/clusters/${id}/nodes/${follower}/restart`)).statusCode).toBe(200);
    const sim = app.clusters.get(id).sim;
    await until(app, () => {
      const nodes = sim.view().nodes;
      return nodes[follower - 1].up && nodes[follower - 1].commit === nodes[leader - 1].commit;
    });
  });

  it('"time out" starts an election at that node (without pre-vote)', async () => {
    app = await testApp();
    const id = await createCluster(app, {
      nodes: 3,
      seed: 12,
      options: { preVote: false, checkQuorum: false },
    });
    const leader = await electLeader(app, id);
    const other = leader === 3 ? 2 : 3;
    const term = app.clusters.get(id).sim.view().nodes[leader - 1].term;
    expect((await post(`/api/clusters/${id}/nodes/${other}/timeout`)).statusCode).toBe(200);
    await until(app, () => app.clusters.get(id).sim.view().nodes[other - 1].term > term);
  });

  it('with pre-vote, a timed-out follower cannot depose a healthy leader (§9.6)', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 12 });
    const leader = await electLeader(app, id);
    const other = leader === 3 ? 2 : 3;
    const term = app.clusters.get(id).sim.view().nodes[leader - 1].term;
    expect((await post(`/api/clusters/${id}/nodes/${other}/timeout`)).statusCode).toBe(200);
    for (let i = 0; i < 20; i++) app.driver.tick(20);
    const nodes = app.clusters.get(id).sim.view().nodes;
    expect(nodes.map((n) => n.term)).toEqual([term, term, term]);
    expect(app.clusters.get(id).sim.leader()).toBe(leader);
  });

  it('refuses nodes that do not exist and malformed ids', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    expect((await post(`/api/clusters/${id}/nodes/4/crash`)).statusCode).toBe(404);
    expect((await post(`/api/clusters/${id}/nodes/0/crash`)).statusCode).toBe(400);
    expect((await post(`/api/clusters/${id}/nodes/abc/crash`)).statusCode).toBe(400);
    expect((await post(`/api/clusters/nope!/nodes/1/crash`)).statusCode).toBe(400);
  });
});

describe('network', () => {
  it('partitions, cuts single links and heals', async () => {
    app = await testApp();
    const id = await createCluster(app);
    const put = (payload: object) =>
      inject(app, { method: 'PUT', url: `/api/clusters/${id}/network`, payload });
    expect(
      (
        await put({
          partitions: [
            [1, 2],
            [3, 4, 5],
          ],
        })
      ).statusCode,
    ).toBe(200);
    const down = () => app.clusters.get(id).sim.view().linksDown;
    expect(down()).toContainEqual([1, 3]);
    expect(down()).toContainEqual([5, 2]);
    expect(down()).not.toContainEqual([1, 2]);
    expect((await post(`/api/clusters/${id}/network/heal`)).statusCode).toBe(200);
    expect(down()).toEqual([]);
    expect((await put({ links: [{ from: 1, to: 2, up: false }] })).statusCode).toBe(200);
    expect(down()).toEqual([[1, 2]]);
  });

  it('sets loss, duplication and latency per directed link, keeping unnamed fields; heal resets them', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    const put = (payload: object) =>
      inject(app, { method: 'PUT', url: `/api/clusters/${id}/network`, payload });
    expect((await put({ links: [{ from: 1, to: 2, loss: 0.25 }] })).statusCode).toBe(200);
    expect((await put({ links: [{ from: 1, to: 2, latencyMs: { min: 5, max: 50 } }] })).statusCode).toBe(200);
    const qualities = () => app.clusters.get(id).sim.view().linkQualities;
    expect(qualities()).toEqual([
      { from: 1, to: 2, quality: { loss: 0.25, duplicate: 0, latency: { minUs: 5000, maxUs: 50_000 } } },
    ]);
    expect((await put({ links: [{ from: 1, to: 2, loss: 2 }] })).statusCode).toBe(400);
    expect((await put({ links: [{ from: 1, to: 2, latencyMs: { min: 9, max: 1 } }] })).statusCode).toBe(400);
    await post(`/api/clusters/${id}/network/heal`);
    expect(qualities()).toEqual([]);
  });

  it.each([
    [
      {
        partitions: [
          [1, 2],
          [2, 3],
        ],
      },
      /more than one group/,
    ],
    [{ partitions: [[1, 9]] }, /does not exist/],
    [{ links: [{ from: 2, to: 2, up: false }] }, /itself/],
    [{ links: [{ from: 1, to: 2 }] }, /say what to change/],
    [{ partitions: 'all' }, /Invalid body/],
  ])('rejects %j', async (payload, message) => {
    app = await testApp();
    const id = await createCluster(app);
    const res = await inject(app, { method: 'PUT', url: `/api/clusters/${id}/network`, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(message);
    expect(app.clusters.get(id).sim.view().linksDown).toEqual([]);
  });
});

describe('clock', () => {
  it('pauses, steps one event at a time, changes speed', async () => {
    app = await testApp();
    const id = await createCluster(app);
    const clock = (payload: object) =>
      inject(app, { method: 'PUT', url: `/api/clusters/${id}/clock`, payload });
    expect((await post(`/api/clusters/${id}/clock/step`)).statusCode).toBe(409);
    expect((await clock({ paused: true, speed: 0.5 })).json()).toMatchObject({ paused: true, speed: 0.5 });
    const before = app.clusters.get(id).sim.eventsProcessed;
    app.driver.tick(1000);
    expect(app.clusters.get(id).sim.eventsProcessed).toBe(before);
    const step = await post(`/api/clusters/${id}/clock/step`);
    expect(step.json().stepped).toBe(true);
    expect(app.clusters.get(id).sim.eventsProcessed).toBe(before + 1);
    expect((await clock({ speed: 0 })).statusCode).toBe(400);
    expect((await clock({ paused: 'yes' })).statusCode).toBe(400);
  });
});
