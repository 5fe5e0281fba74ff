import { lessonById, type Lesson } from '@raftlab/lessons';
import { LessonRun } from '@raftlab/lessons/runner';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { inject, testApp } from '../testing/harness';

let app: FastifyInstance;
afterEach(async () => {
  await app.close();
});

const post = (url: string, payload: object) => inject(app, { method: 'POST', url, payload });

describe('lessons', () => {
  it('lists the library, serves a lesson, and 404s an unknown one', async () => {
    app = await testApp();
    const list = (await inject(app, { method: 'GET', url: '/api/lessons' })).json();
    expect(list.lessons[0]).toMatchObject({ id: 'cast', steps: lessonById('cast')!.steps.length });
    expect((await inject(app, { method: 'GET', url: '/api/lessons/cast' })).json().id).toBe('cast');
    const missing = await inject(app, { method: 'GET', url: '/api/lessons/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe('RAFTLAB_ERR_LESSON_NOT_FOUND');
  });

  it('plays a lesson on the server exactly as the lesson runner plays it on a bare simulation', async () => {
    app = await testApp();
    const lesson = lessonById('cast')!;
    const created = await post('/api/lesson-runs', { lesson: 'cast' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const run = new LessonRun(lesson);
    let bindings: Record<string, number> = {};
    for (let k = 0; k < lesson.steps.length; k++) {
      const step = run.begin(k);
      // As the page does: the step's names are bound, and its actions done, by the server.
      const started = await post(`/api/clusters/${id}/actions`, {
        bind: step.bind ?? {},
        actions: step.do ?? [],
        bindings,
      });
      expect(started.statusCode, started.body).toBe(200);
      bindings = started.json().bindings;
      expect(bindings).toEqual(run.bindings);
      expect(started.json().mark.at).toBe(run.starts[k]);
      run.solve(k);
      if (step.task) await post(`/api/clusters/${id}/actions`, { actions: step.task.solution, bindings });
      expect(run.play(k)).toBe(true);
      if (step.until) {
        const body = { condition: step.until, bindings, ms: 60_000 };
        const answer = (await post(`/api/clusters/${id}/clock/advance-until`, body)).json();
        expect(answer.reached, step.title).toBe(true);
        expect(answer.clock.paused).toBe(true);
      }
      const state = (await inject(app, { method: 'GET', url: `/api/clusters/${id}` })).json();
      expect(state.clock.seq, step.title).toBe(run.sim.eventsProcessed);
      expect(state.view.nodes.map((n: { role: string; term: number }) => [n.role, n.term])).toEqual(
        run.world().nodes.map((n) => [n.role, n.term]),
      );
    }
  });

  it('goes back to the moment before a step acted, and the step plays the same again', async () => {
    app = await testApp();
    const lesson = lessonById('cast')!;
    const id = (await post('/api/lesson-runs', { lesson: 'cast' })).json().id as string;
    const until = (condition: object, bindings = {}) =>
      post(`/api/clusters/${id}/clock/advance-until`, { condition, bindings, ms: 60_000 });
    await until({ leader: 'any' });
    const crashStep = lesson.steps.find((s) => s.task?.solution.some((a) => a.do === 'crash'))!;
    const started = (await post(`/api/clusters/${id}/actions`, { bind: crashStep.bind, actions: [] })).json();
    await post(`/api/clusters/${id}/actions`, {
      actions: crashStep.task!.solution,
      bindings: started.bindings,
    });
    await until(crashStep.until!, started.bindings);
    const first = (await inject(app, { method: 'GET', url: `/api/clusters/${id}` })).json();
    const back = await post(`/api/clusters/${id}/rewind`, { ...started.mark, keep: false });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().branch).toBeUndefined();
    const cluster = app.clusters.get(id);
    expect(cluster.end).toBe(started.mark.at);
    expect(cluster.sim.recordedInputs()).toHaveLength(started.mark.inputs);
    expect(cluster.isUp(started.bindings.old)).toBe(true); // the crash is undone
    await post(`/api/clusters/${id}/actions`, {
      actions: crashStep.task!.solution,
      bindings: started.bindings,
    });
    await until(crashStep.until!, started.bindings);
    const again = (await inject(app, { method: 'GET', url: `/api/clusters/${id}` })).json();
    expect(again.clock.seq).toBe(first.clock.seq);
    expect(again.view.nodes).toEqual(first.view.nodes);
    expect(app.clusters.size).toBe(1); // no branch kept
  });

  it('runs the clock at a speed until a condition holds, then pauses right there', async () => {
    app = await testApp();
    const id = (await post('/api/lesson-runs', { lesson: 'cast' })).json().id as string;
    const until = { condition: { leader: 'any' }, speed: 1 };
    const started = (
      await inject(app, { method: 'PUT', url: `/api/clusters/${id}/clock/until`, payload: until })
    ).json();
    expect(started).toMatchObject({ reached: false, clock: { paused: false, speed: 1 } });
    for (let i = 0; i < 100 && !app.clusters.get(id).paused; i++) app.driver.tick(50);
    const cluster = app.clusters.get(id);
    expect(cluster.paused).toBe(true);
    expect(cluster.leader()).not.toBe(0);
    // One event earlier there was no leader: it paused right after the event that made one.
    const before = (
      await inject(app, { method: 'GET', url: `/api/clusters/${id}?at=${cluster.end - 1}` })
    ).json();
    expect(before.view.nodes.some((n: { role: string }) => n.role === 'leader')).toBe(false);
  });

  it('refuses a lesson file with problems, an unbound name, and a node the cluster lacks — changing nothing', async () => {
    app = await testApp();
    const cast = lessonById('cast')!;
    const broken: Lesson = {
      ...cast,
      id: 'broken',
      steps: [{ title: 'x', text: 'y', do: [{ do: 'crash', node: '$who' }] }],
    };
    const refused = await post('/api/lesson-runs', { lesson: broken });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'RAFTLAB_ERR_BAD_LESSON' });
    expect(refused.json().message).toContain('$who');
    const junk = await post('/api/lesson-runs', { lesson: { ...cast, junk: 1 } });
    expect(junk.statusCode).toBe(400);
    const id = (await post('/api/lesson-runs', { lesson: { ...cast, id: 'mine' } })).json().id as string;
    const seq = app.clusters.get(id).end;
    const unbound = await post(`/api/clusters/${id}/actions`, { actions: [{ do: 'crash', node: '$who' }] });
    expect(unbound.json().error).toBe('RAFTLAB_ERR_BAD_LESSON');
    const absent = await post(`/api/clusters/${id}/actions`, { actions: [{ do: 'crash', node: 9 }] });
    expect(absent.json().error).toBe('RAFTLAB_ERR_NODE_NOT_FOUND');
    expect(app.clusters.get(id).end).toBe(seq);
    expect(app.clusters.get(id).sim.recordedInputs()).toHaveLength(0);
  });
});
