/**
 * Every lesson of the library, checked twice over here (the browser plays each in e2e):
 * its file is valid, its words are short and name only bound nodes, and played on the
 * simulator as the page plays it — the task's model solution for the learner — every
 * step reaches its `until`, every claim holds at its end, and every question has a
 * right answer that the simulation agrees is right.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from './catalogue';
import { LessonRun } from './runner';
import { lessonErrors } from './schema';
import { unboundPlaceholders } from './text';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe.each(LESSONS.map((lesson) => [lesson.id, lesson] as const))('lesson %s', (_id, lesson) => {
  it('is a valid lesson file with short steps that name only bound nodes', () => {
    expect(lessonErrors(lesson)).toEqual([]);
    const bound = new Set<string>();
    for (const step of lesson.steps) {
      for (const name of Object.keys(step.bind ?? {})) bound.add(name);
      expect(words(step.text), step.title).toBeLessThanOrEqual(60);
      for (const text of [step.text, step.then ?? '', step.task?.prompt ?? '', step.task?.hint ?? ''])
        expect(unboundPlaceholders(text, bound), step.title).toEqual([]);
    }
  });

  it('plays to the end with every claim true and every question answered by the simulation', () => {
    const run = new LessonRun(lesson);
    lesson.steps.forEach((step, k) => {
      run.begin(k);
      // Predict, then see: what the step waits for has not happened when it asks.
      if (step.question && step.until)
        expect(run.holds(step.until), `${step.title}: answered before it is asked`).toBe(false);
      if (step.task) {
        expect(run.holds(step.task.check), `${step.title}: the task is done before the learner acts`).toBe(
          false,
        );
        expect(run.solve(k), `${step.title}: the task's solution does not satisfy its check`).toBe(true);
      }
      expect(run.play(k), `${step.title}: until never holds`).toBe(true);
      expect(run.failedClaims(k), step.title).toEqual([]);
      if (step.question) {
        const right = step.question.choices.filter((c) =>
          c.rightIf ? run.holds(c.rightIf) : c.correct === true,
        );
        expect(right.length, `${step.title}: no choice is right`).toBeGreaterThan(0);
        expect(right.length, `${step.title}: every choice is right`).toBeLessThan(
          step.question.choices.length,
        );
      }
    });
  });
});
