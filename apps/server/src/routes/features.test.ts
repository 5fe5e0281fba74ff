/**
 * Routes of the core's features: lease reads (thesis §6.4.1), leadership transfer
 * (§3.10), compaction (§7) and membership changes (§4).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCluster, electLeader, inject, request, testApp, until } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

const post = (url: string) => inject(app, { method: 'POST', url });

describe('reads', () => {
  it('serves lease reads with check-quorum, and answers 409 without it', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 61 });
    await electLeader(app, id);
    const put = await request(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/k`,
      payload: { value: 'v' },
    });
    expect(put.statusCode).toBe(200);
    const lease = await request(app, { method: 'GET', url: `/api/clusters/${id}/kv/k?consistency=lease` });
    expect(lease.statusCode).toBe(200);
    expect(lease.json()).toMatchObject({ value: 'v', consistency: 'lease' });

    const other = await createCluster(app, { nodes: 3, seed: 62, options: { checkQuorum: false } });
    await electLeader(app, other);
    const refused = await request(app, {
      method: 'GET',
      url: `/api/clusters/${other}/kv/k?consistency=lease`,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('RAFTLAB_ERR_LEASE_UNAVAILABLE');
  });
});

describe('leadership transfer', () => {
  it('moves leadership to the node in the path; 409 for the leader itself', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 63 });
    const leader = await electLeader(app, id);
    const target = leader === 1 ? 2 : 1;
    const self = await post(`/api/clusters/${id}/nodes/${leader}/transfer-leadership`);
    expect(self.statusCode).toBe(409);
    expect(self.json().message).toMatch(/already the leader/);
    expect((await post(`/api/clusters/${id}/nodes/${target}/transfer-leadership`)).statusCode).toBe(200);
    await until(app, () => app.clusters.get(id).sim.leader() === target);
  });

  it('refuses a crashed target', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 64 });
    const leader = await electLeader(app, id);
    const target = leader === 1 ? 2 : 1;
    await post(`/api/clusters/${id}/nodes/${target}/crash`);
    const res = await post(`/api/clusters/${id}/nodes/${target}/transfer-leadership`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/crashed/);
  });
});

describe('compaction', () => {
  it('compacts a node now and reports its snapshot index; snapshotEvery is a create option', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 65, options: { snapshotEvery: 0 } });
    const leader = await electLeader(app, id);
    await request(app, { method: 'PUT', url: `/api/clusters/${id}/kv/a`, payload: { value: '1' } });
    expect(app.clusters.get(id).sim.config.snapshotEvery).toBe(0);
    expect((await post(`/api/clusters/${id}/nodes/${leader}/compact`)).statusCode).toBe(200);
    const state = await inject(app, { method: 'GET', url: `/api/clusters/${id}` });
    const node = state.json().view.nodes[leader - 1];
    expect(node.snapshotIndex).toBe(node.applied);
    expect(node.snapshotIndex).toBeGreaterThan(0);
  });
});

describe('membership', () => {
  it('adds a node (201), refuses a second change while one is pending, and removes a node', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 66 });
    await electLeader(app, id);
    const sim = app.clusters.get(id).sim;
    // Thesis §4.1 erratum: a new leader first commits an entry of its own term.
    await until(app, () => sim.confChangeBlocker() === null);
    const added = await post(`/api/clusters/${id}/nodes`);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ node: 4 });
    const pending = await inject(app, { method: 'DELETE', url: `/api/clusters/${id}/nodes/2` });
    expect(pending.statusCode).toBe(409);
    expect(pending.json().message).toMatch(/conf-change-pending/);
    await until(app, () => sim.confChangeBlocker() === null);
    expect(sim.membership()!.voters).toEqual([1, 2, 3, 4]);
    const victim = sim.leader() === 2 ? 3 : 2;
    const removed = await inject(app, { method: 'DELETE', url: `/api/clusters/${id}/nodes/${victim}` });
    expect(removed.statusCode).toBe(200);
    await until(app, () => sim.confChangeBlocker() === null && !sim.membership()!.voters.includes(victim));
    const state = await inject(app, { method: 'GET', url: `/api/clusters/${id}` });
    expect(state.json().view.nodes).toHaveLength(4);
  });

  it('answers 409 without a leader', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 67, options: { paused: true } });
    const res = await post(`/api/clusters/${id}/nodes`);
    expect(res.statusCode).toBe(409);
    // Its own code: a KV request's "no leader" is a 503 that says the write did not happen.
    expect(res.json().error).toBe('RAFTLAB_ERR_NO_LEADER_FOR_CHANGE');
  });
});
