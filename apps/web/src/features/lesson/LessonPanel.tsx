/**
 * The lesson beside its cluster (region `Lesson`): where the learner is (`Step k of n`
 * and a progress bar), the step's words with their section, the question to answer or
 * the task to do, what happened once the step has played, and the moves: Back, Skip,
 * Next, Restart, Explore from here.
 */
import { fillText } from '@raftlab/lessons';
import { useShallow } from 'zustand/react/shallow';
import { useRaft } from '../../store/store';
import { clusterPath } from '../../api/route';
import { answer, back, leaveLesson, next, playOn, restart, showHint, skip } from './engine';
import { useLesson } from './lessonStore';
import './lesson.css';

const STATUS: Record<string, string> = {
  starting: 'Setting up the step…',
  asking: 'Predict: pick an answer, then watch.',
  doing: 'Your turn.',
  playing: 'Watching: the clock runs slowly until it happens.',
  paused: 'Paused before it happened.',
  done: 'Done.',
};

export function LessonPanel() {
  const s = useLesson(useShallow((l) => l));
  // The words are filled in from the cluster shown: the leader and the term change as it runs.
  const nodes = useRaft(useShallow((r) => r.nodeIds.map((id) => r.nodes[id])));
  const fill = (text: string) => fillText(text, { nodes }, s.bindings);
  if (!s.lesson) {
    return (
      <section className="panel lesson" aria-label="Lesson">
        <p className="muted">{s.error ?? 'Opening the lesson…'}</p>
      </section>
    );
  }
  const { lesson, step: k, phase } = s;
  const step = lesson.steps[k];
  const total = lesson.steps.length;
  const section = step.section ?? lesson.section;
  const explore = () => {
    leaveLesson();
    if (s.clusterId) window.location.assign(clusterPath(s.clusterId));
  };
  return (
    <section className="panel lesson" aria-label="Lesson">
      <p className="lesson__crumbs">
        <a href="/learn">Learn Raft</a> › <span>{lesson.title}</span>
        <span className="lesson__where" id="lesson-where">
          Step {k + 1} of {total}
        </span>
      </p>
      <progress
        className="lesson__progress"
        max={total}
        value={s.finished ? total : phase === 'done' ? k + 1 : k}
        aria-labelledby="lesson-where"
      />
      <nav className="lesson__moves" aria-label="Lesson steps">
        <button type="button" onClick={back} disabled={k === 0 && !s.finished}>
          Back
        </button>
        {!s.finished && (
          <button type="button" onClick={skip} disabled={phase === 'done' || phase === 'starting'}>
            Skip
          </button>
        )}
        {!s.finished && (
          <button type="button" className="primary" onClick={next} disabled={phase !== 'done'}>
            {k + 1 === total ? 'Finish' : 'Next'}
          </button>
        )}
      </nav>
      {s.finished ? (
        <div className="lesson__body">
          <h2>Lesson complete</h2>
          <p>
            You finished <strong>{lesson.title}</strong>. Go back to any step, explore this cluster as it is,
            or pick the next lesson.
          </p>
          <a className="lesson__more" href="/learn">
            More lessons
          </a>
        </div>
      ) : (
        <div className="lesson__body">
          <h2>{step.title}</h2>
          <p>
            {fill(step.text)}{' '}
            <a href={section.href} target="_blank" rel="noreferrer" className="lesson__section">
              {section.label}
            </a>
          </p>
          {step.question && (
            <fieldset className="lesson__question" disabled={phase !== 'asking'}>
              <legend>{fill(step.question.prompt)}</legend>
              {step.question.choices.map((choice, i) => (
                <button
                  key={choice.text}
                  type="button"
                  className={`lesson__choice${s.answer === i ? ' lesson__choice--picked' : ''}`}
                  aria-pressed={s.answer === i}
                  onClick={() => answer(i)}
                >
                  {fill(choice.text)}
                </button>
              ))}
            </fieldset>
          )}
          {phase === 'done' && step.question && s.answer !== null && (
            <p
              className={`lesson__verdict lesson__verdict--${s.answerRight ? 'right' : 'wrong'}`}
              role="status"
            >
              <strong>{s.answerRight ? 'Right.' : 'Not quite.'}</strong>{' '}
              {fill(step.question.choices[s.answer].why)}
            </p>
          )}
          {step.task && (phase === 'doing' || s.taskDone) && (
            <div
              className={`lesson__task${s.taskDone ? ' lesson__task--done' : ''}`}
              role="group"
              aria-label="Your turn"
            >
              <p>
                <strong>{s.taskDone ? 'Done: ' : 'Your turn: '}</strong>
                {fill(step.task.prompt)}
              </p>
              {!s.taskDone &&
                step.task.hint &&
                (s.hinted ? (
                  <p className="muted">{fill(step.task.hint)}</p>
                ) : (
                  <button type="button" className="small" onClick={showHint}>
                    Hint
                  </button>
                ))}
            </div>
          )}
          {phase === 'done' && step.then && <p className="lesson__then">{fill(step.then)}</p>}
          <p className="lesson__status muted" role="status" aria-live="polite">
            {s.error ? `Something went wrong: ${s.error}` : STATUS[phase]}
          </p>
          {phase === 'paused' && (
            <button type="button" className="primary" onClick={playOn}>
              Play on
            </button>
          )}
        </div>
      )}
      <p className="lesson__leave">
        <button type="button" className="link" onClick={restart}>
          Restart lesson
        </button>
        <button type="button" className="link" onClick={explore}>
          Explore from here
        </button>
      </p>
    </section>
  );
}
