/**
 * A learner's way through the library, kept in this browser (localStorage), so `/learn`
 * can say which lessons are done and where to continue the others. Only the library's
 * lessons count: a lesson file opened from disk may reuse a library lesson's id.
 */
import { browserStorage } from '../../app/browserStorage';

const KEY = 'raftlab.lessonProgress';

/** One lesson's progress: the furthest step reached (1-based) and whether it was finished. */
export interface LessonProgress {
  step: number;
  done: boolean;
}

export type Progress = Record<string, LessonProgress>;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isProgress(value: unknown): value is LessonProgress {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return Number.isInteger(p.step) && (p.step as number) >= 1 && typeof p.done === 'boolean';
}

/** What this browser remembers; anything unreadable (hand-edited, an older shape) is left out. */
export function readProgress(storage: Store | null = browserStorage()): Progress {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage?.getItem(KEY) ?? '{}');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const progress: Progress = {};
  for (const [id, value] of Object.entries(parsed)) if (isProgress(value)) progress[id] = value;
  return progress;
}

function write(progress: Progress, storage: Store | null): void {
  try {
    storage?.setItem(KEY, JSON.stringify(progress));
  } catch {
    // Storage full or refused: progress lasts as long as the page.
  }
}

/** The learner reached step `step` (1-based) of lesson `id`; only the furthest step is kept. */
export function reachedStep(id: string, step: number, storage: Store | null = browserStorage()): void {
  const progress = readProgress(storage);
  const was = progress[id];
  if (was && was.step >= step) return;
  progress[id] = { step, done: was?.done ?? false };
  write(progress, storage);
}

/** The learner finished lesson `id`. */
export function finishedLesson(id: string, storage: Store | null = browserStorage()): void {
  const progress = readProgress(storage);
  progress[id] = { step: progress[id]?.step ?? 1, done: true };
  write(progress, storage);
}

/** Forgets every lesson's progress (the library's `Forget my progress`). */
export function forgetProgress(storage: Store | null = browserStorage()): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // Refused: nothing was kept either.
  }
}
