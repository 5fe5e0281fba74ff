/**
 * Test harness: an app whose clock moves only when the test says so, and helpers that
 * advance it while a request is waiting on the simulated cluster.
 */
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

/** Sends a request while the simulated cluster keeps running. */
export function request(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  return drive(app, app.inject(options));
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
  const res = await app.inject({ method: 'POST', url: '/api/clusters', payload: body });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Waits for a leader and returns its id. */
export async function electLeader(app: FastifyInstance, id: string): Promise<number> {
  let leader = 0;
  await until(app, () => (leader = app.clusters.get(id).leader()) !== 0);
  return leader;
}
