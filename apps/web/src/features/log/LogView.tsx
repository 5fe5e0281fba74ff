/**
 * Every node's log, aligned by index: one row per node, one column per index. Columns
 * are virtualised (@tanstack/react-virtual, horizontal), so a 100,000-entry log draws
 * only the cells in view. It follows the newest entry unless the person scrolls back.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRaft, type RaftStore } from '../../store/store';
import { roleWord } from '../../store/selectors';
import { useThrottledRaft } from '../../store/useThrottled';
import { Term } from '../glossary/Term';
import { columnRange } from './logModel';
import { CELL_WIDTH, LABEL_WIDTH, LogRow, SNAPSHOT_WIDTH } from './LogRow';
import { useSpotlitLogCell } from '../lesson/spotlight';
import './log.css';

/** The column widths, handed to log.css so they are defined once (in LogRow.tsx). */
const COLUMNS = { '--log-cell': `${CELL_WIDTH}px`, '--log-label': `${LABEL_WIDTH}px` } as CSSProperties;

/**
 * Throttled like the reading panels (at every change up to 2×, twice a second beyond):
 * at 10× entries arrive faster than anyone can read a column, and each refresh renders,
 * lays out and scrolls nine rows — the log view was the dashboard's most expensive
 * panel (bench:web, about 33 ms/s of main-thread time at 9 nodes).
 */
const selectGrid = (s: RaftStore) => ({
  nodeIds: s.nodeIds,
  logs: s.logs,
  nodes: s.nodes,
  truncations: s.truncations,
});

export function LogView() {
  const { nodeIds, logs, nodes, truncations } = useThrottledRaft(selectGrid, 0);
  const [first, last] = useMemo(() => columnRange(nodeIds.map((id) => logs[id] ?? [])), [nodeIds, logs]);
  const highlightIndex = useRaft((s) => s.highlightIndex);
  const spot = useSpotlitLogCell();
  const scroller = useRef<HTMLDivElement>(null);
  const pinnedRight = useRef(true);
  const columns = Math.max(0, last - first + 1);
  const snapshotWidth = first > 1 ? SNAPSHOT_WIDTH : 0;
  const margin = LABEL_WIDTH + snapshotWidth;

  // The virtualiser's getters change with scrolling; this component is not memoised by
  // the React compiler, so the library's warning does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    horizontal: true,
    count: columns,
    getScrollElement: () => scroller.current,
    estimateSize: () => CELL_WIDTH,
    overscan: 6,
    scrollMargin: margin,
  });
  const items = virtualizer.getVirtualItems();
  const from = items.length > 0 ? first + items[0].index : first;
  const to = items.length > 0 ? first + items[items.length - 1].index : first - 1;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinnedRight.current) el.scrollLeft = el.scrollWidth;
  }, [first, last]);

  // The index picked out (by the client history, or by a lesson) is scrolled into view.
  const pickedIndex = highlightIndex ?? spot?.index ?? null;
  useEffect(() => {
    if (pickedIndex === null || pickedIndex < first || pickedIndex > last) return;
    pinnedRight.current = false;
    virtualizer.scrollToIndex(pickedIndex - first, { align: 'center' });
  }, [pickedIndex, first, last, virtualizer]);

  const onScroll = () => {
    const el = scroller.current;
    if (el) pinnedRight.current = el.scrollLeft + el.clientWidth >= el.scrollWidth - CELL_WIDTH;
  };

  const width = virtualizer.getTotalSize();
  return (
    <section className="panel logs" aria-labelledby="logs-heading">
      <div className="panel__head">
        <h2 id="logs-heading">Logs</h2>
        <p className="hint">
          Colour = <Term id="term">term</Term> · striped = not committed · solid bar ={' '}
          <Term id="commit-index">commit index</Term> · dashed bar ={' '}
          <Term id="applied-index">applied index</Term> · {columns.toLocaleString('en')} indices
        </p>
      </div>
      <div
        className="log-scroll"
        ref={scroller}
        onScroll={onScroll}
        role="table"
        aria-label="Logs"
        style={COLUMNS}
      >
        <div className="log-row log-row--header" role="row">
          <div className="log-row__label" role="columnheader">
            Index
          </div>
          {snapshotWidth > 0 && <div className="log-row__snapspace" style={{ width: snapshotWidth }} />}
          <div className="log-row__cells" style={{ width }}>
            {items.map((item) => (
              <div
                key={item.key}
                className="log-index"
                role="columnheader"
                style={{ left: item.start - margin }}
              >
                {first + item.index}
              </div>
            ))}
          </div>
        </div>
        {nodeIds.map((id) => (
          <LogRow
            key={id}
            nodeId={id}
            log={logs[id]}
            commit={nodes[id]?.commit ?? 0}
            applied={nodes[id]?.applied ?? 0}
            role={nodes[id] ? roleWord(nodes[id]) : 'follower'}
            truncations={truncations}
            highlightIndex={highlightIndex}
            spotIndex={spot?.node === id ? spot.index : null}
            first={first}
            from={from}
            to={to}
            width={width}
            snapshotWidth={snapshotWidth}
          />
        ))}
        {columns === 0 && (
          <p className="hint log-empty">No entries yet: a leader appends a noop once elected.</p>
        )}
      </div>
    </section>
  );
}
