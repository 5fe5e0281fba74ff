/**
 * Term per node and the commit index over virtual time, elections marked. D3 computes
 * scales and paths (chartModel.ts); React owns the SVG. Re-rendered at most twice a second.
 */
import { nodeColor } from './palette';
import { useThrottledRaft } from '../../store/useThrottled';
import type { RaftStore } from '../../store/store';
import { chartGeometry, type ChartFrame } from './chartModel';
import './charts.css';

const FRAME: ChartFrame = { width: 420, height: 150, margin: { top: 10, right: 10, bottom: 20, left: 34 } };
const selectChart = (s: RaftStore) => ({ samples: s.samples, elections: s.elections, nodeIds: s.nodeIds });

function Axes({
  ticks,
  time,
}: {
  ticks: { y: number; value: number }[];
  time: { x: number; label: string }[];
}) {
  const { width, height, margin } = FRAME;
  return (
    <g className="chart__axes">
      {ticks.map((t, i) => (
        <g key={i}>
          <line x1={margin.left} x2={width - margin.right} y1={t.y} y2={t.y} className="chart__grid" />
          <text x={margin.left - 4} y={t.y + 3} textAnchor="end">
            {t.value}
          </text>
        </g>
      ))}
      {time.map((t, i) => (
        <text key={i} x={t.x} y={height - 5} textAnchor="middle">
          {t.label}
        </text>
      ))}
    </g>
  );
}

export function Charts() {
  const { samples, elections, nodeIds } = useThrottledRaft(selectChart, 500);
  const g = chartGeometry(samples, elections, nodeIds, FRAME);
  const { width, height, margin } = FRAME;
  const marks = g.elections.map((e) => (
    <g key={`${e.t}-${e.node}`} className="chart__election">
      <line x1={e.x} x2={e.x} y1={margin.top} y2={height - margin.bottom} />
      <text x={e.x + 2} y={margin.top + 8}>
        ★{e.node}
      </text>
    </g>
  ));
  const last = samples[samples.length - 1];
  return (
    <section className="panel charts" aria-labelledby="charts-heading">
      <div className="panel__head">
        <h2 id="charts-heading">Terms and commits</h2>
        <p className="hint">Virtual time · ★n = node n elected</p>
      </div>
      <div className="charts__row">
        <figure>
          <figcaption>Term per node</figcaption>
          <svg
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-label={`Term per node over virtual time: now ${nodeIds.map((id) => `node ${id} ${last?.terms[id] ?? 0}`).join(', ')}; ${g.elections.length} elections shown`}
          >
            <Axes ticks={g.termTicks} time={g.timeTicks} />
            {marks}
            {g.terms.map((s, i) => (
              <path
                key={s.id}
                d={s.path}
                className="chart__line"
                style={{ stroke: nodeColor(s.id) }}
                transform={`translate(0,${(i - (nodeIds.length - 1) / 2) * 1.5})`}
              />
            ))}
          </svg>
          <ul className="charts__key" aria-hidden="true">
            {nodeIds.map((id) => (
              <li key={id}>
                <span style={{ background: nodeColor(id) }} />
                {id}
              </li>
            ))}
          </ul>
        </figure>
        <figure>
          <figcaption>Commit index (highest)</figcaption>
          <svg
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-label={`Commit index over virtual time: now ${last?.commit ?? 0}`}
          >
            <Axes ticks={g.commitTicks} time={g.timeTicks} />
            {marks}
            <path d={g.commit} className="chart__line chart__line--commit" />
          </svg>
        </figure>
      </div>
    </section>
  );
}
