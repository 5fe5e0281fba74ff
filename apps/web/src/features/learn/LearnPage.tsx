/**
 * The library (`/learn`, heading `Learn Raft`): every lesson with its length, in the
 * order to take them, and a lesson file a teacher wrote can be opened from here.
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import { ApiError } from '../../api/client';
import { lessonsApi, type LessonSummary } from '../../api/lessons';
import { LESSON_FILE_KEY } from '../../app/pages';
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

export function LearnPage() {
  const [lessons, setLessons] = useState<LessonSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
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
      <ol className="learn__list">
        {lessons?.map((lesson, i) => (
          <li key={lesson.id} className="learn__lesson">
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
