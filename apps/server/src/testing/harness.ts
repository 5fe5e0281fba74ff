/**
 * Test harness: an app whose clock moves only when the test says so, and helpers that
 * advance it while a request is waiting on the simulated cluster.
 *
 * Owners: like the page, the harness keeps the owner token each creation answers (of the
 * clusters made through `inject`, `request` or `createCluster`), and `inject` and
 * `request` send it (`Authorization: Bearer`) for the cluster their URL names, unless the
 * test sets its own header. A test that means to come without the token calls
 * `app.inject` itself (plugins/access.test.ts). The rule is never relaxed for tests.
 */
import type { Owner } from '@raftlab/protocol';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../app';

export async function testApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp({ realTime: false, defaultSpeed: 1, webRoot: '/nonexistent', ...options });
  await app.ready();
  return app;
}

const yieldToIo = () => new Promise((resolve) => setImmediate(resolve));

/** Advances every cluster in 20 ms virtual steps (at speed 1) until `promise` settles. */
export async function drive<T>(app: FastifyInstance, promise: Promise<T>, maxSteps = 5000): Promise<T> {
  let settled = false;
  void promise.finally(() => (settled = true)).catch(() => undefined);
  for (let i = 0; i < maxSteps && !settled; i++) {
    app.driver.tick(20);
    await yieldToIo();
  }
  return promise;
}

/** The owner tokens answered to this app's creations, by cluster id. */
const owners = new WeakMap<FastifyInstance, Map<string, string>>();
const CLUSTER_URL = /^\/api\/clusters\/([a-z0-9]+)/;

/** The owner token of cluster `id`, which the harness saw made. */
export function ownerToken(app: FastifyInstance, id: string): string {
  const token = owners.get(app)?.get(id);
  if (!token) throw new Error(`the harness did not see cluster ${id} made`);
  return token;
}

/** `to` (a restarted app on `from`'s data file) is sent the tokens `from` was answered. */
export function carryOwners(from: FastifyInstance, to: FastifyInstance): void {
  owners.set(to, new Map(owners.get(from)));
}

/** The header a request of cluster `id`'s owner carries. */
export const asOwner = (app: FastifyInstance, id: string) => ({
  authorization: `Bearer ${ownerToken(app, id)}`,
});

/** `app.inject` as the owner of the cluster the URL names; keeps the token a creation answers. */
export async function inject(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  const kept = owners.get(app) ?? new Map<string, string>();
  owners.set(app, kept);
  const id = CLUSTER_URL.exec(String(options.url ?? ''))?.[1];
  const token = id === undefined ? undefined : kept.get(id);
  const headers =
    token === undefined ? options.headers : { authorization: `Bearer ${token}`, ...options.headers };
  const res = await app.inject({ ...options, headers });
  // What the page keeps too: a new cluster's token, and a rewind's branch's (answered to the owner).
  const json = String(res.headers['content-type']).startsWith('application/json') && res.body.length > 0;
  if (json && res.statusCode < 300) {
    const made = res.json() as { id?: string; owner?: Owner; branch?: { id: string }; branchOwner?: Owner };
    if (made.id && made.owner) kept.set(made.id, made.owner.token);
    if (made.branch && made.branchOwner) kept.set(made.branch.id, made.branchOwner.token);
  }
  return res;
}

/** Sends a request (as the owner, like `inject`) while the simulated cluster keeps running. */
export function request(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  return drive(app, inject(app, options));
}

/** Runs the clock until `predicate` holds (or throws after `maxSteps`). */
export async function until(app: FastifyInstance, predicate: () => boolean, maxSteps = 5000): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    if (predicate()) return;
    app.driver.tick(20);
    await yieldToIo();
  }
  throw new Error('condition not reached');
}

export async function createCluster(app: FastifyInstance, body: object = {}): Promise<string> {
  const res = await inject(app, { method: 'POST', url: '/api/clusters', payload: body });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Waits for a leader and returns its id. */
export async function electLeader(app: FastifyInstance, id: string): Promise<number> {
  let leader = 0;
  await until(app, () => (leader = app.clusters.get(id).leader()) !== 0);
  return leader;
}
