/**
 * Partition by hand: put each node in group A, B or C (one radio group per node, named
 * `Node N group`), see which side keeps a majority, and `Apply partition`. Links between
 * groups go down and links within a group come up, as PUT /network {partitions} does.
 * The draft is this panel's own until applied; the ring shows the result. Folded away
 * by default, like the other advanced network tools, so the Network panel stays short.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../api/actions';
import { useRaft } from '../../store/store';
import { Term } from '../glossary/Term';
import { GROUPS, groupOf, majorityGroup, partitionGroups, splits, type Assignment } from './partitionModel';

export function PartitionEditor() {
  const nodeIds = useRaft(useShallow((s) => s.nodeIds));
  const [assignment, setAssignment] = useState<Assignment>({});
  const groups = partitionGroups(assignment, nodeIds);
  const majority = majorityGroup(groups, nodeIds.length);
  const apply = () =>
    void actions.setNetwork(
      { partitions: groups.map((g) => g.nodes) },
      `partition the cluster into ${groups.map((g) => `{${g.nodes.join(', ')}}`).join(' ')}`,
    );
  return (
    <details className="link-quality__details partition">
      <summary id="partition-heading">Partition into groups</summary>
      <p className="hint">Put each node in a group; only nodes in the same group hear each other.</p>
      <div className="partition__grid" role="group" aria-labelledby="partition-heading">
        <div className="partition__col partition__col--labels" aria-hidden="true">
          <span className="partition__head">Node</span>
          {GROUPS.map((g) => (
            <span key={g} className="partition__cell">
              Group {g}
            </span>
          ))}
        </div>
        {nodeIds.map((id) => (
          <div key={id} className="partition__col" role="radiogroup" aria-label={`Node ${id} group`}>
            <span className="partition__head" aria-hidden="true">
              {id}
            </span>
            {GROUPS.map((g) => (
              <label key={g} className="partition__cell">
                <input
                  type="radio"
                  name={`partition-node-${id}`}
                  aria-label={`Group ${g}`}
                  checked={groupOf(assignment, id) === g}
                  onChange={() => setAssignment((current) => ({ ...current, [id]: g }))}
                />
              </label>
            ))}
          </div>
        ))}
      </div>
      <p className="partition__preview" aria-live="polite">
        {groups.map((g, i) => (
          <span key={g.group}>
            {i > 0 && ' | '}
            <span className="partition__group">
              {g.group}: {g.nodes.join(', ')}
            </span>
          </span>
        ))}
        {splits(groups) && (
          <span className="partition__quorum">
            {' — '}
            {majority ? (
              <>
                only {majority} has a <Term id="quorum">majority</Term>
              </>
            ) : (
              <>
                no group has a <Term id="quorum">majority</Term>: no leader can be elected
              </>
            )}
          </span>
        )}
      </p>
      <div className="button-row">
        <button type="button" disabled={!splits(groups)} onClick={apply}>
          Apply partition
        </button>
        <button type="button" className="small" onClick={() => setAssignment({})}>
          Reset groups
        </button>
      </div>
    </details>
  );
}
