/**
 * The checker's verdict above the lanes: a badge (a polite live region, so a new verdict
 * is read out), what was checked and whether newer operations are not yet, and the
 * `Check history` button; on failure, the checker's explanation goes below the lanes.
 */
import { useShallow } from 'zustand/react/shallow';
import { useRaft } from '../../store/store';
import { checkHistory } from './checkHistory';
import { verdictSummary } from './verdictModel';

export interface VerdictBarProps {
  /** The failing operation is older than the lanes show, so say so. */
  offendingHidden: boolean;
}

export function VerdictBar({ offendingHidden }: VerdictBarProps) {
  const { check, completedOps, ready } = useRaft(
    useShallow((s) => ({ check: s.check, completedOps: s.completedOps, ready: s.clusterId !== null })),
  );
  const summary = verdictSummary(check, completedOps);
  return (
    <div className={`verdict verdict--${summary.tone}`}>
      <div className="verdict__row">
        <span className="verdict__badge" role="status">
          {summary.badge}
        </span>
        <button
          type="button"
          className="small verdict__check"
          disabled={!ready || check.checking}
          onClick={() => void checkHistory()}
        >
          Check history
        </button>
      </div>
      {(summary.detail || offendingHidden) && (
        <p className="verdict__detail">
          {summary.detail}
          {offendingHidden ? ' (older than the lanes show)' : ''}
        </p>
      )}
    </div>
  );
}

/** On failure, the checker's own words: the prefix step by step, and why the next op fails. */
export function VerdictExplanation() {
  const verdict = useRaft((s) => s.check.verdict);
  if (verdict?.status !== 'not-linearizable') return null;
  return (
    <details className="verdict__why" open>
      <summary>Why: the checker’s explanation</summary>
      <pre>{verdict.message}</pre>
    </details>
  );
}
