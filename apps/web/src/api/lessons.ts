/** The lesson routes (apps/server/src/routes/lessons.ts): the library, a lesson's cluster, its steps' requests. */
import type { Action, Binding, Condition, Lesson } from '@raftlab/lessons';
import type { Clock, Ownership } from '@raftlab/protocol';
import { cluster, request } from './client';
import { keepOwnership } from './owners';

export interface LessonSummary {
  id: string;
  title: string;
  summary: string;
  section: { label: string; href: string };
  minutes: number;
  steps: number;
}

/** A moment between inputs: where a step started, before it acted. */
export interface StepMark {
  at: number;
  inputs: number;
}

type Names = Record<string, number>;

export const lessonsApi = {
  list: () => request<{ lessons: LessonSummary[] }>('GET', '/api/lessons'),
  /** A cluster for a lesson of the library (by id) or a lesson file, paused at its start. */
  start: (lesson: string | Lesson) =>
    request<{ id: string; lesson: Lesson } & Ownership>('POST', '/api/lesson-runs', { lesson }).then(
      keepOwnership,
    ),
  /** Binds a step's names and does its actions; answers every name and the moment before. */
  act: (id: string, actions: Action[], bindings: Names, bind: Record<string, Binding> = {}) =>
    request<{ clock: Clock; bindings: Names; mark: StepMark }>('POST', `${cluster(id)}/actions`, {
      actions,
      bindings,
      bind,
    }),
  /** Runs the clock at `speed` until `condition` holds, then it pauses. */
  until: (id: string, condition: Condition, bindings: Names, speed: number) =>
    request<{ clock: Clock; reached: boolean }>('PUT', `${cluster(id)}/clock/until`, {
      condition,
      bindings,
      speed,
    }),
  /** Runs at once until `condition` holds (a skipped step, a step passed on the way to `?step=`). */
  advanceUntil: (id: string, condition: Condition, bindings: Names) =>
    request<{ clock: Clock; reached: boolean }>('POST', `${cluster(id)}/clock/advance-until`, {
      condition,
      bindings,
      ms: 600_000,
    }),
  /** Whether `condition` holds of the cluster now (read on the server's simulation). */
  holds: (id: string, condition: Condition, bindings: Names) =>
    request<{ holds: boolean }>('POST', `${cluster(id)}/holds`, { condition, bindings }),
  /** Back to `mark`, dropping the future (a lesson's future replays exactly). */
  rewindTo: (id: string, mark: StepMark) =>
    request<{ clock: Clock }>('POST', `${cluster(id)}/rewind`, { ...mark, keep: false }),
};
