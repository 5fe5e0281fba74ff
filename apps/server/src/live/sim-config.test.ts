/**
 * A create request as the simulator's config: milliseconds become microseconds in one
 * place, defaults are the simulator's, and the checks that compare two fields hold for
 * options, uploaded traces and links alike, refusing before anything is evicted.
 */
import { DEFAULT_SIM_CONFIG } from '@raftlab/sim';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, inject, testApp } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

const create = (payload: object) => inject(app, { method: 'POST', url: '/api/clusters', payload });

describe('create options', () => {
  it('leave every default to the simulator and convert latency to microseconds', async () => {
    app = await testApp();
    const res = await create({ options: { latencyMs: { min: 2.5, max: 7.25 } } });
    expect(res.statusCode).toBe(201);
    const { nodes, electionTick, heartbeatTick, latency } = res.json().view.config;
    expect({ nodes, electionTick, heartbeatTick }).toEqual({
      nodes: DEFAULT_SIM_CONFIG.nodes,
      electionTick: DEFAULT_SIM_CONFIG.electionTick,
      heartbeatTick: DEFAULT_SIM_CONFIG.heartbeatTick,
    });
    expect(latency).toEqual({ minUs: 2500, maxUs: 7250 });
  });

  it.each([
    [{ latencyMs: { min: 9, max: 1 } }, 'latencyMs.min exceeds latencyMs.max'],
    // Against the simulator's default election timeout.
    [{ heartbeatTick: DEFAULT_SIM_CONFIG.electionTick }, 'heartbeatTick must be below electionTick'],
    [{ electionTick: DEFAULT_SIM_CONFIG.heartbeatTick }, 'heartbeatTick must be below electionTick'],
  ])('refuse %j before evicting a cluster', async (options, why) => {
    app = await testApp({ maxClusters: 1 });
    const kept = await createCluster(app);
    const res = await create({ options });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'RAFTLAB_ERR_BAD_TRACE',
      message: `The trace cannot be replayed: ${why}`,
    });
    expect((await inject(app, { method: 'GET', url: `/api/clusters/${kept}` })).statusCode).toBe(200);
  });

  it('accept a heartbeat just below the default election timeout', async () => {
    app = await testApp();
    expect(
      (await create({ options: { heartbeatTick: DEFAULT_SIM_CONFIG.electionTick - 1 } })).statusCode,
    ).toBe(201);
  });
});

describe('an uploaded trace', () => {
  it.each([
    [{ latency: { minUs: 9000, maxUs: 1000 } }, 'latency.minUs exceeds latency.maxUs'],
    [{ heartbeatTick: 20, electionTick: 10 }, 'heartbeatTick must be below electionTick'],
  ])('with %j is refused', async (change, why) => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    const trace = (await inject(app, { method: 'GET', url: `/api/clusters/${id}/trace` })).json();
    const res = await create({ trace: { ...trace, config: { ...trace.config, ...change } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(`The trace cannot be replayed: ${why}`);
    expect(app.clusters.size).toBe(1);
  });
});

describe('a link change', () => {
  it('refuses a backwards latency range with the same rule, naming the link', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3 });
    const links = [{ from: 1, to: 2, latencyMs: { min: 9, max: 1 } }];
    const res = await inject(app, { method: 'PUT', url: `/api/clusters/${id}/network`, payload: { links } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'RAFTLAB_ERR_BAD_NETWORK',
      message: 'Link 1→2: latencyMs.min exceeds latencyMs.max',
    });
  });
});
