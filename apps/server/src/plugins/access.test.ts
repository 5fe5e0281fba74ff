/**
 * Owners and viewers (issue 16): who may call what on a cluster. The routes come from
 * the API's own list (`/docs/json`, generated as routes are registered), so a route added
 * later is checked here without anyone remembering to add it. Requests without the token
 * are made with `app.inject` itself; the harness's `inject` and `request` send the owner's.
 */
import { ERROR_CODES } from '@raftlab/protocol';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { asOwner, createCluster, drive, electLeader, inject, ownerToken, testApp } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

/** What anyone with the view link may call (they only read), as the API lists them. */
const VIEW = new Set([
  'GET /api/clusters/{id}',
  'GET /api/clusters/{id}/access',
  'GET /api/clusters/{id}/diverge',
  'GET /api/clusters/{id}/history',
  'GET /api/clusters/{id}/stream',
  'GET /api/clusters/{id}/trace',
]);
/** What only the owner may call, control open or not. */
const OWNER = new Set(['DELETE /api/clusters/{id}', 'PUT /api/clusters/{id}/access']);

type Route = { method: InjectOptions['method'] & string; path: string };

/** Every method of every path under /api/clusters/{id}, GETs also as HEAD; the cluster's DELETE last. */
async function clusterRoutes(): Promise<Route[]> {
  const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(spec.paths)) {
    if (!path.startsWith('/api/clusters/{id}')) continue;
    for (const method of Object.keys(operations).map((m) => m.toUpperCase() as Route['method'])) {
      routes.push({ method, path });
      if (method === 'GET') routes.push({ method: 'HEAD', path });
    }
  }
  const deleting = (r: Route) => r.method === 'DELETE' && r.path === '/api/clusters/{id}';
  return [...routes.filter((r) => !deleting(r)), ...routes.filter(deleting)];
}

const needOf = ({ method, path }: Route) => {
  const route = `${method === 'HEAD' ? 'GET' : method} ${path}`;
  return OWNER.has(route) ? 'owner' : VIEW.has(route) ? 'view' : 'control';
};

const urlOf = (path: string, id: string) =>
  path
    .replace('{id}', id)
    .replace('{node}', '1')
    .replace('{key}', 'k')
    .replace('{message}', '1')
    .replace('{action}', 'drop');

const crash = (id: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/clusters/${id}/nodes/1/crash`, headers });
const setOpen = (id: string, open: boolean, headers: Record<string, string> = {}) =>
  app.inject({ method: 'PUT', url: `/api/clusters/${id}/access`, payload: { open }, headers });

describe('owners and viewers', () => {
  it('refuses every route but the reads without the owner token, or with a wrong one, and changes nothing', async () => {
    app = await testApp({ requestTimeoutMs: 50 });
    const id = await createCluster(app, { nodes: 3, options: { paused: true } });
    const other = await createCluster(app, { nodes: 3 });
    const routes = await clusterRoutes();
    expect(routes.filter((r) => needOf(r) === 'control').length).toBeGreaterThan(20);
    const wrongTokens = [
      {},
      { authorization: `Bearer ${'A'.repeat(ownerToken(app, id).length)}` },
      asOwner(app, other), // another cluster's owner
      { authorization: ownerToken(app, id) }, // the token, but not as a Bearer token
    ];
    for (const route of routes) {
      for (const headers of wrongTokens) {
        const res = await app.inject({ method: route.method, url: urlOf(route.path, id), headers });
        const what = `${route.method} ${route.path} with ${JSON.stringify(headers)}`;
        if (needOf(route) === 'view') {
          expect(res.statusCode, what).not.toBe(403);
        } else {
          expect(res.statusCode, what).toBe(403);
          if (route.method !== 'HEAD') expect(res.json().error, what).toBe(ERROR_CODES.notOwner);
        }
      }
    }
    const cluster = app.clusters.get(id);
    expect(cluster.trace().inputs).toEqual([]);
    expect(cluster.history()).toEqual([]);
    expect(cluster.clock()).toMatchObject({ seq: 0, paused: true });
    expect(cluster.access.open).toBe(false);
  });

  it('lets the owner token through on every route', async () => {
    app = await testApp({ requestTimeoutMs: 50 });
    const id = await createCluster(app, { nodes: 3, options: { paused: true } });
    for (const route of await clusterRoutes()) {
      // Bodies are left out: what answers is the route's own check, never the owner rule.
      const res = await inject(app, { method: route.method, url: urlOf(route.path, id) });
      expect(res.statusCode, `${route.method} ${route.path}`).not.toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: `/api/clusters/${id}` })).statusCode).toBe(404);
  });

  it('answers the maker a 128-bit token, the owner link and the view link; GET says what the caller may do', async () => {
    app = await testApp();
    const res = await app.inject({ method: 'POST', url: '/api/clusters', payload: { nodes: 3 } });
    const { id, owner, viewLink, access } = res.json();
    expect(owner.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(Buffer.from(owner.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(owner.link).toBe(`/c/${id}#owner=${owner.token}`);
    expect(viewLink).toBe(`/c/${id}`);
    expect(access).toEqual({ open: false, owner: true, control: true });
    const second = await app.inject({ method: 'POST', url: '/api/clusters', payload: { nodes: 3 } });
    expect(second.json().owner.token).not.toBe(owner.token);

    const viewer = await app.inject({ method: 'GET', url: `/api/clusters/${id}` });
    expect(viewer.statusCode).toBe(200);
    expect(viewer.json().access).toEqual({ open: false, owner: false, control: false });
    expect(viewer.json()).not.toHaveProperty('owner');
    const headers = { authorization: `bearer ${owner.token}` }; // the scheme is case-insensitive
    const own = await app.inject({ method: 'GET', url: `/api/clusters/${id}/access`, headers });
    expect(own.json()).toEqual({ open: false, owner: true, control: true });
    expect((await crash(id, headers)).statusCode).toBe(200);
  });

  it('open control lets anyone with the link act, but not delete or close it; closing refuses again', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    await electLeader(app, id);
    expect((await crash(id)).statusCode).toBe(403);
    expect((await setOpen(id, true)).statusCode).toBe(403); // a viewer cannot open it

    const opened = await setOpen(id, true, asOwner(app, id));
    expect(opened.json()).toEqual({ open: true, owner: true, control: true });
    const guest = await app.inject({ method: 'GET', url: `/api/clusters/${id}/access` });
    expect(guest.json()).toEqual({ open: true, owner: false, control: true });
    expect((await crash(id)).statusCode).toBe(200);
    const put = { method: 'PUT' as const, url: `/api/clusters/${id}/kv/a`, payload: { value: '1' } };
    const write = await drive(app, app.inject(put));
    expect(write.statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/clusters/${id}` })).json().error).toBe(
      ERROR_CODES.notOwner,
    );
    expect((await setOpen(id, false)).statusCode).toBe(403);

    expect((await setOpen(id, false, asOwner(app, id))).json().open).toBe(false);
    expect(
      (await app.inject({ method: 'POST', url: `/api/clusters/${id}/nodes/1/restart` })).statusCode,
    ).toBe(403);
    expect((await inject(app, { method: 'DELETE', url: `/api/clusters/${id}` })).statusCode).toBe(200);
  });

  it('a fork belongs to whoever forked it; a branch keeps its cluster owner, told only to the owner', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    await electLeader(app, id);
    // Forking only reads: a viewer may, and owns the fork; the source's owner does not.
    const fork = await app.inject({
      method: 'POST',
      url: '/api/clusters',
      payload: { fork: { from: id, at: 5 } },
    });
    expect(fork.statusCode).toBe(201);
    const forked = fork.json();
    expect((await crash(forked.id, { authorization: `Bearer ${forked.owner.token}` })).statusCode).toBe(200);
    expect((await crash(forked.id, asOwner(app, id))).statusCode).toBe(403);

    const rewind = await inject(app, {
      method: 'POST',
      url: `/api/clusters/${id}/rewind`,
      payload: { at: 5 },
    });
    const { branch, branchOwner } = rewind.json();
    expect(branchOwner).toEqual({
      token: ownerToken(app, id),
      link: `/c/${branch.id}#owner=${ownerToken(app, id)}`,
    });
    expect((await crash(branch.id)).statusCode).toBe(403);
    expect((await crash(branch.id, asOwner(app, id))).statusCode).toBe(200);

    // Under open control a guest may rewind; the branch is open like its cluster, and its link is not the guest's.
    await setOpen(id, true, asOwner(app, id));
    const guest = await app.inject({ method: 'POST', url: `/api/clusters/${id}/rewind`, payload: { at: 3 } });
    expect(guest.statusCode).toBe(200);
    expect(guest.json()).not.toHaveProperty('branchOwner');
    const access = await app.inject({ method: 'GET', url: `/api/clusters/${guest.json().branch.id}/access` });
    expect(access.json()).toEqual({ open: true, owner: false, control: true });
  });

  it('a lesson run answers its owner, and only the owner drives its steps', async () => {
    app = await testApp();
    const res = await app.inject({ method: 'POST', url: '/api/lesson-runs', payload: { lesson: 'cast' } });
    expect(res.statusCode).toBe(201);
    const { id, owner, viewLink } = res.json();
    expect(viewLink).toBe(`/c/${id}`);
    const step = { method: 'POST' as const, url: `/api/clusters/${id}/actions`, payload: { actions: [] } };
    expect((await app.inject(step)).statusCode).toBe(403);
    const headers = { authorization: `Bearer ${owner.token}` };
    expect((await app.inject({ ...step, headers })).statusCode).toBe(200);
  });

  it('the stream needs no token, says whether control is open, and tells every viewer when it changes', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, options: { paused: true } });
    const frames: Array<{ type: string; open?: boolean; access?: { open: boolean } }> = [];
    const socket = await app.injectWS(
      `/api/clusters/${id}/stream`,
      {},
      {
        onInit: (ws) => ws.on('message', (data) => frames.push(JSON.parse(String(data)))),
      },
    );
    await until(() => frames.length > 0);
    expect(frames[0]).toMatchObject({ type: 'snapshot', access: { open: false } });
    // A viewer watching the past hears too.
    socket.send(JSON.stringify({ type: 'seek', at: 0 }));
    await until(() => frames.length >= 3);
    await setOpen(id, true, asOwner(app, id));
    await until(() => frames.some((f) => f.type === 'access'));
    expect(frames.at(-1)).toEqual({ type: 'access', open: true });
    await setOpen(id, false, asOwner(app, id));
    await until(() => frames.at(-1)?.open === false);
    socket.send(JSON.stringify({ type: 'live' }));
    await until(() => {
      app.driver.tick(20); // the resync goes out with a flush
      return frames.at(-1)?.type === 'snapshot';
    });
    expect(frames.at(-1)?.access).toEqual({ open: false });
    socket.terminate();
  });
});

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(done()).toBe(true);
}
