/**
 * The controls column's word to a viewer: why its buttons are disabled, and what it can
 * still do (watch, go back in time, fork a copy of its own).
 */
import { selectMayControl } from '../../store/selectors';
import { useRaft } from '../../store/store';
import './access.css';

export function ViewOnlyNote() {
  const control = useRaft(selectMayControl);
  const live = useRaft((s) => s.clusterId !== null);
  if (control || !live) return null;
  return (
    <section className="panel view-only" aria-label="View only">
      <p>
        <strong>View only.</strong> This cluster is its owner’s: you can watch it and go back in time, and{' '}
        <em>Fork</em> (on the timeline) gives you a copy of your own to change.
      </p>
    </section>
  );
}
