import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCluster, electLeader, request, testApp, until } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

describe('traces', () => {
  it('a downloaded trace uploaded again plays the same run back as the clock moves', async () => {
    app = await testApp();
    const id = await createCluster(app, { seed: 31 });
    const leader = await electLeader(app, id);
    await request(app, { method: 'PUT', url: `/api/clusters/${id}/kv/a`, payload: { value: '1' } });
    await app.inject({ method: 'POST', url: `/api/clusters/${id}/nodes/${leader}/crash` });
    await until(app, () => ![0, leader].includes(app.clusters.get(id).sim.leader()));
    await request(app, { method: 'PUT', url: `/api/clusters/${id}/kv/b`, payload: { value: '2' } });
    const original = app.clusters.get(id);
    original.setClock({ paused: true });
    const trace = (await app.inject({ method: 'GET', url: `/api/clusters/${id}/trace` })).json();
    expect(trace.inputs.map((i: { kind: string }) => i.kind)).toEqual(['invoke', 'crash', 'invoke']);

    const res = await app.inject({ method: 'POST', url: '/api/clusters', payload: { trace } });
    expect(res.statusCode).toBe(201);
    expect(res.json().view.now).toBe(0); // it starts from the beginning, to be watched
    const copy = app.clusters.get(res.json().id);
    await until(app, () => copy.sim.now >= original.sim.now);
    copy.setClock({ paused: true });
    copy.sim.runUntil(original.sim.now);
    const strip = (view: ReturnType<typeof copy.sim.view>) =>
      view.nodes.map(({ log, kv, role, term, commit }) => ({ log, kv, role, term, commit }));
    expect(strip(copy.sim.view())).toEqual(strip(original.sim.view()));
    expect(copy.history()).toEqual(original.history());
  });

  it('a paused uploaded trace stepped one event at a time replays the recorded run, inputs included', async () => {
    app = await testApp();
    // Recorded: puts invoked before the first event, a crash after the election.
    const id = await createCluster(app, { seed: 32 });
    const recorded = app.clusters.get(id);
    recorded.setClock({ paused: true });
    void recorded.invoke({ type: 'put', key: 'a', value: '1' });
    while (recorded.leader() === 0) recorded.sim.runUntil(recorded.sim.now + 10_000);
    const leader = recorded.leader();
    await app.inject({ method: 'POST', url: `/api/clusters/${id}/nodes/${leader}/crash` });
    recorded.sim.runUntil(recorded.sim.now + 500_000);
    const trace = recorded.trace();
    expect(trace.inputs[0].afterEvents).toBe(0);

    const res = await app.inject({
      method: 'POST',
      url: '/api/clusters',
      payload: { trace, options: { paused: true } },
    });
    const copy = app.clusters.get(res.json().id);
    while (copy.sim.eventsProcessed < recorded.sim.eventsProcessed) copy.step();
    expect(copy.trace().inputs).toEqual(trace.inputs);
    expect(copy.sim.view().nodes).toEqual(recorded.sim.view().nodes);
  });

  it('rejects a trace that is not one', async () => {
    app = await testApp();
    const bad = await app.inject({
      method: 'POST',
      url: '/api/clusters',
      payload: { trace: { version: 2 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(app.clusters.size).toBe(0);
  });
});
