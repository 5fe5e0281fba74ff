/**
 * The checker's verdict on the lanes, in two parts so that a new verdict never moves the
 * lanes under a person's pointer: the badge (a polite live region, so a new verdict is
 * read out) and the `Check history` button sit in the panel's heading row; what was
 * checked, whether newer operations are not yet, and on failure the checker's
 * explanation go below the lanes.
 */
import { useShallow } from 'zustand/react/shallow';
import { selectUncheckedCompletions } from '../../store/selectors';
import { useRaft, type RaftStore } from '../../store/store';
import { checkHistory } from './checkHistory';
import { verdictSummary } from './verdictModel';

const selectCheck = (s: RaftStore) => ({
  check: s.check,
  unchecked: selectUncheckedCompletions(s),
  ready: s.clusterId !== null,
});

/** The badge and the `Check history` button, for the heading row. */
export function VerdictBadge() {
  const { check, unchecked, ready } = useRaft(useShallow(selectCheck));
  const summary = verdictSummary(check, unchecked);
  return (
    <span className={`verdict verdict--${summary.tone}`}>
      <span className="verdict__badge" role="status">
        {summary.badge}
      </span>
      <button
        type="button"
        className="small"
        disabled={!ready || check.checking}
        onClick={() => void checkHistory()}
      >
        Check history
      </button>
    </span>
  );
}

export interface VerdictDetailProps {
  /** The failing operation is older than the lanes show, so say so. */
  offendingHidden: boolean;
}

/** What the verdict covers and, on failure, the checker's own words, below the lanes. */
export function VerdictDetail({ offendingHidden }: VerdictDetailProps) {
  const { check, unchecked } = useRaft(useShallow(selectCheck));
  const summary = verdictSummary(check, unchecked);
  const verdict = check.verdict;
  return (
    <>
      {(summary.detail || offendingHidden) && (
        <p className="verdict__detail">
          {summary.detail}
          {offendingHidden ? ' (older than the lanes show)' : ''}
        </p>
      )}
      {verdict?.status === 'not-linearizable' && (
        <details className="verdict__why" open>
          <summary>Why: the checker’s explanation</summary>
          <pre>{verdict.message}</pre>
        </details>
      )}
    </>
  );
}
