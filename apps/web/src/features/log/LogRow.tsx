/**
 * One node's log as a strip of cells, one per index, coloured by term. Only the columns
 * `from..to` are drawn; the strip keeps the full width so the scrollbar is true.
 */
import { memo } from 'react';
import type { Entry } from '@raftlab/protocol';
import { useRaft } from '../../store/store';
import { roleWord } from '../../store/selectors';
import { describeEntry, entryAt, termColor } from './logModel';

/** Width of one index column, px (keep in step with --log-cell in styles.css). */
export const CELL_WIDTH = 72;
/** Width of the sticky node label column, px (keep in step with styles.css). */
export const LABEL_WIDTH = 150;
/** Width of the leading column for a compacted (snapshotted) prefix, px. */
export const SNAPSHOT_WIDTH = 96;

export interface LogRowProps {
  /** Whose log this is. */
  nodeId: number;
  /** The grid's first index (column 0). */
  first: number;
  /** First index in view (inclusive). */
  from: number;
  /** Last index in view (inclusive). */
  to: number;
  /** Width of the whole strip, px. */
  width: number;
  /** Width of the snapshot column before column 0 (0 when the grid starts at index 1). */
  snapshotWidth: number;
}

const x = (index: number, first: number) => (index - first) * CELL_WIDTH;

function Cell({
  e,
  first,
  commit,
  applied,
  highlight,
}: {
  /** The entry. */ e: Entry;
  /** The grid's first index. */ first: number;
  /** The node's commit index. */ commit: number;
  /** The node's applied index. */ applied: number;
  /** Picked out by the client history. */ highlight: boolean;
}) {
  const text = describeEntry(e);
  const committed = e.index <= commit;
  const state = e.index <= applied ? 'applied' : committed ? 'committed' : 'not committed';
  return (
    <div
      role="cell"
      className={`log-cell ${committed ? 'log-cell--committed' : 'log-cell--pending'}${highlight ? ' log-cell--highlight' : ''}`}
      style={{ left: x(e.index, first), background: termColor(e.term) }}
      title={`index ${e.index}, term ${e.term}: ${text} (${state})`}
      aria-current={highlight ? 'true' : undefined}
    >
      <span className="log-cell__term">
        {e.index} · t{e.term}
      </span>
      <span className="log-cell__text">{text}</span>
    </div>
  );
}

export const LogRow = memo(function LogRow({ nodeId, first, from, to, width, snapshotWidth }: LogRowProps) {
  const log = useRaft((s) => s.logs[nodeId]);
  const commit = useRaft((s) => s.nodes[nodeId]?.commit ?? 0);
  const applied = useRaft((s) => s.nodes[nodeId]?.applied ?? 0);
  const role = useRaft((s) => (s.nodes[nodeId] ? roleWord(s.nodes[nodeId]) : 'follower'));
  const highlightIndex = useRaft((s) => s.highlightIndex);
  const truncations = useRaft((s) => s.truncations);
  const nodeFirst = log && log.length > 0 ? log[0].index : null;
  const cells: Entry[] = [];
  for (let i = from; i <= to; i++) {
    const e = entryAt(log, i);
    if (e) cells.push(e);
  }
  const bar = (index: number) =>
    index >= first - 1 && index <= to + 1 ? Math.min(width, x(index + 1, first)) - 2 : null;
  const commitX = bar(commit);
  const appliedX = bar(applied);
  const snapshotEnd = nodeFirst !== null && nodeFirst > 1 ? nodeFirst - 1 : null;
  return (
    <div className={`log-row log-row--${role}`} role="row">
      <div className="log-row__label" role="rowheader">
        <strong>Node {nodeId}</strong>
        <span>
          commit {commit} · applied {applied}
        </span>
      </div>
      {snapshotWidth > 0 && (
        <div className="log-row__snapspace" style={{ width: snapshotWidth }}>
          {snapshotEnd !== null && (
            <div
              className="log-snapshot"
              role="cell"
              title={`Entries 1–${snapshotEnd} are compacted into a snapshot (or older than the view keeps)`}
              style={{ width: snapshotWidth - 4 + Math.max(0, x(nodeFirst!, first)) }}
            >
              snapshot ≤ {snapshotEnd}
            </div>
          )}
        </div>
      )}
      <div className="log-row__cells" style={{ width }}>
        {cells.map((e) => (
          <Cell
            key={e.index}
            e={e}
            first={first}
            commit={commit}
            applied={applied}
            highlight={e.index === highlightIndex}
          />
        ))}
        {truncations.map((t) =>
          t.node !== nodeId
            ? null
            : t.entries
                .filter((e) => e.index >= from && e.index <= to)
                .map((e) => (
                  <div
                    key={`${t.id}-${e.index}`}
                    className="log-cell log-cell--truncated"
                    style={{ left: x(e.index, first), background: termColor(e.term) }}
                    aria-hidden="true"
                  >
                    <span className="log-cell__term">deleted</span>
                    <span className="log-cell__text">{describeEntry(e)}</span>
                  </div>
                )),
        )}
        {appliedX !== null && appliedX >= 0 && (
          <div className="log-row__applied" style={{ left: appliedX - 3 }} aria-hidden="true" />
        )}
        {commitX !== null && commitX >= 0 && (
          <div className="log-row__commit" style={{ left: commitX }} aria-hidden="true" />
        )}
      </div>
    </div>
  );
});
