/**
 * After an action taken in the past rewrote the future, where the replaced future went:
 * the branch that keeps it, linked, until dismissed.
 */
import { clusterPath } from '../../api/route';
import { useRaft } from '../../store/store';
import { formatCount } from './timelineModel';

export function BranchNote() {
  const branch = useRaft((s) => s.keptBranch);
  const dismiss = useRaft((s) => s.setKeptBranch);
  if (!branch) return null;
  return (
    <p className="timeline__note" role="status">
      <span>
        The future from event {formatCount(branch.at)} was rewritten; the one it replaced is kept as branch{' '}
        <a href={clusterPath(branch.id)} className="cluster-link">
          {branch.id}
        </a>
        .
      </span>
      <button type="button" className="small" onClick={() => dismiss(null)} aria-label="Dismiss branch note">
        ×
      </button>
    </p>
  );
}
