/**
 * Where a learner is in a lesson: which step, at which phase of it, the names bound so
 * far, and where each step started (so `Back` can return there). Plain data; the engine
 * (engine.ts) moves it and the panel (LessonPanel.tsx) shows it.
 */
import type { Lesson } from '@raftlab/lessons';
import { createStore, useStore } from 'zustand';
import type { StepMark } from '../../api/lessons';

/**
 * A step's phases, in order; a step without a question, task or wait skips that phase.
 * `paused`: the clock stopped during the wait before it held (a person paused it).
 */
export type StepPhase = 'starting' | 'asking' | 'doing' | 'playing' | 'paused' | 'done';

export interface LessonState {
  lesson: Lesson | null;
  clusterId: string | null;
  /** The step shown, 0-based. */
  step: number;
  phase: StepPhase;
  /** The last step is done and the learner went on: the lesson is complete. */
  finished: boolean;
  /** Names bound by the steps so far. */
  bindings: Record<string, number>;
  /** Where each step started, before it acted, and the names bound before it. */
  starts: { mark: StepMark; bindings: Record<string, number> }[];
  /** The choice picked for this step's question, by index. */
  answer: number | null;
  /** Whether the picked choice turned out right (known once the step has played). */
  answerRight: boolean | null;
  /** The step's task is done (its check held). */
  taskDone: boolean;
  /** The learner asked for the task's hint. */
  hinted: boolean;
  /** A request failed: what to tell the learner. */
  error: string | null;
}

export const initialLessonState = (): LessonState => ({
  lesson: null,
  clusterId: null,
  step: 0,
  phase: 'starting',
  finished: false,
  bindings: {},
  starts: [],
  answer: null,
  answerRight: null,
  taskDone: false,
  hinted: false,
  error: null,
});

export const lessonStore = createStore<LessonState>()(() => initialLessonState());

export function useLesson<T>(selector: (s: LessonState) => T): T {
  return useStore(lessonStore, selector);
}
