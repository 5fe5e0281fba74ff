/**
 * The library (`/learn`, heading `Learn Raft`): every lesson with its length, in the
 * order to take them, which of them this browser finished and where to continue the
 * others (progress.ts); a lesson file a teacher wrote can be opened from here.
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import { ApiError } from '../../api/client';
import { lessonsApi, type LessonSummary } from '../../api/lessons';
import { LESSON_FILE_KEY } from '../../app/pages';
import { forgetProgress, readProgress, type Progress } from './progress';
import './learn.css';

async function openFile(e: ChangeEvent<HTMLInputElement>, setError: (e: string) => void): Promise<void> {
  const file = e.target.files?.[0];
  if (!file) return;
  try {
    JSON.parse(await file.text()); // the server validates it; this only catches a file that is not JSON
    sessionStorage.setItem(LESSON_FILE_KEY, await file.text());
    window.location.assign('/learn/file');
  } catch {
    setError(`${file.name} is not a lesson file (it is not JSON).`);
  }
}

/** Where the learner stands: how many lessons are done and which to take next. */
function Standing({
  lessons,
  progress,
  onForget,
}: {
  /** The library, in order. */ lessons: LessonSummary[];
  /** This browser's progress. */ progress: Progress;
  /** Forgets it. */ onForget: () => void;
}) {
  const done = lessons.filter((l) => progress[l.id]?.done).length;
  const next = lessons.find((l) => !progress[l.id]?.done);
  const started = lessons.some((l) => progress[l.id] !== undefined);
  if (!started)
    return (
      <p className="learn__standing">
        New to Raft? Start with <a href={`/learn/${lessons[0].id}`}>{lessons[0].title}</a>, then take the
        lessons in order.
      </p>
    );
  return (
    <p className="learn__standing">
      <span>
        You finished <strong>{done}</strong> of {lessons.length} lessons.
        {next && (
          <>
            {' '}
            Next: <a href={`/learn/${next.id}`}>{next.title}</a>.
          </>
        )}
      </span>
      <button type="button" onClick={onForget}>
        Forget my progress
      </button>
    </p>
  );
}

/** A lesson's line of progress: done, or the step to continue at (nothing when never opened). */
function LessonStanding({ lesson, progress }: { lesson: LessonSummary; progress: Progress }) {
  const mine = progress[lesson.id];
  if (!mine) return null;
  if (mine.done) return <span className="learn__done">✓ Done</span>;
  const step = Math.min(mine.step, lesson.steps);
  return <a href={`/learn/${lesson.id}?step=${step}`}>{`Continue at step ${step}`}</a>;
}

export function LearnPage() {
  const [lessons, setLessons] = useState<LessonSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress>(() => readProgress());
  const forget = () => {
    forgetProgress();
    setProgress(readProgress());
  };
  useEffect(() => {
    lessonsApi
      .list()
      .then((r) => setLessons(r.lessons))
      .catch((err: unknown) =>
        setError(err instanceof ApiError ? err.message : 'The server could not be reached'),
      );
  }, []);
  return (
    <main className="learn">
      <header className="learn__header">
        <a href="/" className="learn__home">
          RaftLab
        </a>
        <h1>Learn Raft</h1>
        <p>
          Each lesson runs a real Raft cluster — the same one the dashboard shows — and stops where something
          happens, so you can predict what comes next, then see it. Go back to any step; leave a lesson to
          explore the cluster as it is.
        </p>
      </header>
      {error && <p role="alert">{error}</p>}
      {lessons && lessons.length > 0 && <Standing lessons={lessons} progress={progress} onForget={forget} />}
      <ol className="learn__list">
        {lessons?.map((lesson, i) => (
          <li
            key={lesson.id}
            className={`learn__lesson${progress[lesson.id]?.done ? ' learn__lesson--done' : ''}`}
          >
            <span className="learn__number" aria-hidden="true">
              {i + 1}
            </span>
            <div>
              <h2>
                <a href={`/learn/${lesson.id}`}>{lesson.title}</a>
              </h2>
              <p>{lesson.summary}</p>
              <p className="muted">
                {lesson.steps} steps · about {lesson.minutes} min ·{' '}
                <a href={lesson.section.href} target="_blank" rel="noreferrer">
                  {lesson.section.label}
                </a>
              </p>
              <p className="learn__mine">
                <LessonStanding lesson={lesson} progress={progress} />
              </p>
            </div>
          </li>
        ))}
      </ol>
      <section className="learn__file" aria-label="Your own lesson">
        <h2>Your own lesson</h2>
        <p>
          A lesson is a file: a seeded cluster and its steps (see docs/lessons.md). From any cluster,{' '}
          <em>Save as lesson</em> writes one to start from.
        </p>
        <label className="learn__open">
          Open a lesson file{' '}
          <input type="file" accept="application/json,.json" onChange={(e) => void openFile(e, setError)} />
        </label>
      </section>
    </main>
  );
}
