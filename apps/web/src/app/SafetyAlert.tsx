/**
 * Shown only when the simulator reports a broken safety property: the cluster is no
 * longer trustworthy, and the person watching must not miss it.
 */
import { useRaft } from '../store/store';
import './alerts.css';

export function SafetyAlert() {
  const violations = useRaft((s) => s.violations);
  if (violations.length === 0) return null;
  const first = violations[0];
  return (
    <div className="safety-alert" role="alert" aria-label="Safety violations">
      <strong>
        {violations.length === 1
          ? 'A safety property was violated'
          : `${violations.length} safety violations`}
      </strong>
      <span>
        {first.invariant}: {first.message}
      </span>
    </div>
  );
}
