/** Chart geometry: scales over the bounded sample history and the paths drawn from them. */
import { scaleLinear } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import type { ChartSample, ElectionMark } from '../../store/types';

export interface ChartFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface Series {
  id: number;
  path: string;
}

export interface ChartGeometry {
  /** Term per node: a step line per node. */
  terms: Series[];
  /** The highest commit index. */
  commit: string;
  /** Elections as x positions with the new leader and term. */
  elections: (ElectionMark & { x: number })[];
  termTicks: { y: number; value: number }[];
  commitTicks: { y: number; value: number }[];
  timeTicks: { x: number; label: string }[];
  maxTerm: number;
  maxCommit: number;
}

export function chartGeometry(
  samples: readonly ChartSample[],
  elections: readonly ElectionMark[],
  nodeIds: readonly number[],
  frame: ChartFrame,
): ChartGeometry {
  const { width, height, margin } = frame;
  const t0 = samples[0]?.t ?? 0;
  const t1 = Math.max(samples[samples.length - 1]?.t ?? 1, t0 + 1);
  const x = scaleLinear()
    .domain([t0, t1])
    .range([margin.left, width - margin.right]);
  let maxTerm = 1;
  let maxCommit = 1;
  for (const s of samples) {
    maxCommit = Math.max(maxCommit, s.commit);
    for (const id of nodeIds) maxTerm = Math.max(maxTerm, s.terms[id] ?? 0);
  }
  const yTerm = scaleLinear()
    .domain([0, maxTerm])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const yCommit = scaleLinear()
    .domain([0, maxCommit])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const terms = nodeIds.map((id) => {
    const points = samples.filter((s) => s.terms[id] !== undefined);
    const path =
      line<ChartSample>()
        .x((s) => x(s.t))
        .y((s) => yTerm(s.terms[id]))
        .curve(curveStepAfter)(points) ?? '';
    return { id, path };
  });
  const commit =
    line<ChartSample>()
      .x((s) => x(s.t))
      .y((s) => yCommit(s.commit))
      .curve(curveStepAfter)(samples as ChartSample[]) ?? '';
  return {
    terms,
    commit,
    elections: elections.filter((e) => e.t >= t0 && e.t <= t1).map((e) => ({ ...e, x: x(e.t) })),
    termTicks: yTerm
      .ticks(4)
      .filter(Number.isInteger)
      .map((value) => ({ y: yTerm(value), value })),
    commitTicks: yCommit
      .ticks(4)
      .filter(Number.isInteger)
      .map((value) => ({ y: yCommit(value), value })),
    timeTicks: x.ticks(4).map((t) => ({ x: x(t), label: formatSeconds(t, t1 - t0) })),
    maxTerm,
    maxCommit,
  };
}

/** Tick label in seconds with as many decimals as the span needs. */
export function formatSeconds(us: number, spanUs: number): string {
  const decimals = spanUs >= 4e6 ? 0 : spanUs >= 4e5 ? 1 : spanUs >= 4e4 ? 2 : 3;
  return `${(us / 1e6).toFixed(decimals)} s`;
}
