/**
 * Which page the address bar asks for: the library of lessons (`/learn`), one lesson
 * (`/learn/<id>?step=k&speed=s`, or `/learn/file` for a lesson file opened from the library),
 * the glossary (`/glossary`), or the dashboard of a cluster (`/c/:id`, or `/`, which makes one).
 */
import { isGlossaryPath } from '../api/route';

export type Page =
  | { kind: 'dashboard' }
  | { kind: 'learn' }
  | { kind: 'glossary' }
  /** `speed`: `?speed=` runs every wait at this virtual speed instead of the lesson's own. */
  | { kind: 'lesson'; id: string; step: number; speed: number | null };

/** The lesson file opened from the library waits here for its page. */
export const LESSON_FILE_KEY = 'raftlab.lessonFile';

const LESSON = /^\/learn\/([a-z0-9][a-z0-9-]{0,63})\/?$/;

export function pageOf(pathname: string, search: string): Page {
  if (/^\/learn\/?$/.test(pathname)) return { kind: 'learn' };
  if (isGlossaryPath(pathname)) return { kind: 'glossary' };
  const lesson = LESSON.exec(pathname);
  if (lesson) {
    const params = new URLSearchParams(search);
    const step = Number(params.get('step') ?? '1');
    const speed = Number(params.get('speed'));
    return {
      kind: 'lesson',
      id: lesson[1],
      step: Number.isInteger(step) && step >= 1 ? step : 1,
      speed: speed >= 0.001 && speed <= 20 ? speed : null,
    };
  }
  return { kind: 'dashboard' };
}
