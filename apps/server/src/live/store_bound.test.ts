/**
 * Issue 16, defect 3: nine nodes with snapshots off and 1,000 values of 4,000
 * characters made GET /api/clusters/:id 73 MB and the stream's snapshot 77 MB. The
 * store is bounded (keys, length) and so is the log a view carries; both frames stay
 * under a few megabytes whatever is written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { LIMITS } from '@raftlab/protocol';
import { createCluster, electLeader, inject, request, testApp, until } from '../testing/harness';
import type { LiveCluster } from './live-cluster';

let app: FastifyInstance;
afterEach(() => app.close());

/** Nine nodes' tables and logs at their bounds, with JSON's overhead: well under this. */
const FRAME_BOUND_BYTES = 4 * 1024 * 1024;
const value = (i: number) => String(i % 10).repeat(4_000);

/** Sends `count` writes at once (key of each from `key`); returns how many were refused as StoreFull. */
async function writeAll(cluster: LiveCluster, count: number, key: (i: number) => string): Promise<number> {
  let refused = 0;
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    try {
      pending.push(cluster.invoke({ type: 'put', key: key(i), value: value(i) }));
    } catch (error) {
      expect((error as { code: string }).code).toBe('RAFTLAB_ERR_STORE_FULL');
      refused++;
    }
  }
  let settled = 0;
  for (const p of pending) void p.finally(() => settled++);
  await until(app, () => settled === pending.length);
  return refused;
}

async function frameSizes(id: string) {
  const view = await inject(app, { method: 'GET', url: `/api/clusters/${id}` });
  // The listener goes on in onInit, before the server's first frame can arrive.
  let resolve: (frame: string) => void = () => {};
  const first = new Promise<string>((r) => (resolve = r));
  const socket = await app.injectWS(
    `/api/clusters/${id}/stream`,
    {},
    { onInit: (ws) => ws.once('message', (data) => resolve(data.toString())) },
  );
  const snapshot = await first;
  socket.terminate();
  return { view: view.body.length, snapshot: snapshot.length };
}

describe('a bounded store', () => {
  it('refuses new keys past the store’s length, and the frames stay small', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 9, options: { snapshotEvery: 0, speed: 20 } });
    await electLeader(app, id);
    const cluster = app.clusters.get(id);
    const refused = await writeAll(cluster, 200, (i) => `key${i}`);
    // Each write adds about 4,000 characters: only the first ~32 fit.
    expect(refused).toBeGreaterThan(200 - Math.ceil(LIMITS.maxStoreLength / 4_000) - 1);
    expect(cluster.sim.storeSize().length).toBeLessThanOrEqual(LIMITS.maxStoreLength);
    // Overwriting a key adds nothing, so it is allowed; deleting always is.
    expect(await writeAll(cluster, 20, () => 'key0')).toBe(0);
    const sizes = await frameSizes(id);
    expect(sizes.view).toBeLessThan(FRAME_BOUND_BYTES);
    expect(sizes.snapshot).toBeLessThan(FRAME_BOUND_BYTES);
  });

  it('carries only the newest part of a log that snapshots never cut', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 9, options: { snapshotEvery: 0, speed: 20 } });
    await electLeader(app, id);
    const cluster = app.clusters.get(id);
    // One key written again and again: the store stays small, each log keeps every value.
    for (let round = 0; round < 4; round++) expect(await writeAll(cluster, 50, () => 'k')).toBe(0);
    const sizes = await frameSizes(id);
    expect(sizes.view).toBeLessThan(FRAME_BOUND_BYTES);
    const view = (await inject(app, { method: 'GET', url: `/api/clusters/${id}` })).json().view;
    for (const node of view.nodes as { log: { data: string }[] }[]) {
      expect(node.log.reduce((n, e) => n + e.data.length, 0)).toBeLessThanOrEqual(LIMITS.maxLogLengthInView);
      expect(node.log.length).toBeGreaterThan(10);
    }
  });
});

describe('bounds set by the operator', () => {
  it('a server started with lower store bounds enforces them, over HTTP', async () => {
    app = await testApp({ maxKeysPerCluster: 2, maxStoreLength: 30 });
    const id = await createCluster(app, { nodes: 3 });
    await electLeader(app, id);
    const put = (key: string, value: string) =>
      request(app, { method: 'PUT', url: `/api/clusters/${id}/kv/${key}`, payload: { value } });
    expect((await put('a', '1')).statusCode).toBe(200);
    expect((await put('b', '2')).statusCode).toBe(200);
    const third = await put('c', '3');
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({
      error: 'RAFTLAB_ERR_STORE_FULL',
      message: expect.stringContaining('2 keys'),
    });
    const long = await put('a', 'x'.repeat(40));
    expect(long.json()).toMatchObject({
      error: 'RAFTLAB_ERR_STORE_FULL',
      message: expect.stringContaining('30 characters'),
    });
    expect((await put('a', 'fits')).statusCode).toBe(200);
  });
});
