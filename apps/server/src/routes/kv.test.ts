import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { LIMITS } from '@raftlab/protocol';
import { createCluster, electLeader, inject, request, testApp, until } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

describe('kv through the replicated cluster', () => {
  it('puts, gets, deletes; the curl path survives a leader crash', async () => {
    app = await testApp();
    const id = await createCluster(app, { seed: 3 });
    const leader = await electLeader(app, id);

    const put = await request(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/color`,
      payload: { value: 'blue' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ key: 'color', value: 'blue', node: leader });
    expect(put.json().index).toBeGreaterThan(1);
    expect(put.json().term).toBeGreaterThan(0);

    const get = await request(app, { method: 'GET', url: `/api/clusters/${id}/kv/color` });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toMatchObject({ key: 'color', value: 'blue', consistency: 'linearizable' });
    // ReadIndex (thesis §6.4): served at the commit index, which covers the put.
    expect(get.json().index).toBeGreaterThanOrEqual(put.json().index);

    const crash = await inject(app, { method: 'POST', url: `/api/clusters/${id}/nodes/${leader}/crash` });
    expect(crash.statusCode).toBe(200);
    await until(app, () => {
      const now = app.clusters.get(id).sim.leader();
      return now !== 0 && now !== leader;
    });
    const after = await request(app, { method: 'GET', url: `/api/clusters/${id}/kv/color` });
    expect(after.statusCode).toBe(200);
    expect(after.json().value).toBe('blue');
    expect(after.json().term).toBeGreaterThan(put.json().term);

    const history = await inject(app, { method: 'GET', url: `/api/clusters/${id}/history` });
    expect(history.json().verdict).toMatchObject({ status: 'linearizable', checkedOps: 3 });
    expect(history.json().ops).toHaveLength(3);
    // ?ops=pending: the same verdict and totals, without the completed operations.
    const light = await inject(app, { method: 'GET', url: `/api/clusters/${id}/history?ops=pending` });
    expect(light.json()).toMatchObject({ ops: [], total: 3, maxOpId: history.json().maxOpId });
    expect(light.json().verdict).toEqual(history.json().verdict);
    const bad = await inject(app, { method: 'GET', url: `/api/clusters/${id}/history?ops=some` });
    expect(bad.statusCode).toBe(400);

    const del = await request(app, { method: 'DELETE', url: `/api/clusters/${id}/kv/color` });
    expect(del.statusCode).toBe(200);
    const gone = await request(app, { method: 'GET', url: `/api/clusters/${id}/kv/color` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error).toBe('RAFTLAB_ERR_KEY_NOT_FOUND');
  });

  it('serves stale reads from the chosen node and says so', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 5 });
    await electLeader(app, id);
    await request(app, { method: 'PUT', url: `/api/clusters/${id}/kv/k`, payload: { value: 'v' } });
    await until(app, () =>
      app.clusters
        .get(id)
        .sim.view()
        .nodes.every((n) => n.kv.k === 'v'),
    );
    const res = await request(app, {
      method: 'GET',
      url: `/api/clusters/${id}/kv/k?consistency=stale&node=2`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ value: 'v', node: 2, consistency: 'stale' });
  });

  it('answers 503 with a retry hint when no leader can be found, and the write does not happen', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 9 });
    const leader = await electLeader(app, id);
    for (const node of [1, 2, 3].filter((n) => n !== leader)) {
      await inject(app, { method: 'POST', url: `/api/clusters/${id}/nodes/${node}/crash` });
    }
    // The lone leader steps down (check-quorum) and then knows no leader.
    await until(app, () => app.clusters.get(id).sim.leader() === 0);
    const res = await request(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/x`,
      payload: { value: '1' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toBe('RAFTLAB_ERR_NO_LEADER');
    expect(res.headers['retry-after']).toBeDefined();
    expect(
      app.clusters
        .get(id)
        .sim.view()
        .nodes.every((n) => n.kv.x === undefined),
    ).toBe(true);
  });

  it.each([
    ['a key over the limit', 'k'.repeat(LIMITS.maxKeyLength + 1), { value: 'v' }],
    ['a value over the limit', 'k', { value: 'v'.repeat(LIMITS.maxValueLength + 1) }],
    ['a value that is not a string', 'k', { value: 42 }],
    ['a missing value', 'k', {}],
    ['an unknown property', 'k', { value: 'v', ttl: 3 }],
  ])('rejects %s with a 400 and changes nothing', async (_name, key, payload) => {
    app = await testApp();
    const id = await createCluster(app);
    const res = await inject(app, { method: 'PUT', url: `/api/clusters/${id}/kv/${key}`, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'RAFTLAB_ERR_BAD_REQUEST' });
    expect(res.json().message).toMatch(/Invalid/);
    expect(app.clusters.get(id).history()).toEqual([]);
  });

  it('rejects a bad consistency level and a node that does not exist', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    const bad = await inject(app, { method: 'GET', url: `/api/clusters/${id}/kv/k?consistency=eventual` });
    expect(bad.statusCode).toBe(400);
    const missing = await inject(app, {
      method: 'GET',
      url: `/api/clusters/${id}/kv/k?consistency=stale&node=7`,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe('RAFTLAB_ERR_NODE_NOT_FOUND');
  });

  it('names the client operation each answer became, so its final status can be found in the history', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 5 });
    await electLeader(app, id);
    const put = await request(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/k`,
      payload: { value: 'v' },
    });
    const absent = await request(app, { method: 'GET', url: `/api/clusters/${id}/kv/nothing` });
    expect(absent.statusCode).toBe(404);
    const history = app.clusters.get(id).history();
    const byId = (opId: number) => history.find((h) => h.opId === opId);
    expect(byId(put.json().opId)).toMatchObject({ op: { type: 'put', key: 'k' }, status: 'ok' });
    expect(byId(absent.json().opId)).toMatchObject({ op: { type: 'get', key: 'nothing' }, status: 'ok' });
  });

  it('answers a 504 with its operation, which can still end ok: the history has the final word', async () => {
    app = await testApp({ requestTimeoutMs: 50 });
    const id = await createCluster(app, { nodes: 3, seed: 5 });
    await electLeader(app, id);
    // The HTTP budget runs out while the cluster stands still; the write is still pending.
    const paused = await inject(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/clock`,
      payload: { paused: true },
    });
    expect(paused.statusCode).toBe(200);
    const res = await inject(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/late`,
      payload: { value: 'v' },
    });
    expect(res.statusCode).toBe(504);
    const { opId } = res.json();
    expect(res.json().message).toContain(`client operation ${opId}`);
    await inject(app, { method: 'PUT', url: `/api/clusters/${id}/clock`, payload: { paused: false } });
    const cluster = app.clusters.get(id);
    await until(app, () => cluster.history().find((h) => h.opId === opId)?.status !== 'pending');
    expect(cluster.history().find((h) => h.opId === opId)).toMatchObject({
      status: 'ok',
      op: { key: 'late' },
    });
  });

  it('refuses a stale read from a crashed node rather than answer from another', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 5 });
    const leader = await electLeader(app, id);
    const follower = [1, 2, 3].find((n) => n !== leader)!;
    await inject(app, { method: 'POST', url: `/api/clusters/${id}/nodes/${follower}/crash` });
    const res = await inject(app, {
      method: 'GET',
      url: `/api/clusters/${id}/kv/k?consistency=stale&node=${follower}`,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'RAFTLAB_ERR_NODE_STATE' });
    expect(res.json().message).toContain(`Node ${follower} is crashed`);
    expect(app.clusters.get(id).history()).toEqual([]);
  });

  it('answers 504 when the outcome is unknown (clock paused past the request budget)', async () => {
    app = await testApp({ requestTimeoutMs: 50 });
    const id = await createCluster(app, { options: { paused: true } });
    const res = await inject(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/k`,
      payload: { value: 'v' },
    });
    expect(res.statusCode).toBe(504);
    expect(res.json().error).toBe('RAFTLAB_ERR_TIMEOUT');
    expect(app.clusters.get(id).history()[0].status).toBe('pending');
  });

  it('compare-and-swap: swaps only on the expected value; null means absent', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 14 });
    await electLeader(app, id);
    const cas = (payload: object) =>
      request(app, { method: 'POST', url: `/api/clusters/${id}/kv/lock/cas`, payload });
    const first = await cas({ expected: null, value: 'alice' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ key: 'lock', swapped: true, value: 'alice' });
    const second = await cas({ expected: null, value: 'bob' });
    expect(second.json()).toMatchObject({ swapped: false, value: 'alice' });
    const third = await cas({ expected: 'alice', value: 'bob' });
    expect(third.json()).toMatchObject({ swapped: true, value: 'bob' });
    expect((await cas({ expected: 1, value: 'x' })).statusCode).toBe(400);
    expect((await cas({ value: 'x' })).statusCode).toBe(400);
  });
});
