/**
 * The timeline through HTTP: `?at=`, rewind (the replaced future kept as a branch), fork,
 * diverge, advance, and pausing on trouble. Exactness itself is the simulator's test
 * (packages/sim/src/timeline.test.ts); here, that the routes answer with it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCluster, electLeader, inject, request, testApp } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

const get = (url: string) => inject(app, { method: 'GET', url });
const post = (url: string, payload?: object) => inject(app, { method: 'POST', url, payload });

/** A 3-node cluster with a leader, one write, a crash of the leader: answers the moments around it. */
async function crashedCluster() {
  const id = await createCluster(app, { nodes: 3, seed: 7 });
  const leader = await electLeader(app, id);
  await request(app, { method: 'PUT', url: `/api/clusters/${id}/kv/a`, payload: { value: '1' } });
  const cluster = app.clusters.get(id);
  // The crash is an input after event `end`, so moment `end` shows it; the one before does not.
  const beforeCrash = cluster.end - 1;
  await post(`/api/clusters/${id}/nodes/${leader}/crash`);
  await post(`/api/clusters/${id}/clock/advance`, { ms: 2_000 });
  cluster.setClock({ paused: true });
  return { id, cluster, leader, beforeCrash };
}

describe('the timeline over HTTP', () => {
  it('GET ?at= answers the cluster as it was; the live GET moves on', async () => {
    app = await testApp();
    const { id, leader, beforeCrash } = await crashedCluster();
    const live = (await get(`/api/clusters/${id}`)).json();
    expect(live.view.nodes[leader - 1].up).toBe(false);
    const past = (await get(`/api/clusters/${id}?at=${beforeCrash}`)).json();
    expect(past.clock.seq).toBe(beforeCrash);
    expect(past.clock.now).toBeLessThanOrEqual(live.clock.now);
    expect(past.view.nodes[leader - 1].up).toBe(true);
    const history = (await get(`/api/clusters/${id}/history?at=0`)).json();
    expect(history.ops).toEqual([]);
    expect((await get(`/api/clusters/${id}?at=${live.clock.seq + 1}`)).statusCode).toBe(404);
    expect((await get(`/api/clusters/${id}?at=-1`)).statusCode).toBe(400);
    expect((await get(`/api/clusters/${id}?at=1e3`)).statusCode).toBe(400);
  });

  it('rewind makes a past moment the present and keeps the replaced future as a branch', async () => {
    app = await testApp();
    const { id, cluster, leader, beforeCrash } = await crashedCluster();
    const end = cluster.end;
    const res = await post(`/api/clusters/${id}/rewind`, { at: beforeCrash });
    expect(res.statusCode).toBe(200);
    const { clock, branch } = res.json();
    expect(clock).toMatchObject({ seq: beforeCrash, paused: true });
    expect(cluster.isUp(leader)).toBe(true);
    // The branch goes on where the cluster was, crash and all.
    const kept = (await get(`/api/clusters/${branch.id}`)).json();
    expect(kept.clock.seq).toBe(end);
    expect(kept.parent).toEqual({ id, at: beforeCrash });
    expect(kept.view.nodes[leader - 1].up).toBe(false);
    expect((await get(`/api/clusters/${id}`)).json().branches).toEqual([{ id: branch.id, at: beforeCrash }]);
    // Acting now writes a new future; the two runs differ from the moment of that act.
    await post(`/api/clusters/${id}/nodes/${leader === 1 ? 2 : 1}/crash`);
    expect((await get(`/api/clusters/${id}/diverge?with=${branch.id}`)).json()).toEqual({ at: beforeCrash });
    expect((await post(`/api/clusters/${id}/rewind`, { at: end + 100 })).statusCode).toBe(404);
  });

  it('a fork starts a new paused cluster at a moment; the original goes on as it was', async () => {
    app = await testApp();
    const { id, cluster, leader, beforeCrash } = await crashedCluster();
    const end = cluster.end;
    const res = await post('/api/clusters', { fork: { from: id, at: beforeCrash } });
    expect(res.statusCode).toBe(201);
    const fork = res.json();
    expect(fork.parent).toEqual({ id, at: beforeCrash });
    expect(fork.clock).toMatchObject({ seq: beforeCrash, paused: true });
    expect(fork.view.nodes[leader - 1].up).toBe(true);
    expect(cluster.end).toBe(end);
    expect(cluster.isUp(leader)).toBe(false);
    // Untouched, the fork is the start of the original's run: it has not diverged.
    expect((await get(`/api/clusters/${id}/diverge?with=${fork.id}`)).json()).toEqual({ at: null });
    // A fork of the present, run on without new inputs, is the original's future exactly.
    const now = (await post('/api/clusters', { fork: { from: id, at: end } })).json();
    for (const c of [id, now.id]) await post(`/api/clusters/${c}/clock/advance`, { ms: 2_000 });
    // (The fork's clock starts at its moment's time, the original's where it was paused.)
    const at = Math.min(cluster.end, app.clusters.get(now.id).end);
    expect(at).toBeGreaterThan(end);
    const original = (await get(`/api/clusters/${id}?at=${at}`)).json();
    const forked = (await get(`/api/clusters/${now.id}?at=${at}`)).json();
    expect(forked.view).toEqual(original.view);
    expect((await post('/api/clusters', { fork: { from: id, at: cluster.end + 1 } })).statusCode).toBe(404);
    expect((await post('/api/clusters', { fork: { from: 'nope', at: 0 } })).statusCode).toBe(404);
  });

  it('advance runs virtual time at once, within its bound', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 3, options: { paused: true } });
    const res = await post(`/api/clusters/${id}/clock/advance`, { ms: 60_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ now: 60_000_000, paused: true });
    expect(res.json().seq).toBeGreaterThan(100);
    expect((await post(`/api/clusters/${id}/clock/advance`, { ms: 3_600_001 })).statusCode).toBe(400);
    expect((await post(`/api/clusters/${id}/clock/advance`, { ms: 0 })).statusCode).toBe(400);
  });

  it('with pauseOnTrouble the clock stops right after a safety violation, marked on the timeline', async () => {
    app = await testApp();
    // Forgetting the vote on restart lets two leaders share a term once a voter restarts.
    const id = await createCluster(app, { nodes: 3, seed: 1, options: { bugs: ['forget-vote-on-restart'] } });
    const cluster = app.clusters.get(id);
    const steps = (node: number) => [`/nodes/${node}/crash`, `/nodes/${node}/restart`, '/clock/advance'];
    for (let round = 0; round < 200 && cluster.sim.violations === 0; round++) {
      for (const path of steps(1 + (round % 3))) {
        await post(`/api/clusters/${id}${path}`, path.endsWith('advance') ? { ms: 300 } : undefined);
        if (cluster.sim.violations > 0) break;
      }
    }
    expect(cluster.sim.violations).toBeGreaterThan(0);
    expect(cluster.paused).toBe(true);
    const marker = cluster.markers.firstTrouble();
    expect(marker?.kind).toBe('violation');
    // Stopped at the violation's own moment: the one before had none.
    expect(marker!.at).toBe(cluster.end);
    expect(cluster.momentAt(cluster.end - 1).violations).toBe(0);
  });
});
