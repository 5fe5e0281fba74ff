/**
 * Nothing lost on restart, in-process: an app is closed and a new one opened on the same
 * file, which must hold every cluster exactly as it was — same moment, same state, same
 * clock settings and lineage — and nothing that was deleted or cut away. The real process
 * killed with SIGKILL is sigkill.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { carryOwners, createCluster, electLeader, inject, request, testApp } from '../testing/harness';
import { ClusterStore } from './store';

let dir: string;
let dataPath: string;
let app: FastifyInstance | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'raftlab-persist-'));
  dataPath = join(dir, 'raftlab.db');
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<FastifyInstance> {
  app = await testApp({ dataPath });
  return app;
}

/** Closes the app (as a shutdown does) and opens a new one on the same file. */
async function restart(): Promise<FastifyInstance> {
  const before = app!;
  await before.close();
  await open();
  carryOwners(before, app!);
  return app!;
}

const put = (id: string, key: string, value: string) =>
  request(app!, { method: 'PUT', url: `/api/clusters/${id}/kv/${key}`, payload: { value } });
const get = (url: string) => inject(app!, { method: 'GET', url });
const post = (url: string, payload?: object) => inject(app!, { method: 'POST', url, payload });

/** What must come back: the moment, the clock, and the whole state of every node. */
function snapshot(id: string) {
  const cluster = app!.clusters.get(id);
  return { clock: cluster.clock(), view: cluster.view(), history: cluster.history() };
}

describe('clusters survive a restart', () => {
  it('a cluster comes back at the same moment with the same state, writes and clock settings', async () => {
    await open();
    const id = await createCluster(app!, { nodes: 3, seed: 11 });
    await electLeader(app!, id);
    for (const key of ['a', 'b', '__proto__']) expect((await put(id, key, `v-${key}`)).statusCode).toBe(200);
    await inject(app!, { method: 'PUT', url: `/api/clusters/${id}/clock`, payload: { speed: 0.5 } });
    await post(`/api/clusters/${id}/nodes/2/crash`);
    const before = snapshot(id);

    await restart();
    expect(snapshot(id)).toEqual(before);
    expect(app!.clusters.get(id).clock()).toMatchObject({ speed: 0.5, paused: false });
    for (const key of ['a', 'b', '__proto__']) {
      const res = await request(app!, { method: 'GET', url: `/api/clusters/${id}/kv/${key}` });
      expect(res.json()).toMatchObject({ value: `v-${key}` });
    }
  });

  it('the owner stays the owner, and control stays open or closed as it was', async () => {
    await open();
    const closed = await createCluster(app!, { nodes: 3 });
    const opened = await createCluster(app!, { nodes: 3 });
    const access = await inject(app!, {
      method: 'PUT',
      url: `/api/clusters/${opened}/access`,
      payload: { open: true },
    });
    expect(access.statusCode).toBe(200);

    await restart();
    const crash = (id: string, headers = {}) =>
      app!.inject({ method: 'POST', url: `/api/clusters/${id}/nodes/1/crash`, headers });
    expect((await crash(closed)).statusCode).toBe(403);
    expect((await crash(opened)).statusCode).toBe(200);
    expect((await crash(closed, { authorization: 'Bearer not-the-token' })).statusCode).toBe(403);
    expect(
      (await inject(app!, { method: 'POST', url: `/api/clusters/${closed}/nodes/1/crash` })).statusCode,
    ).toBe(200);
  });

  it('a paused cluster stays paused, and its run goes on from there exactly as it would have', async () => {
    /** A paused run moved by hand (no wall clock in it): the same every time. */
    const pausedRun = async () => {
      const id = await createCluster(app!, { nodes: 5, seed: 3, options: { paused: true } });
      await post(`/api/clusters/${id}/clock/advance`, { ms: 2000 });
      await post(`/api/clusters/${id}/nodes/2/crash`);
      await post(`/api/clusters/${id}/clock/advance`, { ms: 777 });
      return id;
    };
    await open();
    const unbroken = await pausedRun();
    await post(`/api/clusters/${unbroken}/clock/advance`, { ms: 5000 });
    const expected = snapshot(unbroken).view;

    const id = await pausedRun();
    await restart();
    expect(app!.clusters.get(id).clock().paused).toBe(true);
    await post(`/api/clusters/${id}/clock/advance`, { ms: 5000 });
    expect(snapshot(id).view).toEqual(expected);
  });

  it('a rewind cuts the stored run back; its branch and a fork keep their lineage', async () => {
    await open();
    const id = await createCluster(app!, { nodes: 3, seed: 7 });
    await electLeader(app!, id);
    await put(id, 'a', '1');
    const at = app!.clusters.get(id).end;
    await put(id, 'b', '2');
    const { branch } = (await post(`/api/clusters/${id}/rewind`, { at })).json();
    const fork = (await post('/api/clusters', { fork: { from: branch.id, at } })).json();
    const rewound = snapshot(id);
    const kept = snapshot(branch.id);

    await restart();
    expect(snapshot(id)).toEqual(rewound);
    expect(snapshot(id).view.nodes.every((node) => node.kv.b === undefined)).toBe(true);
    expect(snapshot(branch.id)).toEqual(kept);
    const state = (await get(`/api/clusters/${id}`)).json();
    expect(state.branches).toEqual([branch]);
    expect((await get(`/api/clusters/${branch.id}`)).json()).toMatchObject({
      parent: { id, at },
      branches: [{ id: fork.id, at }],
    });
    expect((await get(`/api/clusters/${fork.id}`)).json().parent).toEqual({ id: branch.id, at });
  });

  it('an uploaded trace comes back; a deleted cluster does not', async () => {
    await open();
    const source = await createCluster(app!, { nodes: 3, seed: 5 });
    await electLeader(app!, source);
    await put(source, 'x', 'y');
    const trace = (await get(`/api/clusters/${source}/trace`)).json();
    const uploaded = (await post('/api/clusters', { trace })).json().id as string;
    const before = snapshot(uploaded);
    expect((await inject(app!, { method: 'DELETE', url: `/api/clusters/${source}` })).statusCode).toBe(200);

    await restart();
    expect(snapshot(uploaded)).toEqual(before);
    expect((await get(`/api/clusters/${source}`)).statusCode).toBe(404);
    expect(app!.clusters.size).toBe(1);
  });

  it('a stored cluster that cannot be replayed is skipped and left in the store; the rest come back', async () => {
    await open();
    const good = await createCluster(app!, { nodes: 3, seed: 1 });
    await electLeader(app!, good);
    await app!.close();
    app = undefined;
    const store = new ClusterStore(dataPath);
    store.add(
      {
        id: 'broken',
        config: JSON.stringify({ nodes: 3, seed: 1 }),
        events: 10,
        now: 0,
        speed: 1,
        paused: true,
        pauseOnTrouble: true,
        parent: null,
        branches: '[]',
        owner: '00'.repeat(32),
        open: false,
      },
      [JSON.stringify({ kind: 'crash', node: 9, at: 0, afterEvents: 0 })],
    );
    store.close();

    await open();
    expect(app!.clusters.find(good)).toBeDefined();
    expect(app!.clusters.find('broken')).toBeUndefined();
    await app!.close();
    app = undefined;
    const reopened = new ClusterStore(dataPath);
    expect([...reopened.all()].map((stored) => stored.record.id)).toEqual([good, 'broken']);
    reopened.close();
  });

  it('at shutdown viewers hear the cluster is kept (and are told nothing of the kind without a file)', async () => {
    const closedFrame = async (path: string) => {
      app = await testApp({ dataPath: path });
      const id = await createCluster(app, { nodes: 3 });
      const frames: Array<{ type: string; kept?: boolean }> = [];
      await app.injectWS(
        `/api/clusters/${id}/stream`,
        {},
        {
          onInit: (ws) => ws.on('message', (data) => frames.push(JSON.parse(String(data)))),
        },
      );
      await app.close();
      app = undefined;
      return frames.find((frame) => frame.type === 'closed');
    };
    expect(await closedFrame(dataPath)).toEqual({
      type: 'closed',
      reason: 'the server is stopping; it keeps this cluster for its next start',
      kept: true,
    });
    expect(await closedFrame(':memory:')).toEqual({ type: 'closed', reason: 'the server is shutting down' });
  });

  it('a cluster evicted at the cap leaves the store', async () => {
    app = await testApp({ dataPath, maxClusters: 1 });
    const first = await createCluster(app, { nodes: 3 });
    const second = await createCluster(app, { nodes: 3 });
    await app.close();
    app = await testApp({ dataPath, maxClusters: 1 });
    expect(app.clusters.find(first)).toBeUndefined();
    expect(app.clusters.find(second)).toBeDefined();
  });
});
