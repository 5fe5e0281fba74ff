/**
 * The client history as lanes, one per client (like Porcupine's view): each operation
 * is a bar from invocation to completion, coloured by outcome. Clicking an operation
 * highlights its log entry. D3 does the scale; React owns the SVG.
 */
import { scaleLinear } from 'd3-scale';
import type { KeyboardEvent } from 'react';
import { raftStore, useRaft, type RaftStore } from '../../store/store';
import { useThrottledRaft } from '../../store/useThrottled';
import { historyBars } from './historyModel';

const SHOWN = 60;
const LANE_H = 26;
const LABEL_W = 70;
const WIDTH = 560;
const selectHistory = (s: RaftStore) => ({ history: s.history, now: s.clock.now });

export function HistoryLanes() {
  const { history, now } = useThrottledRaft(selectHistory, 250);
  const highlightIndex = useRaft((s) => s.highlightIndex);
  const { bars, clients, from, to } = historyBars(history, now, SHOWN);
  const height = Math.max(1, clients.length) * LANE_H + 22;
  const x = scaleLinear()
    .domain([from, Math.max(to, from + 1)])
    .range([LABEL_W, WIDTH - 8]);
  const pick = (index: number | undefined) => {
    if (index === undefined) return;
    raftStore.getState().highlightEntry(index);
  };
  return (
    <section className="panel history" aria-labelledby="history-heading">
      <div className="panel__head">
        <h2 id="history-heading">Client history</h2>
        <p className="hint">One lane per client · green ok · red failed · amber unknown · grey pending</p>
      </div>
      {bars.length === 0 ? (
        <p className="hint">No client operations yet: use Put, Get or Delete.</p>
      ) : (
        <svg
          className="history__svg"
          viewBox={`0 0 ${WIDTH} ${height}`}
          role="group"
          aria-label="Client history"
        >
          {clients.map((c, i) => (
            <g key={c} transform={`translate(0,${i * LANE_H})`}>
              <line className="history__lane" x1={LABEL_W} x2={WIDTH - 8} y1={LANE_H / 2} y2={LANE_H / 2} />
              <text className="history__client" x={4} y={LANE_H / 2 + 4}>
                client {c}
              </text>
            </g>
          ))}
          {bars.map((b) => {
            const x0 = x(b.start);
            const w = Math.max(4, x(b.end) - x0);
            const index = b.op.result?.index;
            const onKey = (e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                pick(index);
              }
            };
            return (
              <g
                key={b.op.opId}
                className={`history__op history__op--${b.op.status}${index !== undefined && index === highlightIndex ? ' history__op--picked' : ''}`}
                role="button"
                tabIndex={0}
                aria-label={b.label}
                onClick={() => pick(index)}
                onKeyDown={onKey}
              >
                <title>{b.label}</title>
                <rect x={x0} y={b.lane * LANE_H + 5} width={w} height={LANE_H - 10} rx={3} />
              </g>
            );
          })}
          <text className="history__axis" x={LABEL_W} y={height - 6}>
            {(from / 1e6).toFixed(3)} s
          </text>
          <text className="history__axis" x={WIDTH - 8} y={height - 6} textAnchor="end">
            {(to / 1e6).toFixed(3)} s
          </text>
        </svg>
      )}
    </section>
  );
}
