/**
 * The answers to this tab's KV requests, newest first, each settled by its operation in
 * the history (see resultView.ts): a request that timed out shows what became of it.
 */
import type { RaftStore } from '../../store/store';
import { useThrottledRaft } from '../../store/useThrottled';
import { Term } from '../glossary/Term';
import { resultView, type ResultView } from './resultView';
import './requests.css';

/** Refreshed with the operations list, a few times a second: the history settles rows. */
const selectViews = (s: RaftStore): ResultView[] => {
  const ops = new Map(s.history.map((op) => [op.opId, op]));
  return s.results.map((row) => resultView(row, row.opId === undefined ? undefined : ops.get(row.opId)));
};

/** `GET`, `GET (lease read)`, `GET (stale read from node 3)`. */
function Label({ view }: { /** The request. */ view: ResultView }) {
  const read = view.read;
  if (!read || read.consistency === 'linearizable') return <>{view.op}</>;
  return (
    <>
      {view.op}{' '}
      <span className="result__consistency">
        (
        {read.consistency === 'stale' ? (
          <>
            <Term id="stale-read">stale read</Term>
            {read.node === null ? '' : ` from node ${read.node}`}
          </>
        ) : (
          <Term id="lease">lease read</Term>
        )}
        )
      </span>
    </>
  );
}

export function Results() {
  const views = useThrottledRaft(selectViews, 200);
  return (
    <div className="results">
      <h3 id="results-heading">Results</h3>
      {/* The log is a box around the list, as a list may not be a log (ARIA in HTML); it
          scrolls, so it takes the focus and the arrows can scroll it (WCAG 2.1.1). */}
      <div className="results__log" role="log" aria-label="Results" tabIndex={0}>
        <ol className="results__list">
          {views.length === 0 && <li className="hint">No requests yet.</li>}
          {views.map((view) => (
            <li key={view.id} className={`result result--${view.status}`}>
              <span className="result__op">
                <Label view={view} />
              </span>
              <span className="result__text">
                {view.status === 'unknown' && (
                  <>
                    <Term id="outcome-unknown" />:{' '}
                  </>
                )}
                {view.text}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
