/**
 * Every client's operations with their stage: routing to a node, proposed at an index,
 * committed, applied, then the result with index, term and serving node. Re-rendered a
 * few times a second (the stage follows commit and applied indexes, which move with
 * nearly every frame).
 */
import type { RaftStore } from '../../store/store';
import { useThrottledRaft } from '../../store/useThrottled';
import { Term } from '../glossary/Term';
import { describeKvOp, describeProgress, STEPS, stepsReached } from './opText';
import { selectOperationRows, type OperationRow } from './operationRows';
import './requests.css';

const selectRows = (s: RaftStore) => selectOperationRows(s);

/** Four dots for routing → proposed → committed → applied; decoration, the text says it all. */
function Stepper({ row }: { /** The operation and its progress. */ row: OperationRow }) {
  const reached = stepsReached(row.progress);
  return (
    <span className="op-steps" aria-hidden="true">
      {STEPS.map((step, i) => (
        <span key={step} title={step} className={`op-steps__dot${i < reached ? ' op-steps__dot--on' : ''}`} />
      ))}
    </span>
  );
}

export function Operations() {
  const rows = useThrottledRaft(selectRows, 200);
  return (
    <div className="operations">
      <h3 id="operations-heading">Operations</h3>
      <p className="hint">
        Every client’s, newest first: routing → proposed → <Term id="commit-index">committed</Term> →{' '}
        <Term id="applied-index">applied</Term>.
      </p>
      {/* It scrolls: a tab stop, so the arrows can scroll it (WCAG 2.1.1). */}
      <ol className="operations__list" aria-labelledby="operations-heading" tabIndex={0}>
        {rows.length === 0 && <li className="hint">None yet.</li>}
        {rows.map((row) => {
          const status = row.op.status;
          return (
            <li
              key={row.op.opId}
              className={`operation operation--${status}`}
              aria-label={`${describeKvOp(row.op.op)} by client ${row.op.clientId}: ${describeProgress(row.progress)}`}
            >
              <Stepper row={row} />
              <span className="operation__what">{describeKvOp(row.op.op)}</span>
              <span className="operation__stage">{describeProgress(row.progress)}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
