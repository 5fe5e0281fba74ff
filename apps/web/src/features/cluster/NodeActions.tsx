/**
 * The selected node's details and the buttons that act on it: Crash, Restart, Time out,
 * Transfer leadership (to this node, §3.10), Compact now (§7), and the membership
 * buttons Add node / Remove node (thesis §4).
 */
import { LIMITS, type Progress as ProgressT } from '@raftlab/protocol';
import { actions } from '../../api/actions';
import { useRaft } from '../../store/store';
import { roleWord, selectLeaderId } from '../../store/selectors';
import { Acting } from '../access/Acting';
import { Term } from '../glossary/Term';
import './actions.css';

/** A leader's view of each follower's replication (matchIndex / nextIndex, §5.3). */
function Progress({
  progress,
}: {
  /** Per-peer progress, keyed by node id. */ progress: Record<string, ProgressT>;
}) {
  const peers = Object.keys(progress)
    .map(Number)
    .sort((a, b) => a - b);
  return (
    <table className="progress">
      <caption>Replication</caption>
      <thead>
        <tr>
          <th scope="col">Peer</th>
          <th scope="col">
            <Term id="match-index">Match</Term>
          </th>
          <th scope="col">
            <Term id="next-index">Next</Term>
          </th>
          <th scope="col">
            <Term id="progress-state">State</Term>
          </th>
        </tr>
      </thead>
      <tbody>
        {peers.map((peer) => {
          const p = progress[peer];
          return (
            <tr key={peer}>
              <td>{peer}</td>
              <td>{p.matchIndex}</td>
              <td>{p.nextIndex}</td>
              <td>
                {p.state}
                {p.recentActive ? '' : ' (inactive)'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function NodeActions() {
  const selected = useRaft((s) => s.selected);
  const node = useRaft((s) => (s.selected === null ? null : (s.nodes[s.selected] ?? null)));
  const up = node?.up ?? false;
  const hasLeader = useRaft((s) => selectLeaderId(s) !== null);
  const nodeCount = useRaft((s) => s.nodeIds.length);
  return (
    <section className="panel" aria-labelledby="node-heading">
      <h2 id="node-heading">{node ? `Node ${node.id}` : 'Node'}</h2>
      {node ? (
        <dl className="facts">
          <div>
            <dt>Role</dt>
            <dd>{roleWord(node)}</dd>
          </div>
          <div>
            <dt>
              <Term id="membership-change">Voter</Term>
            </dt>
            <dd>{node.voter ? 'yes' : 'no: outside its configuration'}</dd>
          </div>
          <div>
            <dt>
              <Term id="term" />
            </dt>
            <dd>{node.term}</dd>
          </div>
          <div>
            <dt>
              <Term id="vote">Voted for</Term>
            </dt>
            <dd>{node.vote > 0 ? node.vote : '—'}</dd>
          </div>
          <div>
            <dt>Leader</dt>
            <dd>{node.leader > 0 ? node.leader : '—'}</dd>
          </div>
          <div>
            <dt>
              <Term id="last-index" />
            </dt>
            <dd>{node.lastIndex}</dd>
          </div>
          <div>
            <dt>
              <Term id="commit-index">Commit</Term>
            </dt>
            <dd>{node.commit}</dd>
          </div>
          <div>
            <dt>
              <Term id="applied-index">Applied</Term>
            </dt>
            <dd>{node.applied}</dd>
          </div>
          <div>
            <dt>
              <Term id="snapshot">Snapshot</Term>
            </dt>
            <dd>{node.snapshotIndex > 0 ? node.snapshotIndex : '—'}</dd>
          </div>
        </dl>
      ) : null}
      {node?.up && node.progress ? <Progress progress={node.progress} /> : null}
      {node ? null : <p className="hint">Select a node on the ring to act on it.</p>}
      <Acting>
        <div className="button-row">
          <button
            type="button"
            className="danger"
            disabled={!node || !up}
            onClick={() => selected !== null && void actions.crash(selected)}
          >
            Crash
          </button>
          <button
            type="button"
            disabled={!node || up}
            onClick={() => selected !== null && void actions.restart(selected)}
          >
            Restart
          </button>
          <button
            type="button"
            disabled={!node || !up || node.role === 'leader'}
            onClick={() => selected !== null && void actions.timeout(selected)}
          >
            Time out
          </button>
          <button
            type="button"
            disabled={!node || !up || node.role === 'leader' || !hasLeader}
            onClick={() => selected !== null && void actions.transferLeadership(selected)}
          >
            Transfer leadership
          </button>
          <button
            type="button"
            disabled={!node || !up}
            onClick={() => selected !== null && void actions.compact(selected)}
          >
            Compact now
          </button>
        </div>
        <div className="button-row">
          <button
            type="button"
            disabled={!hasLeader || nodeCount >= LIMITS.maxNodes}
            onClick={() => void actions.addNode()}
          >
            Add node
          </button>
          <button
            type="button"
            className="danger"
            disabled={!node || !hasLeader}
            onClick={() => selected !== null && void actions.removeNode(selected)}
          >
            Remove node
          </button>
        </div>
      </Acting>
    </section>
  );
}
