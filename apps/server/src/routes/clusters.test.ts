import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { BUG_NAMES } from '@raftlab/protocol';
import { createCluster, inject, testApp } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

describe('clusters', () => {
  it('creates a 5-node cluster by default and returns its full state', async () => {
    app = await testApp();
    const res = await inject(app, { method: 'POST', url: '/api/clusters', payload: {} });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.id).toMatch(/^[a-z0-9]+$/);
    expect(body.view.nodes.map((n: { id: number }) => n.id)).toEqual([1, 2, 3, 4, 5]);
    expect(body.clock).toEqual({ now: 0, seq: 0, speed: 1, paused: false, pauseOnTrouble: true });
    const got = await inject(app, { method: 'GET', url: `/api/clusters/${body.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json().view.config.nodes).toBe(5);
  });

  it('honours nodes, seed and options', async () => {
    app = await testApp();
    const res = await inject(app, {
      method: 'POST',
      url: '/api/clusters',
      payload: { nodes: 3, seed: 42, options: { speed: 0.5, paused: true, preVote: false } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().view.config).toMatchObject({ nodes: 3, seed: 42, preVote: false });
    expect(res.json().clock).toMatchObject({ speed: 0.5, paused: true });
  });

  it.each([
    [{ nodes: 0 }, 'nodes below 1'],
    [{ nodes: 10 }, 'nodes above 9'],
    [{ nodes: 'five' }, 'nodes not a number'],
    [{ nodes: 3, colour: 'red' }, 'an unknown property'],
    [{ options: { speed: 1000 } }, 'speed above the limit'],
    [{ options: { heartbeatTick: 20, electionTick: 10 } }, 'heartbeat not below election timeout'],
  ])('rejects %j (%s) with a 400 and a message', async (payload, _why) => {
    app = await testApp();
    const res = await inject(app, { method: 'POST', url: '/api/clusters', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/^RAFTLAB_ERR_/);
    expect(res.json().message.length).toBeGreaterThan(5);
    expect(app.clusters.size).toBe(0);
  });

  it('rejects malformed JSON and oversized bodies', async () => {
    app = await testApp();
    const bad = await inject(app, {
      method: 'POST',
      url: '/api/clusters',
      headers: { 'content-type': 'application/json' },
      payload: '{"nodes": 3',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBeTruthy();
    const huge = await inject(app, {
      method: 'POST',
      url: '/api/clusters',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ nodes: 3, pad: 'x'.repeat(2_000_000) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(app.clusters.size).toBe(0);
  });

  it('deletes a cluster; afterwards it is 404', async () => {
    app = await testApp();
    const id = await createCluster(app);
    expect((await inject(app, { method: 'DELETE', url: `/api/clusters/${id}` })).statusCode).toBe(200);
    const res = await inject(app, { method: 'GET', url: `/api/clusters/${id}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('RAFTLAB_ERR_CLUSTER_NOT_FOUND');
  });

  it('evicts the least recently used unwatched cluster at the cap, and refuses when all are watched', async () => {
    app = await testApp({ maxClusters: 2 });
    const first = await createCluster(app);
    const second = await createCluster(app);
    await inject(app, { method: 'GET', url: `/api/clusters/${first}` }); // first is now the more recent
    const third = await createCluster(app);
    expect((await inject(app, { method: 'GET', url: `/api/clusters/${second}` })).statusCode).toBe(404);
    const viewer = { bufferedAmount: 0, send: () => undefined, close: () => undefined };
    app.clusters.get(first).addViewer(viewer);
    app.clusters.get(third).addViewer(viewer);
    const refused = await inject(app, { method: 'POST', url: '/api/clusters', payload: {} });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toBe('RAFTLAB_ERR_TOO_MANY_CLUSTERS');
  });

  it('lists the bug switches, and a cluster created with one says so in its config', async () => {
    app = await testApp();
    const bugs = await inject(app, { method: 'GET', url: '/api/bugs' });
    expect(bugs.json().bugs.map((b: { name: string }) => b.name)).toEqual([...BUG_NAMES]);
    expect(bugs.json().bugs.every((b: { description: string }) => b.description.length > 10)).toBe(true);
    // With what the Bug lab tells a person: how to see it, what catches it, what it needs.
    const figure8 = bugs.json().bugs[0];
    expect(figure8).toMatchObject({
      name: 'figure8-commit',
      caughtBy: { invariants: ['leader-commit-rule'], linearizability: false },
      setup: { maxEntriesPerMessage: 1 },
    });
    expect(figure8.trigger).toMatch(/Time out/);
    const res = await inject(app, {
      method: 'POST',
      url: '/api/clusters',
      payload: { options: { bugs: ['figure8-commit'], maxEntriesPerMessage: 1 } },
    });
    expect(res.json().view.config).toMatchObject({ bugs: ['figure8-commit'], maxEntriesPerMessage: 1 });
    const bad = await inject(app, {
      method: 'POST',
      url: '/api/clusters',
      payload: { options: { bugs: ['nope'] } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('answers unknown routes with a JSON 404 and /healthz with ok', async () => {
    app = await testApp();
    expect((await inject(app, { method: 'GET', url: '/api/nope' })).json().error).toBe(
      'RAFTLAB_ERR_NOT_FOUND',
    );
    expect((await inject(app, { method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true, clusters: 0 });
  });

  it('serves the trace and the history of a cluster', async () => {
    app = await testApp();
    const id = await createCluster(app, { seed: 7 });
    const trace = await inject(app, { method: 'GET', url: `/api/clusters/${id}/trace` });
    expect(trace.json()).toMatchObject({ version: 1, config: { seed: 7 }, inputs: [] });
    const history = await inject(app, { method: 'GET', url: `/api/clusters/${id}/history` });
    expect(history.json()).toMatchObject({
      ops: [],
      verdict: { status: 'linearizable', checkedOps: 0 },
      total: 0,
      maxOpId: 0,
    });
  });
});
