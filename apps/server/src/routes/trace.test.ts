import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { LESSONS } from '@raftlab/lessons';
import { LessonRun } from '@raftlab/lessons/runner';
import { runSeed } from '@raftlab/sim';
import { createCluster, electLeader, inject, request, testApp, until } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

describe('traces', () => {
  it('a downloaded trace uploaded again is the same run, computed to its end at once and paused', async () => {
    app = await testApp();
    const id = await createCluster(app, { seed: 31 });
    const leader = await electLeader(app, id);
    await request(app, { method: 'PUT', url: `/api/clusters/${id}/kv/a`, payload: { value: '1' } });
    await inject(app, { method: 'POST', url: `/api/clusters/${id}/nodes/${leader}/crash` });
    await until(app, () => ![0, leader].includes(app.clusters.get(id).sim.leader()));
    await request(app, { method: 'PUT', url: `/api/clusters/${id}/kv/b`, payload: { value: '2' } });
    const original = app.clusters.get(id);
    original.setClock({ paused: true });
    const trace = (await inject(app, { method: 'GET', url: `/api/clusters/${id}/trace` })).json();
    expect(trace.inputs.map((i: { kind: string }) => i.kind)).toEqual(['invoke', 'crash', 'invoke']);

    const res = await inject(app, { method: 'POST', url: '/api/clusters', payload: { trace } });
    expect(res.statusCode).toBe(201);
    const copy = app.clusters.get(res.json().id);
    const last = trace.inputs[trace.inputs.length - 1];
    expect(trace.events).toBeGreaterThan(last.afterEvents);
    expect(res.json().clock).toMatchObject({ seq: trace.events, paused: true });
    expect(copy.trace().inputs).toEqual(trace.inputs);
    // Every moment of the upload is the original's moment.
    for (const at of [0, Math.floor(last.afterEvents / 2), last.afterEvents]) {
      const [a, b] = await Promise.all(
        [id, copy.id].map((c) => inject(app, { method: 'GET', url: `/api/clusters/${c}?at=${at}` })),
      );
      expect(b.json().view).toEqual(a.json().view);
      expect(b.json().clock.seq).toBe(at);
    }
    copy.sim.runUntil(original.sim.now);
    expect(copy.sim.view().nodes).toEqual(original.sim.view().nodes);
    expect(copy.history()).toEqual(original.history());
  });

  it("an uploaded failing trace's markers hold its violations", async () => {
    app = await testApp();
    // Swarm seed 1 breaks Figure 8's rule once the bug is switched on.
    const run = runSeed(1, { config: { bugs: ['figure8-commit'] } });
    expect(run.violations.length).toBeGreaterThan(0);
    const res = await inject(app, { method: 'POST', url: '/api/clusters', payload: { trace: run.trace } });
    expect(res.statusCode).toBe(201);
    const cluster = app.clusters.get(res.json().id);
    const trouble = cluster.markers.firstTrouble();
    expect(trouble?.kind).toBe('violation');
    const at = trouble!.at;
    // The moment before it has no violation; the marked one has.
    const before = await inject(app, { method: 'GET', url: `/api/clusters/${cluster.id}?at=${at - 1}` });
    const marked = await inject(app, { method: 'GET', url: `/api/clusters/${cluster.id}?at=${at}` });
    expect(before.json().view.violations).toEqual([]);
    expect(marked.json().view.violations.length).toBeGreaterThan(0);
  });

  it('rejects a trace that is not one, or that cannot be replayed, and creates nothing', async () => {
    app = await testApp();
    const bad = await inject(app, {
      method: 'POST',
      url: '/api/clusters',
      payload: { trace: { version: 2 } },
    });
    expect(bad.statusCode).toBe(400);
    const id = await createCluster(app, { nodes: 3, seed: 2 });
    const trace = app.clusters.get(id).trace();
    const crashNine = { ...trace, inputs: [{ kind: 'crash', node: 9, at: 0, afterEvents: 0 }] };
    const res = await inject(app, { method: 'POST', url: '/api/clusters', payload: { trace: crashNine } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('RAFTLAB_ERR_BAD_TRACE');
    const late = { ...trace, inputs: [{ kind: 'crash', node: 1, at: 0, afterEvents: 1e9 }] };
    const tooLong = await inject(app, { method: 'POST', url: '/api/clusters', payload: { trace: late } });
    expect(tooLong.statusCode).toBe(400);
    expect(app.clusters.size).toBe(1);
  });

  it('refuses each trace that once was accepted with 201 and then froze (issue 16, defect 5), and creates nothing', async () => {
    app = await testApp();
    const id = await createCluster(app, { nodes: 3, seed: 2 });
    const trace = app.clusters.get(id).trace();
    const nine = { ...trace, config: { ...trace.config, nodes: 9 } };
    const crash = (at: number, afterEvents: number) => ({ kind: 'crash', node: 1, at, afterEvents });
    const bad: Record<string, unknown> = {
      'a partition naming node 9 of 3': {
        ...trace,
        inputs: [
          {
            kind: 'partition',
            groups: [
              [1, 9],
              [2, 3],
            ],
            at: 0,
            afterEvents: 0,
          },
        ],
      },
      'inputs out of order': { ...trace, inputs: [crash(5000, 10), { ...crash(1000, 5), kind: 'restart' }] },
      'afterEvents going down': {
        ...trace,
        inputs: [crash(1000, 10), { ...crash(2000, 5), kind: 'restart' }],
      },
      'a tenth node': { ...nine, inputs: [{ kind: 'add-node', at: 0, afterEvents: 0 }] },
      'an input at 1e300': { ...trace, inputs: [crash(1e300, 0)] },
      'an unknown config field': { ...trace, config: { ...trace.config, junk: 'x'.repeat(1000) } },
      'an unknown field of the trace': { ...trace, junk: true },
    };
    for (const [what, t] of Object.entries(bad)) {
      const res = await inject(app, { method: 'POST', url: '/api/clusters', payload: { trace: t } });
      expect(res.statusCode, what).toBe(400);
      expect(['RAFTLAB_ERR_BAD_TRACE', 'RAFTLAB_ERR_BAD_REQUEST'], what).toContain(res.json().error);
    }
    expect(app.clusters.size).toBe(1);
  });
});

describe('a failed linearizability check on the timeline', () => {
  it('is marked at the completion that broke the history, in an uploaded trace and after a rewind', async () => {
    app = await testApp();
    // Lesson 11 runs a retried write twice (no sessions): the checker finds no order.
    const run = new LessonRun(LESSONS.find((l) => l.id === 'sessions')!);
    run.lesson.steps.forEach((step, k) => {
      run.begin(k);
      if (step.task) run.solve(k);
      run.play(k);
    });
    const res = await inject(app, {
      method: 'POST',
      url: '/api/clusters',
      payload: { trace: run.sim.trace() },
    });
    expect(res.statusCode).toBe(201);
    const cluster = app.clusters.get(res.json().id);
    const marks = cluster.markers.all().filter((m) => m.kind === 'nonlinearizable');
    expect(marks).toHaveLength(1);
    const { at } = marks[0];
    expect(marks[0].label).toMatch(/^Not linearizable: /);
    expect(cluster.markers.firstTrouble()?.at).toBe(at);
    const verdict = async (moment: number) =>
      (await inject(app, { method: 'GET', url: `/api/clusters/${cluster.id}/history?at=${moment}` })).json()
        .verdict.status;
    // The completion at `at` is the one: the moment before it still checks out.
    expect(await verdict(at)).toBe('not-linearizable');
    expect(await verdict(at - 1)).toBe('linearizable');
    expect(cluster.markers.linearizable).toBe(false);
    // Back before it, the history is linearizable again, and the marker goes.
    cluster.rewind(at - 1);
    expect(cluster.markers.linearizable).toBe(true);
    expect(cluster.markers.all().some((m) => m.kind === 'nonlinearizable')).toBe(false);
    // Run on live, the same future is checked now and then, and marked at the same moment.
    cluster.setClock({ paused: false, speed: 1, pauseOnTrouble: true });
    await until(app, () => !cluster.markers.linearizable);
    expect(cluster.markers.all().filter((m) => m.kind === 'nonlinearizable')).toEqual(marks);
    expect(cluster.clock().paused).toBe(true);
  });
});
