/**
 * Issue 16, "Security": headers on every answer, Origin on every mutating route and on
 * the WebSocket, Host against DNS rebinding, and no GET that creates a cluster.
 */
import { ERROR_CODES } from '@raftlab/protocol';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, inject, testApp } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

const evil = 'https://evil.example';

describe('security headers', () => {
  it('every answer carries a same-origin CSP, frame-ancestors none, nosniff and no referrer', async () => {
    app = await testApp();
    for (const url of ['/healthz', '/api/nope']) {
      const res = await inject(app, { method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });
});

describe('Origin', () => {
  it('a cross-site text/plain POST gets 403 and crashes nothing', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    const res = await inject(app, {
      method: 'POST',
      url: `/api/clusters/${id}/nodes/1/crash`,
      headers: { origin: evil, 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe(ERROR_CODES.forbiddenOrigin);
    expect(
      app.clusters
        .get(id)
        .sim.view()
        .nodes.every((node) => node.up),
    ).toBe(true);
    const create = await inject(app, {
      method: 'POST',
      url: '/api/clusters',
      headers: { origin: evil },
      payload: {},
    });
    expect(create.statusCode).toBe(403);
    const del = await inject(app, {
      method: 'DELETE',
      url: `/api/clusters/${id}`,
      headers: { origin: 'null' },
    });
    expect(del.statusCode).toBe(403);
    const fetchMeta = await inject(app, {
      method: 'DELETE',
      url: `/api/clusters/${id}`,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(fetchMeta.statusCode).toBe(403);
    expect(app.clusters.size).toBe(1);
  });

  it('the same origin, an allowed origin, and curl (no Origin) may change clusters; anyone may read', async () => {
    app = await testApp({ allowedOrigins: ['https://school.example'] });
    const id = await createCluster(app, { nodes: 3 });
    const crash = (origin?: string, node = 1) =>
      inject(app, {
        method: 'POST',
        url: `/api/clusters/${id}/nodes/${node}/crash`,
        headers: { host: 'localhost:3000', ...(origin ? { origin } : {}) },
      });
    expect((await crash('http://localhost:3000', 1)).statusCode).toBe(200);
    expect((await crash('https://school.example', 2)).statusCode).toBe(200);
    expect((await crash(undefined, 3)).statusCode).toBe(200);
    expect((await crash('http://localhost:4000', 1)).statusCode).toBe(403);
    const read = await inject(app, { method: 'GET', url: `/api/clusters/${id}`, headers: { origin: evil } });
    expect(read.statusCode).toBe(200);
  });

  it('the WebSocket upgrade from another origin is refused', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    await expect(app.injectWS(`/api/clusters/${id}/stream`, { headers: { origin: evil } })).rejects.toThrow(
      /403/,
    );
    expect(app.clusters.get(id).viewerCount).toBe(0);
    const ok = await app.injectWS(`/api/clusters/${id}/stream`, {
      headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
    });
    ok.terminate();
  });
});

describe('Host', () => {
  it('answers loopback names, IP literals and allowed hosts only (DNS rebinding)', async () => {
    app = await testApp({ allowedHosts: ['raftlab.school.example'] });
    const status = async (host: string) =>
      (await inject(app, { method: 'GET', url: '/healthz', headers: { host } })).statusCode;
    for (const host of [
      'localhost:3000',
      '127.0.0.1:3000',
      '[::1]:3000',
      '192.168.1.20:3000',
      'raftlab.school.example',
    ])
      expect(await status(host)).toBe(200);
    const res = await inject(app, {
      method: 'GET',
      url: '/healthz',
      headers: { host: 'attacker.example:3000' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe(ERROR_CODES.forbiddenHost);
  });
});

describe('GET /', () => {
  /** An app serving a stand-in for the built page. */
  const pageApp = async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'raftlab-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>RaftLab</title>');
    return testApp({ webRoot });
  };

  it('serves the page and creates no cluster', async () => {
    app = await pageApp();
    for (let i = 0; i < 5; i++) {
      const res = await inject(app, { method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('RaftLab');
    }
    expect(app.clusters.size).toBe(0);
  });

  it('serves the same page at /glossary, which needs no cluster', async () => {
    app = await pageApp();
    const res = await inject(app, { method: 'GET', url: '/glossary' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('RaftLab');
    expect(app.clusters.size).toBe(0);
  });
});
