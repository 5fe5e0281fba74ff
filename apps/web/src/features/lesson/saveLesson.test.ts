import { lessonErrors } from '@raftlab/lessons/schema';
import { LessonRun } from '@raftlab/lessons/runner';
import { Simulation } from '@raftlab/sim';
import { describe, expect, it } from 'vitest';
import { lessonFromTrace } from './saveLesson';

describe('lessonFromTrace', () => {
  it('is a valid lesson file that starts exactly where the cluster was', () => {
    const sim = new Simulation({ seed: 4, nodes: 3 });
    sim.runUntil(400_000);
    sim.input({ kind: 'crash', node: 2 });
    sim.invoke(sim.freshClientId(), { type: 'put', key: 'k', value: 'v' });
    sim.runUntil(900_000);
    const lesson = lessonFromTrace(sim.trace(), 'abc123');
    expect(lessonErrors(lesson)).toEqual([]);
    const run = new LessonRun(lesson);
    expect(run.sim.eventsProcessed).toBe(sim.eventsProcessed);
    expect(run.sim.view().nodes).toEqual(sim.view().nodes);
  });
});
