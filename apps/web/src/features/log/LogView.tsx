/**
 * Every node's log, aligned by index, showing the newest VISIBLE_COLUMNS indices. It
 * follows the newest entry unless the person has scrolled back.
 */
import { useLayoutEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRaft } from '../../store/store';
import { columnRange, VISIBLE_COLUMNS } from './logModel';
import { CELL_WIDTH, LogRow } from './LogRow';

export function LogView() {
  const nodeIds = useRaft(useShallow((s) => s.nodeIds));
  const [first, last] = useRaft(useShallow((s) => columnRange(s.nodeIds.map((id) => s.logs[id] ?? []))));
  const scroller = useRef<HTMLDivElement>(null);
  const pinnedRight = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinnedRight.current) el.scrollLeft = el.scrollWidth;
  }, [first, last]);

  const onScroll = () => {
    const el = scroller.current;
    if (el) pinnedRight.current = el.scrollLeft + el.clientWidth >= el.scrollWidth - CELL_WIDTH;
  };

  const columns = Math.max(0, last - first + 1);
  const indices = Array.from({ length: columns }, (_, i) => first + i);
  return (
    <section className="panel logs" aria-labelledby="logs-heading">
      <div className="panel__head">
        <h2 id="logs-heading">Logs</h2>
        <p className="hint">
          Colour = term · solid = committed · striped = not yet committed · dark bar = commit index
          {columns >= VISIBLE_COLUMNS && ` Showing the newest ${VISIBLE_COLUMNS} indices.`}
        </p>
      </div>
      <div className="log-scroll" ref={scroller} onScroll={onScroll} role="table" aria-label="Logs">
        <div className="log-row log-row--header" role="row">
          <div className="log-row__label" role="columnheader">
            Index
          </div>
          <div className="log-row__cells" style={{ width: columns * CELL_WIDTH }}>
            {indices.map((i) => (
              <div
                key={i}
                className="log-index"
                role="columnheader"
                style={{ left: (i - first) * CELL_WIDTH }}
              >
                {i}
              </div>
            ))}
          </div>
        </div>
        {nodeIds.map((id) => (
          <LogRow key={id} nodeId={id} first={first} last={last} />
        ))}
        {columns === 0 && (
          <p className="hint log-empty">No entries yet: a leader appends a noop once elected.</p>
        )}
      </div>
    </section>
  );
}
