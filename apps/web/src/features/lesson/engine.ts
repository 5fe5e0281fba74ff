/**
 * Plays a lesson on its cluster (issue 15), a step at a time, through the server's
 * lesson routes — the same requests, in the same order, as the lesson tests make on a
 * bare simulation (packages/lessons/src/runner.ts), so the cluster the learner sees is
 * the one the tests checked:
 *
 *   bind the step's names and do its actions → ask its question → wait for the learner's
 *   task (the clock stands still) → do its `afterAnswer` actions → run the clock slowly
 *   until its `until` holds → done.
 *
 * A step never advances on a timer: only an answer, a task done, or the simulation
 * reaching the event the step is about moves it on. `Back` returns the cluster to the
 * moment the previous step started (before it acted) and plays that step again.
 */
import { DEFAULT_LESSON_SPEED, holds, type Lesson, type Step } from '@raftlab/lessons';
import { ApiError } from '../../api/client';
import { lessonsApi } from '../../api/lessons';
import { raftStore } from '../../store/store';
import { finishedLesson, reachedStep } from '../learn/progress';
import { initialLessonState, lessonStore } from './lessonStore';
import { storeWorld } from './storeWorld';

/** Bumped by every move, so an answer that comes after the learner moved on is dropped. */
let generation = 0;
let stopWatching: (() => void) | null = null;
/** `?speed=`: every wait at this virtual speed, not the lesson's (null: the lesson's). */
let speedOverride: number | null = null;
/** The library lesson being played, whose progress `/learn` shows; null for a lesson file. */
let libraryId: string | null = null;

const state = () => lessonStore.getState();
const set = (patch: Partial<ReturnType<typeof state>>) => lessonStore.setState(patch);
const stepOf = (k = state().step): Step => state().lesson!.steps[k];
const speedOf = (step: Step) => speedOverride ?? step.speed ?? state().lesson?.speed ?? DEFAULT_LESSON_SPEED;

function failed(error: unknown): void {
  set({ error: error instanceof ApiError ? error.message : String(error) });
}

function watch(listener: () => void): void {
  stopWatching?.();
  stopWatching = raftStore.subscribe(listener);
}

function unwatch(): void {
  stopWatching?.();
  stopWatching = null;
}

/** Opens a lesson (from the library or a file) on a new cluster; `step` is 1-based, from `?step=`. */
export async function openLesson(
  lesson: string | Lesson,
  step = 1,
  speed: number | null = null,
): Promise<string> {
  const gen = ++generation;
  speedOverride = speed;
  libraryId = typeof lesson === 'string' ? lesson : null;
  lessonStore.setState(initialLessonState());
  const run = await lessonsApi.start(lesson);
  if (gen !== generation) return run.id;
  set({ lesson: run.lesson, clusterId: run.id });
  const target = Math.min(Math.max(1, step), run.lesson.steps.length) - 1;
  void (async () => {
    try {
      for (let k = 0; k < target; k++) await passStep(k, gen);
      if (gen === generation) await enter(target, gen);
    } catch (error) {
      failed(error);
    }
  })();
  return run.id;
}

/** Plays step `k` at once, the task done by its model solution (on the way to `?step=`). */
async function passStep(k: number, gen: number): Promise<void> {
  await begin(k);
  const step = stepOf(k);
  const { clusterId, bindings } = state();
  if (step.task) await lessonsApi.act(clusterId!, step.task.solution, bindings);
  if (step.afterAnswer) await lessonsApi.act(clusterId!, step.afterAnswer, bindings);
  if (step.until) await lessonsApi.advanceUntil(clusterId!, step.until, bindings);
  if (gen !== generation) throw new Error('moved on');
}

/** Binds step `k`'s names and does its actions, remembering where it started. */
async function begin(k: number): Promise<void> {
  const { clusterId, bindings, starts } = state();
  const step = stepOf(k);
  const started = await lessonsApi.act(clusterId!, step.do ?? [], bindings, step.bind ?? {});
  const kept = starts.slice(0, k);
  kept[k] = { mark: started.mark, bindings };
  set({ step: k, starts: kept, bindings: started.bindings });
}

async function enter(k: number, gen: number): Promise<void> {
  unwatch();
  set({
    step: k,
    phase: 'starting',
    answer: null,
    answerRight: null,
    taskDone: false,
    hinted: false,
    error: null,
    finished: false,
  });
  if (libraryId !== null) reachedStep(libraryId, k + 1);
  await begin(k);
  if (gen === generation) proceed(gen);
}

/** Moves the step on to its next phase: question, task, wait, done. */
function proceed(gen: number): void {
  const step = stepOf();
  const { answer, taskDone } = state();
  if (step.question && answer === null) return set({ phase: 'asking' });
  if (step.task && !taskDone) return awaitTask(gen);
  if (step.until || step.afterAnswer) return void play(gen);
  finish(gen);
}

/** The clock stands still while the learner acts; the step goes on once the task's check holds. */
function awaitTask(gen: number): void {
  set({ phase: 'doing' });
  const check = () => {
    if (gen !== generation || state().phase !== 'doing') return;
    if (holds(stepOf().task!.check, storeWorld(raftStore.getState()), state().bindings)) {
      unwatch();
      set({ taskDone: true });
      proceed(gen);
    }
  };
  watch(check);
  check();
}

/**
 * Does the step's `afterAnswer` actions, then runs the clock slowly until its `until`
 * holds; the server pauses it right there.
 */
async function play(gen: number): Promise<void> {
  const step = stepOf();
  const { clusterId, bindings } = state();
  set({ phase: 'playing' });
  try {
    if (step.afterAnswer) await lessonsApi.act(clusterId!, step.afterAnswer, bindings);
    if (gen !== generation) return;
    if (!step.until) return finish(gen);
    const answer = await lessonsApi.until(clusterId!, step.until!, bindings, speedOf(step));
    if (gen !== generation) return;
    if (answer.reached) return finish(gen);
    // Stopped once the stream shows the clock paused after it ran: it ran if events came
    // (a short wait may start and end within one frame of the stream) or it was seen running.
    let sawRunning = false;
    watch(() => {
      const clock = raftStore.getState().clock;
      if (!clock.paused) sawRunning = true;
      else if ((sawRunning || clock.seq > answer.clock.seq) && state().phase === 'playing') void stopped(gen);
    });
  } catch (error) {
    failed(error);
  }
}

/** The clock stopped during a wait: the step is done if the server says its `until` holds. */
async function stopped(gen: number): Promise<void> {
  unwatch();
  const { clusterId, bindings } = state();
  const { holds: reached } = await lessonsApi.holds(clusterId!, stepOf().until!, bindings);
  if (gen !== generation) return;
  if (reached) finish(gen);
  else set({ phase: 'paused' });
}

function finish(gen: number): void {
  if (gen !== generation) return;
  unwatch();
  const step = stepOf();
  const { answer } = state();
  let answerRight: boolean | null = null;
  if (step.question && answer !== null) {
    const choice = step.question.choices[answer];
    answerRight = choice.rightIf
      ? holds(choice.rightIf, storeWorld(raftStore.getState()), state().bindings)
      : choice.correct === true;
  }
  set({ phase: 'done', answerRight });
}

// What the panel's buttons do.

export function answer(choice: number): void {
  if (state().phase !== 'asking') return;
  set({ answer: choice });
  proceed(generation);
}

/** Plays on after the learner paused during a wait. */
export function playOn(): void {
  if (state().phase === 'paused') void play(generation);
}

export function showHint(): void {
  set({ hinted: true });
}

export function next(): void {
  const { step, lesson, phase } = state();
  if (!lesson || phase !== 'done') return;
  if (step + 1 >= lesson.steps.length) {
    if (libraryId !== null) finishedLesson(libraryId);
    return set({ finished: true });
  }
  const gen = ++generation;
  void enter(step + 1, gen).catch(failed);
}

/** Does the rest of the step at once: the task by its model solution, the wait to its end. */
export function skip(): void {
  const { clusterId, bindings, phase } = state();
  if (phase === 'done' || phase === 'starting') return;
  const gen = ++generation;
  unwatch();
  const step = stepOf();
  void (async () => {
    try {
      if (step.task && (phase === 'asking' || phase === 'doing'))
        await lessonsApi.act(clusterId!, step.task.solution, bindings);
      if (step.until) await lessonsApi.advanceUntil(clusterId!, step.until, bindings);
      if (gen === generation) finish(gen);
    } catch (error) {
      failed(error);
    }
  })();
}

/** Back to where step `k` started (before it acted), and plays it again from there. */
async function goBackTo(k: number): Promise<void> {
  const { clusterId, starts } = state();
  const start = starts[k];
  if (!start) return;
  const gen = ++generation;
  unwatch();
  try {
    await lessonsApi.rewindTo(clusterId!, start.mark);
    if (gen !== generation) return;
    set({ bindings: start.bindings });
    await enter(k, gen);
  } catch (error) {
    failed(error);
  }
}

export function back(): void {
  const { step, finished } = state();
  if (finished) return set({ finished: false });
  if (step > 0) void goBackTo(step - 1);
}

export function restart(): void {
  void goBackTo(0);
}

/** Leaves the lesson: the engine lets the cluster go, as it is. */
export function leaveLesson(): void {
  ++generation;
  unwatch();
}
