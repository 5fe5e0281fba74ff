/** One node's log as a strip of cells, one per index, coloured by term. */
import { memo } from 'react';
import { useRaft } from '../../store/store';
import { roleWord } from '../../store/selectors';
import { describeEntry, termColor } from './logModel';

/** Width of one index column, px (keep in step with --log-cell in styles.css). */
export const CELL_WIDTH = 72;

export interface LogRowProps {
  /** Whose log this is. */
  nodeId: number;
  /** First index shown (column 0). */
  first: number;
  /** Last index shown. */
  last: number;
}

export const LogRow = memo(function LogRow({ nodeId, first, last }: LogRowProps) {
  const log = useRaft((s) => s.logs[nodeId]);
  const commit = useRaft((s) => s.nodes[nodeId]?.commit ?? 0);
  const role = useRaft((s) => (s.nodes[nodeId] ? roleWord(s.nodes[nodeId]) : 'follower'));
  const columns = Math.max(0, last - first + 1);
  const visible = (log ?? []).filter((e) => e.index >= first && e.index <= last);
  const commitX = commit >= first ? Math.min(columns, commit - first + 1) * CELL_WIDTH : null;
  return (
    <div className={`log-row log-row--${role}`} role="row">
      <div className="log-row__label" role="rowheader">
        <strong>Node {nodeId}</strong>
        <span>commit {commit}</span>
      </div>
      <div className="log-row__cells" style={{ width: columns * CELL_WIDTH }}>
        {visible.map((e) => {
          const text = describeEntry(e);
          const committed = e.index <= commit;
          return (
            <div
              key={e.index}
              role="cell"
              className={committed ? 'log-cell log-cell--committed' : 'log-cell log-cell--pending'}
              style={{ left: (e.index - first) * CELL_WIDTH, background: termColor(e.term) }}
              title={`index ${e.index}, term ${e.term}: ${text}${committed ? ' (committed)' : ' (not committed)'}`}
            >
              <span className="log-cell__term">t{e.term}</span>
              <span className="log-cell__text">{text}</span>
            </div>
          );
        })}
        {commitX !== null && (
          <div className="log-row__commit" style={{ left: commitX - 2 }} aria-hidden="true" />
        )}
      </div>
    </div>
  );
});
