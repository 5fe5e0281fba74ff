/**
 * One node's log as a strip of cells, one per index, coloured by term. Only the columns
 * `from..to` are drawn; the strip keeps the full width so the scrollbar is true.
 */
import { memo } from 'react';
import type { Entry } from '@raftlab/protocol';
import type { Truncation } from '../../store/types';
import { describeEntry, entryAt, termColor } from './logModel';

/** Width of one index column, px (log.css reads it as --log-cell). */
export const CELL_WIDTH = 72;
/** Width of the sticky node label column, px (log.css reads it as --log-label). */
export const LABEL_WIDTH = 150;
/** Width of the leading column for a compacted (snapshotted) prefix, px. */
export const SNAPSHOT_WIDTH = 96;

export interface LogRowProps {
  /** Whose log this is. */
  nodeId: number;
  /** The entries the dashboard keeps of it. */
  log: readonly Entry[] | undefined;
  commit: number;
  applied: number;
  /** The node's role in words, for the row's styling. */
  role: string;
  /** Entries recently deleted from any node's log, flashed where they were. */
  truncations: readonly Truncation[];
  /** The index picked out by the client history, if any. */
  highlightIndex: number | null;
  /** The index of this row a lesson's step speaks of, if any. */
  spotIndex: number | null;
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

/**
 * One entry. Memoised on plain values, so when the commit index moves only the cells
 * whose state changed render again (at 10× every batch moves it, and a row draws about
 * twenty cells).
 */
const Cell = memo(function Cell({
  e,
  left,
  state,
  highlight,
  spot,
}: {
  /** The entry. */ e: Entry;
  /** Offset from the strip's start, px. */ left: number;
  /** How far the node has got with it. */ state: 'applied' | 'committed' | 'not committed';
  /** Picked out by the client history. */ highlight: boolean;
  /** Spoken of by a lesson's step. */ spot: boolean;
}) {
  const text = describeEntry(e);
  return (
    <div
      role="cell"
      className={`log-cell ${state === 'not committed' ? 'log-cell--pending' : 'log-cell--committed'}${highlight ? ' log-cell--highlight' : ''}${spot ? ' log-cell--spot' : ''}`}
      style={{ left, background: termColor(e.term) }}
      title={`index ${e.index}, term ${e.term}: ${text} (${state})`}
      aria-current={highlight ? 'true' : undefined}
    >
      {/* One text node, not three: a refresh at 10× adds about fifty cells. */}
      <span className="log-cell__term">{`${e.index} · t${e.term}`}</span>
      <span className="log-cell__text">{text}</span>
    </div>
  );
});

export const LogRow = memo(function LogRow({
  nodeId,
  log,
  commit,
  applied,
  role,
  truncations,
  highlightIndex,
  spotIndex,
  first,
  from,
  to,
  width,
  snapshotWidth,
}: LogRowProps) {
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
        <span>{`commit ${commit} · applied ${applied}`}</span>
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
            left={x(e.index, first)}
            state={e.index <= applied ? 'applied' : e.index <= commit ? 'committed' : 'not committed'}
            highlight={e.index === highlightIndex}
            spot={e.index === spotIndex}
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
