import { lessonById, type Lesson } from '@raftlab/lessons';
import { LessonRun } from '@raftlab/lessons/runner';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness';

let app: FastifyInstance;
afterEach(async () => {
  await app.close();
});

const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });

describe('lessons', () => {
  it('lists the library, serves a lesson, and 404s an unknown one', async () => {
    app = await testApp();
    const list = (await app.inject({ method: 'GET', url: '/api/lessons' })).json();
    expect(list.lessons[0]).toMatchObject({ id: 'cast', steps: lessonById('cast')!.steps.length });
    expect((await app.inject({ method: 'GET', url: '/api/lessons/cast' })).json().id).toBe('cast');
    const missing = await app.inject({ method: 'GET', url: '/api/lessons/nope' });
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
    for (let k = 0; k < lesson.steps.length; k++) {
      const step = run.begin(k);
      // The page binds names from its view, which equals the server's state while paused.
      const bindings = { ...run.bindings };
      const actions = [...(step.do ?? []), ...(step.task?.solution ?? [])];
      run.solve(k);
      expect(run.play(k)).toBe(true);
      if (actions.length > 0)
        expect((await post(`/api/clusters/${id}/actions`, { actions, bindings })).statusCode).toBe(200);
      if (step.until) {
        const answer = (
          await post(`/api/clusters/${id}/clock/advance-until`, {
            condition: step.until,
            bindings,
            ms: 60_000,
          })
        ).json();
        expect(answer.reached, step.title).toBe(true);
        expect(answer.clock.paused).toBe(true);
      }
      const state = (await app.inject({ method: 'GET', url: `/api/clusters/${id}` })).json();
      expect(state.clock.seq, step.title).toBe(run.sim.eventsProcessed);
      expect(state.view.nodes.map((n: { role: string; term: number }) => [n.role, n.term])).toEqual(
        run.world().nodes.map((n) => [n.role, n.term]),
      );
    }
  });

  it('runs the clock at a speed until a condition holds, then pauses right there', async () => {
    app = await testApp();
    const id = (await post('/api/lesson-runs', { lesson: 'cast' })).json().id as string;
    const until = { condition: { leader: 'any' }, speed: 1 };
    const started = (
      await app.inject({ method: 'PUT', url: `/api/clusters/${id}/clock/until`, payload: until })
    ).json();
    expect(started).toMatchObject({ reached: false, clock: { paused: false, speed: 1 } });
    for (let i = 0; i < 100 && !app.clusters.get(id).paused; i++) app.driver.tick(50);
    const cluster = app.clusters.get(id);
    expect(cluster.paused).toBe(true);
    expect(cluster.leader()).not.toBe(0);
    // One event earlier there was no leader: it paused right after the event that made one.
    const before = (
      await app.inject({ method: 'GET', url: `/api/clusters/${id}?at=${cluster.end - 1}` })
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
