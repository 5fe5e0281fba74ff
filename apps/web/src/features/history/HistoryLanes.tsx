/**
 * The client history as lanes, one per client (like Porcupine's view): each operation
 * is a bar from invocation to completion, coloured by outcome, with the checker's
 * verdict beside the heading and its detail below. When the history is not linearizable, the operations of the longest
 * linearizable prefix carry their place in that order (1, 2, 3…), the operation that
 * cannot be placed is ringed in red, and other keys' operations fade. Clicking an
 * operation highlights its log entry. D3 does the scale; React owns the SVG.
 */
import { scaleLinear } from 'd3-scale';
import type { KeyboardEvent } from 'react';
import { raftStore, useRaft, type RaftStore } from '../../store/store';
import { useThrottledRaft } from '../../store/useThrottled';
import { useAutoCheck } from './checkHistory';
import { historyBars } from './historyModel';
import { VerdictBadge, VerdictDetail } from './Verdict';
import { MARK_WORDS, opMark } from './verdictModel';
import './history.css';
import './verdict.css';

const SHOWN = 60;
/** Lanes drawn at most: the newest clients' (a curl-driven run has a client per request). */
const MAX_LANES = 16;
const LANE_H = 30;
/** Room above a bar for its mark (its place in the prefix, or ✗). */
const BAR_TOP = 11;
const BAR_H = 15;
const LABEL_W = 70;
const WIDTH = 560;
const selectHistory = (s: RaftStore) => ({ history: s.history, now: s.clock.now });

export function HistoryLanes() {
  useAutoCheck();
  const { history, now } = useThrottledRaft(selectHistory, 250);
  const highlightIndex = useRaft((s) => s.highlightIndex);
  const verdict = useRaft((s) => s.check.verdict);
  const { bars, clients, from, to } = historyBars(history, now, SHOWN, MAX_LANES);
  const height = Math.max(1, clients.length) * LANE_H + 22;
  const x = scaleLinear()
    .domain([from, Math.max(to, from + 1)])
    .range([LABEL_W, WIDTH - 8]);
  const pick = (index: number | undefined) => {
    if (index === undefined) return;
    raftStore.getState().highlightEntry(index);
  };
  const failedId = verdict?.status === 'not-linearizable' ? verdict.failedOpId : undefined;
  const offendingHidden = failedId !== undefined && !bars.some((b) => b.op.opId === failedId);
  return (
    <section className="panel history" aria-labelledby="history-heading">
      <div className="panel__head">
        <h2 id="history-heading">Client history</h2>
        <VerdictBadge />
      </div>
      <p className="hint history__key">
        One lane per client (the newest {MAX_LANES}) · green ok · red failed · amber unknown · grey pending
      </p>
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
              <line
                className="history__lane"
                x1={LABEL_W}
                x2={WIDTH - 8}
                y1={BAR_TOP + BAR_H / 2}
                y2={BAR_TOP + BAR_H / 2}
              />
              <text className="history__client" x={4} y={BAR_TOP + BAR_H / 2 + 4}>
                client {c}
              </text>
            </g>
          ))}
          {bars.map((b) => {
            const x0 = x(b.start);
            const w = Math.max(4, x(b.end) - x0);
            const index = b.op.result?.index;
            const mark = opMark(verdict, b.op.opId, b.op.op.key);
            const place = mark === 'prefix' ? verdict!.prefixOpIds!.indexOf(b.op.opId) + 1 : 0;
            const label = mark
              ? `${b.label}, ${mark === 'prefix' ? `${MARK_WORDS.prefix} (${place})` : MARK_WORDS[mark]}`
              : b.label;
            const onKey = (e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                pick(index);
              }
            };
            const y = b.lane * LANE_H + BAR_TOP;
            return (
              <g
                key={b.op.opId}
                className={`history__op history__op--${b.op.status}${mark ? ` history__op--${mark}` : ''}${index !== undefined && index === highlightIndex ? ' history__op--picked' : ''}`}
                role="button"
                tabIndex={0}
                aria-label={label}
                onClick={() => pick(index)}
                onKeyDown={onKey}
              >
                <title>{label}</title>
                <rect x={x0} y={y} width={w} height={BAR_H} rx={3} />
                {(mark === 'prefix' || mark === 'offending') && (
                  <text
                    className="history__mark"
                    // Near the right edge the words run leftwards, so they stay inside the lanes.
                    {...(x0 > WIDTH - 140 ? { x: x0 + w, textAnchor: 'end' } : { x: x0 + 2 })}
                    y={y - 2}
                  >
                    {mark === 'prefix' ? place : '✗ cannot be placed'}
                  </text>
                )}
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
      <VerdictDetail offendingHidden={offendingHidden} />
    </section>
  );
}
