/**
 * The error catalogue against the routes: every code of ERROR_CODES is provoked through
 * the route that answers it and must come with its documented status. A code added to the
 * catalogue without a case here does not typecheck.
 */
import { ERROR_CODES, LIMITS, type ErrorCode } from '@raftlab/protocol';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type AppOptions } from './app';
import { createCluster, electLeader, inject, request, testApp, until } from './testing/harness';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function use(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = await testApp(options);
  apps.push(app);
  return app;
}

interface Answer {
  /** The HTTP status; null for a WebSocket error frame. */
  status: number | null;
  error: ErrorCode;
}

async function answer(app: FastifyInstance, options: InjectOptions): Promise<Answer> {
  const res = await inject(app, options);
  return { status: res.statusCode, error: res.json().error };
}

/** The first error frame the stream sends after `send` (if any) goes out. */
async function streamError(app: FastifyInstance, url: string, send?: string): Promise<Answer> {
  let resolve: (frame: { error: ErrorCode }) => void = () => undefined;
  const frame = new Promise<{ error: ErrorCode }>((r) => (resolve = r));
  const socket = await app.injectWS(
    url,
    {},
    {
      onInit: (ws) =>
        ws.on('message', (data) => {
          const parsed = JSON.parse(String(data));
          if (parsed.type === 'error') resolve(parsed);
        }),
    },
  );
  if (send !== undefined) socket.send(send);
  const { error } = await frame;
  socket.terminate();
  return { status: null, error };
}

/**
 * Creates a cluster from `body` on an app with `options`, runs `prepare` on it, then
 * sends `method` to `path` under the cluster's URL; the clock moves while it waits.
 */
function onCluster(
  body: object,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  more: {
    payload?: object;
    headers?: Record<string, string>;
    options?: AppOptions;
    prepare?: (app: FastifyInstance, id: string) => Promise<void>;
  } = {},
): () => Promise<Answer> {
  return async () => {
    const app = await use(more.options);
    const id = await createCluster(app, body);
    await more.prepare?.(app, id);
    const url = `/api/clusters/${id}${path}`;
    const res = await request(app, { method, url, payload: more.payload, headers: more.headers });
    return { status: res.statusCode, error: res.json().error };
  };
}

const put = { payload: { value: 'v' } };
const paused = { options: { paused: true } };

/** Leaves the leader alone: it steps down (check-quorum) and then knows no leader. */
async function isolateLeader(app: FastifyInstance, id: string): Promise<void> {
  const leader = await electLeader(app, id);
  for (const node of [1, 2, 3].filter((n) => n !== leader))
    await inject(app, { method: 'POST', url: `/api/clusters/${id}/nodes/${node}/crash` });
  await until(app, () => app.clusters.get(id).leader() === 0);
}

/** Proposes a membership change, so that a second one must wait (thesis §4.1: one at a time). */
async function changeMembership(app: FastifyInstance, id: string): Promise<void> {
  await electLeader(app, id);
  await until(app, () => app.clusters.get(id).confChangeBlocker() === null);
  await inject(app, { method: 'POST', url: `/api/clusters/${id}/nodes` });
}

/** Fills the cluster's quota of operations in flight; they stay pending on the paused clock. */
async function fillPendingOps(app: FastifyInstance, id: string): Promise<void> {
  const cluster = app.clusters.get(id);
  for (let i = 0; i < LIMITS.maxPendingOps; i++) void cluster.invoke({ type: 'put', key: 'k', value: 'v' });
}

/** Writes in flight (on the paused clock) that, together, fill the store's length. */
async function fillStore(app: FastifyInstance, id: string): Promise<void> {
  const cluster = app.clusters.get(id);
  const value = 'v'.repeat(LIMITS.maxValueLength);
  for (let i = 0; (i + 1) * (value.length + 4) <= LIMITS.maxStoreLength; i++)
    void cluster.invoke({ type: 'put', key: `k${String(i).padStart(3, '0')}`, value });
}

const CASES: Record<keyof typeof ERROR_CODES, { status: number | null; provoke: () => Promise<Answer> }> = {
  badRequest: {
    status: 400,
    provoke: async () => answer(await use(), { method: 'POST', url: '/api/clusters', payload: { nodes: 0 } }),
  },
  notFound: { status: 404, provoke: async () => answer(await use(), { method: 'GET', url: '/api/nope' }) },
  methodNotAllowed: {
    status: 405,
    provoke: async () => answer(await use(), { method: 'PATCH', url: '/api/clusters/abc123' }),
  },
  uriTooLong: {
    status: 414,
    provoke: async () =>
      answer(await use(), { method: 'GET', url: `/api/clusters/abc123/kv/${'k'.repeat(5000)}` }),
  },
  badUrl: {
    status: 400,
    provoke: async () => answer(await use(), { method: 'GET', url: '/api/clusters/abc123/kv/%E0%A4%A' }),
  },
  forbiddenKey: {
    status: 400,
    provoke: async () =>
      answer(await use(), {
        method: 'POST',
        url: '/api/clusters',
        headers: { 'content-type': 'application/json' },
        payload: '{"nodes": 3, "__proto__": {"admin": true}}',
      }),
  },
  forbiddenOrigin: {
    status: 403,
    provoke: onCluster({ nodes: 3 }, 'POST', '/nodes/1/crash', {
      headers: { origin: 'https://evil.example' },
    }),
  },
  // Without the owner's token (app.inject sends none), control being closed.
  notOwner: {
    status: 403,
    provoke: async () => {
      const app = await use();
      const id = await createCluster(app, { nodes: 3 });
      const res = await app.inject({ method: 'POST', url: `/api/clusters/${id}/nodes/1/crash` });
      return { status: res.statusCode, error: res.json().error };
    },
  },
  forbiddenHost: {
    status: 403,
    provoke: async () =>
      answer(await use(), { method: 'GET', url: '/healthz', headers: { host: 'rebind.evil.example:3000' } }),
  },
  upgradeRequired: {
    status: 426,
    provoke: onCluster({ nodes: 3 }, 'GET', '/stream'),
  },
  internal: {
    status: 500,
    provoke: async () => {
      // No route fails on purpose, so this app gets one that does.
      const app = await buildApp({ realTime: false, webRoot: '/nonexistent' });
      apps.push(app);
      app.get('/boom', async () => {
        throw new Error('a bug');
      });
      await app.ready();
      return answer(app, { method: 'GET', url: '/boom' });
    },
  },
  rateLimited: {
    status: 429,
    provoke: async () => {
      const app = await use({ rateLimitPerMinute: 1, rateLimitExemptLoopback: false });
      await inject(app, { method: 'GET', url: '/api/clusters/abc123' });
      return answer(app, { method: 'GET', url: '/api/clusters/abc123' });
    },
  },
  clusterNotFound: {
    status: 404,
    provoke: async () => answer(await use(), { method: 'GET', url: '/api/clusters/abc123' }),
  },
  nodeNotFound: { status: 404, provoke: onCluster({ nodes: 3 }, 'POST', '/nodes/4/crash') },
  // A fresh paused cluster has processed no event: moment 0 is its only one.
  messageNotFound: { status: 404, provoke: onCluster({ nodes: 3 }, 'POST', '/messages/999999/drop') },
  momentNotFound: {
    status: 404,
    provoke: onCluster({ nodes: 3, options: { paused: true } }, 'GET', '?at=5'),
  },
  // A stale read completes at once, without a leader.
  keyNotFound: {
    status: 404,
    provoke: onCluster({ nodes: 3 }, 'GET', '/kv/absent?consistency=stale&node=1'),
  },
  tooManyClusters: {
    status: 503,
    provoke: async () => {
      const app = await use({ maxClusters: 1 });
      const id = await createCluster(app);
      app.clusters.get(id).addViewer({ bufferedAmount: 0, send: () => undefined, close: () => undefined });
      return answer(app, { method: 'POST', url: '/api/clusters', payload: {} });
    },
  },
  busy: { status: 429, provoke: onCluster(paused, 'PUT', '/kv/k', { ...put, prepare: fillPendingOps }) },
  noLeader: {
    status: 503,
    provoke: onCluster({ nodes: 3, seed: 9 }, 'PUT', '/kv/x', { ...put, prepare: isolateLeader }),
  },
  timeout: {
    status: 504,
    provoke: onCluster(paused, 'PUT', '/kv/k', { ...put, options: { requestTimeoutMs: 50 } }),
  },
  badNetwork: {
    status: 400,
    provoke: onCluster({ nodes: 3 }, 'PUT', '/network', { payload: { partitions: [[1], [1, 2]] } }),
  },
  lessonNotFound: {
    status: 404,
    provoke: async () => answer(await use(), { method: 'GET', url: '/api/lessons/no-such-lesson' }),
  },
  badLesson: {
    status: 400,
    provoke: async () => {
      const app = await use();
      const id = await createCluster(app, { nodes: 3 });
      const payload = { actions: [{ do: 'crash', node: '$nobody' }] };
      return answer(app, { method: 'POST', url: `/api/clusters/${id}/actions`, payload });
    },
  },
  badTrace: {
    status: 400,
    provoke: async () => {
      const payload = { options: { heartbeatTick: 20, electionTick: 10 } };
      return answer(await use(), { method: 'POST', url: '/api/clusters', payload });
    },
  },
  nodeState: { status: 409, provoke: onCluster({ nodes: 3 }, 'POST', '/nodes/1/restart') },
  notPaused: { status: 409, provoke: onCluster({ nodes: 3 }, 'POST', '/clock/step') },
  webNotBuilt: { status: 503, provoke: async () => answer(await use(), { method: 'GET', url: '/' }) },
  leaseUnavailable: {
    status: 409,
    provoke: onCluster(
      { nodes: 3, seed: 62, options: { checkQuorum: false } },
      'GET',
      '/kv/k?consistency=lease',
      {
        prepare: async (app, id) => void (await electLeader(app, id)),
      },
    ),
  },
  noLeaderForChange: { status: 409, provoke: onCluster({ nodes: 3, ...paused }, 'POST', '/nodes') },
  confChange: {
    status: 409,
    provoke: onCluster({ nodes: 3, seed: 5 }, 'POST', '/nodes', { prepare: changeMembership }),
  },
  tooManyNodes: { status: 409, provoke: onCluster({ nodes: LIMITS.maxNodes }, 'POST', '/nodes') },
  storeFull: {
    status: 409,
    provoke: onCluster(paused, 'PUT', '/kv/k', {
      payload: { value: 'v'.repeat(LIMITS.maxValueLength) },
      prepare: fillStore,
    }),
  },
  tooManyViewers: {
    status: null,
    provoke: async () => {
      const app = await use({ maxViewersPerCluster: 1 });
      const id = await createCluster(app, { nodes: 3 });
      const first = await app.injectWS(`/api/clusters/${id}/stream`);
      const refused = await streamError(app, `/api/clusters/${id}/stream`);
      first.terminate();
      return refused;
    },
  },
  badFrame: {
    status: null,
    provoke: async () => {
      const app = await use();
      const id = await createCluster(app, { nodes: 3 });
      return streamError(app, `/api/clusters/${id}/stream`, 'not json');
    },
  },
};

describe('the error catalogue', () => {
  it.each(Object.entries(CASES))('%s is what its route answers', async (name, { status, provoke }) => {
    const code = ERROR_CODES[name as keyof typeof ERROR_CODES];
    expect(await provoke()).toEqual({ status, error: code });
  });

  it('codes are distinct, so a client can tell every case apart', () => {
    const codes = Object.values(ERROR_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('an unknown cluster is the same code on the stream as over HTTP', async () => {
    const app = await use();
    expect(await streamError(app, '/api/clusters/abc123/stream')).toEqual({
      status: null,
      error: ERROR_CODES.clusterNotFound,
    });
  });

  it("Fastify's own refusals answer RAFTLAB_ERR_BAD_REQUEST with Fastify's status and message", async () => {
    const app = await use();
    const json = { 'content-type': 'application/json' };
    const malformed = await inject(app, {
      method: 'POST',
      url: '/api/clusters',
      headers: json,
      payload: '{"n',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual({
      error: ERROR_CODES.badRequest,
      message: expect.stringMatching(/JSON/),
    });
    const payload = JSON.stringify({ pad: 'x'.repeat(LIMITS.maxBodyBytes) });
    const huge = await inject(app, { method: 'POST', url: '/api/clusters', headers: json, payload });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe(ERROR_CODES.badRequest);
  });
});
