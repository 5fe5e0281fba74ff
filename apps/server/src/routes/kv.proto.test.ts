/**
 * Issue 16, defect 1: a key named like an Object.prototype member (`__proto__`,
 * `constructor`) is a key like any other, through writes, views, snapshots and restarts.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, electLeader, inject, request, testApp, until } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

describe('keys that name Object.prototype members', () => {
  it.each(['__proto__', 'constructor', 'hasOwnProperty'])(
    '%s survives snapshots and a crash and restart of every node',
    async (key) => {
      app = await testApp();
      const id = await createCluster(app, { nodes: 3, seed: 4, options: { speed: 1, snapshotEvery: 2 } });
      await electLeader(app, id);
      const url = `/api/clusters/${id}/kv/${key}`;
      const put = await request(app, { method: 'PUT', url, payload: { value: 'kept' } });
      expect(put.statusCode).toBe(200);
      for (let i = 0; i < 4; i++) {
        const more = await request(app, {
          method: 'PUT',
          url: `/api/clusters/${id}/kv/k${i}`,
          payload: { value: `v${i}` },
        });
        expect(more.statusCode).toBe(200);
      }
      const view = await inject(app, { method: 'GET', url: `/api/clusters/${id}` });
      for (const node of view.json().view.nodes) {
        expect(Object.hasOwn(node.kv, key)).toBe(true);
        expect(node.kv[key]).toBe('kept');
      }
      for (const node of [1, 2, 3]) {
        const crash = await inject(app, { method: 'POST', url: `/api/clusters/${id}/nodes/${node}/crash` });
        expect(crash.statusCode).toBe(200);
        const restart = await inject(app, {
          method: 'POST',
          url: `/api/clusters/${id}/nodes/${node}/restart`,
        });
        expect(restart.statusCode).toBe(200);
        await electLeader(app, id);
        await until(app, () => app.clusters.get(id).sim.leader() !== 0);
      }
      const get = await request(app, { method: 'GET', url });
      expect(get.statusCode).toBe(200);
      expect(get.json().value).toBe('kept');
      const history = await inject(app, { method: 'GET', url: `/api/clusters/${id}/history` });
      expect(history.json().verdict.status).toBe('linearizable');
    },
  );
});
