/**
 * Issue 16, defect 6: what used to fall outside the catalogue. Every refusal is a
 * catalogued JSON body, with the headers its status calls for.
 */
import { ERROR_CODES, LIMITS } from '@raftlab/protocol';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, electLeader, inject, request, testApp } from './testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

describe('errors outside the catalogue, caught', () => {
  it('429 and 503 carry Retry-After', async () => {
    app = await testApp({ rateLimitPerMinute: 1, rateLimitExemptLoopback: false, maxClusters: 1 });
    const id = await createCluster(app);
    app.clusters.get(id).addViewer({ bufferedAmount: 0, send: () => undefined, close: () => undefined });
    const limited = await inject(app, { method: 'POST', url: '/api/clusters', payload: {} });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await app.close();
    app = await testApp({ maxClusters: 1 });
    const first = await createCluster(app);
    app.clusters.get(first).addViewer({ bufferedAmount: 0, send: () => undefined, close: () => undefined });
    const full = await inject(app, { method: 'POST', url: '/api/clusters', payload: {} });
    expect(full.statusCode).toBe(503);
    expect(full.json().error).toBe(ERROR_CODES.tooManyClusters);
    expect(Number(full.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a too-long URL answers 414 without echoing it; bad percent-encoding answers 400', async () => {
    app = await testApp();
    const id = await createCluster(app);
    const long = 'k'.repeat(20_000);
    const res = await inject(app, { method: 'GET', url: `/api/clusters/${id}/kv/${long}` });
    expect(res.statusCode).toBe(414);
    expect(res.json().error).toBe(ERROR_CODES.uriTooLong);
    expect(res.body).not.toContain('kkkkkkkkkk');
    const bad = await inject(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/%ZZ%E0`,
      payload: { value: 'v' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: ERROR_CODES.badUrl, message: expect.any(String) });
    expect(JSON.stringify(bad.json())).not.toMatch(/FST_ERR/);
    // An unknown route quotes at most the start of a long path.
    const nope = await inject(app, { method: 'GET', url: `/api/nope/${'n'.repeat(2000)}` });
    expect(nope.statusCode).toBe(404);
    expect(nope.body.length).toBeLessThan(400);
  });

  it('a method a known route does not take answers 405 with Allow', async () => {
    app = await testApp();
    const id = await createCluster(app);
    const res = await inject(app, { method: 'PATCH', url: `/api/clusters/${id}/kv/color` });
    expect(res.statusCode).toBe(405);
    expect(res.json().error).toBe(ERROR_CODES.methodNotAllowed);
    expect(res.headers.allow).toBe('DELETE, GET, HEAD, PUT');
    const post = await inject(app, { method: 'POST', url: '/healthz' });
    expect(post.statusCode).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    // Not a route at all: still 404.
    expect((await inject(app, { method: 'POST', url: '/api/nope' })).statusCode).toBe(404);
  });

  it('the stream without Upgrade answers 426 JSON', async () => {
    app = await testApp();
    const id = await createCluster(app);
    const res = await inject(app, { method: 'GET', url: `/api/clusters/${id}/stream` });
    expect(res.statusCode).toBe(426);
    expect(res.headers.upgrade).toBe('websocket');
    expect(res.json()).toEqual({
      error: ERROR_CODES.upgradeRequired,
      message: expect.stringMatching(/WebSocket/),
    });
  });

  it('a body with __proto__ or constructor.prototype is refused by name, and creates nothing', async () => {
    app = await testApp();
    const json = { 'content-type': 'application/json' };
    for (const payload of [
      '{"nodes": 3, "__proto__": {"polluted": true}}',
      '{"options": {"constructor": {"prototype": {"polluted": true}}}}',
    ]) {
      const res = await inject(app, { method: 'POST', url: '/api/clusters', headers: json, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe(ERROR_CODES.forbiddenKey);
      expect(res.json().message).not.toMatch(/not valid JSON/);
    }
    expect(app.clusters.size).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const malformed = await inject(app, {
      method: 'POST',
      url: '/api/clusters',
      headers: json,
      payload: '{"n',
    });
    expect(malformed.json().message).toMatch(/not valid JSON/);
  });

  it('string limits count UTF-16 code units, as LIMITS documents', async () => {
    app = await testApp();
    const id = await createCluster(app, { seed: 3 });
    await electLeader(app, id);
    const emoji = '\u{1F600}'; // one code point, two UTF-16 units
    const half = emoji.repeat(LIMITS.maxValueLength / 2);
    const fits = await request(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/v`,
      payload: { value: half },
    });
    expect(fits.statusCode).toBe(200);
    const over = await inject(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/v`,
      payload: { value: `${half}x` },
    });
    expect(over.statusCode).toBe(400);
    // A key of maxKeyLength units, each three UTF-8 bytes, still reaches its route.
    const key = encodeURIComponent('€'.repeat(LIMITS.maxKeyLength));
    const longKey = await request(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/${key}`,
      payload: { value: 'v' },
    });
    expect(longKey.statusCode).toBe(200);
    const keyOver = encodeURIComponent(emoji.repeat(LIMITS.maxKeyLength / 2 + 1));
    const tooLong = await inject(app, {
      method: 'PUT',
      url: `/api/clusters/${id}/kv/${keyOver}`,
      payload: { value: 'v' },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toBe(ERROR_CODES.badRequest);
  });
});
