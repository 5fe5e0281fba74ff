/**
 * Issue 16, defect 8: the rate limit is set from the environment, never counts /healthz,
 * and leaves loopback alone unless told to count it.
 */
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, DEFAULTS } from './config';
import { testApp } from './testing/harness';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const classmate = { remoteAddress: '10.1.2.3' };
const get = (url: string, remoteAddress: string) => app!.inject({ method: 'GET', url, remoteAddress });

describe('the rate limit', () => {
  it('counts each remote address, never /healthz', async () => {
    app = await testApp({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 10; i++)
      expect((await get('/healthz', classmate.remoteAddress)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await get('/api/clusters/abc123', '10.1.2.3')).statusCode).toBe(404);
    expect((await get('/api/clusters/abc123', '10.1.2.3')).statusCode).toBe(429);
    expect((await get('/healthz', '10.1.2.3')).statusCode).toBe(200);
    // Another address has its own budget.
    expect((await get('/api/clusters/abc123', '10.9.9.9')).statusCode).toBe(404);
  });

  it('exempts loopback by default, and counts it when told to', async () => {
    app = await testApp({ rateLimitPerMinute: 2 });
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1'])
      for (let i = 0; i < 5; i++) expect((await get('/api/clusters/abc123', address)).statusCode).toBe(404);
    await app.close();
    app = await testApp({ rateLimitPerMinute: 2, rateLimitExemptLoopback: false });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await get('/api/clusters/abc123', '127.0.0.1')).statusCode);
    expect(codes).toEqual([404, 404, 429]);
  });

  it('0 turns it off', async () => {
    app = await testApp({ rateLimitPerMinute: 0, rateLimitExemptLoopback: false });
    for (let i = 0; i < 50; i++) expect((await get('/api/clusters/abc123', '10.1.2.3')).statusCode).toBe(404);
  });
});

describe('configFromEnv', () => {
  it('has the README defaults', () => {
    expect(configFromEnv({})).toEqual({
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'warn',
      app: {
        rateLimitPerMinute: 1200,
        rateLimitExemptLoopback: true,
        maxClusters: DEFAULTS.RAFTLAB_MAX_CLUSTERS,
        idleTtlMinutes: 120,
        maxKeysPerCluster: 1000,
        maxStoreLength: 131_072,
        maxViewersPerCluster: 64,
        allowedHosts: ['127.0.0.1'],
        allowedOrigins: [],
        dataPath: join(process.cwd(), 'data', 'raftlab.db'),
      },
    });
  });

  it('takes a relative RAFTLAB_DATA from where npm start ran, and keeps :memory:', () => {
    const from = (env: NodeJS.ProcessEnv) => configFromEnv(env).app.dataPath;
    expect(from({ RAFTLAB_DATA: 'keep/lab.db', INIT_CWD: '/srv/raftlab' })).toBe('/srv/raftlab/keep/lab.db');
    expect(from({ RAFTLAB_DATA: '/var/lib/raftlab.db', INIT_CWD: '/srv/raftlab' })).toBe(
      '/var/lib/raftlab.db',
    );
    expect(from({ RAFTLAB_DATA: ':memory:' })).toBe(':memory:');
  });

  it('reads every variable', () => {
    const config = configFromEnv({
      HOST: '0.0.0.0',
      PORT: '8080',
      RAFTLAB_RATE_LIMIT: '6000',
      RAFTLAB_RATE_LIMIT_EXEMPT_LOOPBACK: 'false',
      RAFTLAB_MAX_CLUSTERS: '100',
      RAFTLAB_IDLE_TTL_MINUTES: '0',
      RAFTLAB_MAX_KEYS_PER_CLUSTER: '50',
      RAFTLAB_MAX_STORE_CHARS: '4096',
      RAFTLAB_MAX_VIEWERS_PER_CLUSTER: '200',
      RAFTLAB_ALLOWED_HOSTS: 'raftlab.school.example, lab.local',
      RAFTLAB_ALLOWED_ORIGINS: 'https://school.example',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      app: {
        rateLimitPerMinute: 6000,
        rateLimitExemptLoopback: false,
        maxClusters: 100,
        idleTtlMinutes: 0,
        maxKeysPerCluster: 50,
        maxStoreLength: 4096,
        maxViewersPerCluster: 200,
        allowedHosts: ['raftlab.school.example', 'lab.local'],
        allowedOrigins: ['https://school.example'],
      },
    });
  });

  it.each([
    ['PORT', '70000'],
    ['RAFTLAB_RATE_LIMIT', 'lots'],
    ['RAFTLAB_RATE_LIMIT', '-1'],
    ['RAFTLAB_RATE_LIMIT_EXEMPT_LOOPBACK', 'maybe'],
    ['RAFTLAB_MAX_CLUSTERS', '0'],
    ['RAFTLAB_IDLE_TTL_MINUTES', '-5'],
    ['RAFTLAB_MAX_KEYS_PER_CLUSTER', '0'],
    ['RAFTLAB_MAX_STORE_CHARS', '1e9'],
    ['RAFTLAB_MAX_VIEWERS_PER_CLUSTER', 'many'],
    ['RAFTLAB_ALLOWED_ORIGINS', 'school.example'],
    ['RAFTLAB_ALLOWED_ORIGINS', 'https://school.example/path'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => configFromEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => configFromEnv({ [name]: value })).toThrow(name);
  });
});
