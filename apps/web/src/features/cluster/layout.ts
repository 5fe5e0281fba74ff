/**
 * Ring geometry: where each node sits and where a link starts and ends. Plain maths on
 * d3-scale; no DOM.
 */
import { scaleLinear } from 'd3-scale';

export interface Point {
  x: number;
  y: number;
}

export interface RingLayout {
  width: number;
  height: number;
  center: Point;
  radius: number;
  nodeRadius: number;
  positions: Map<number, Point>;
}

/** Places `ids` clockwise on a circle, the first at the top. */
export function ringLayout(ids: readonly number[], width: number, height: number): RingLayout {
  const nodeRadius = ids.length > 7 ? 30 : 36;
  const center = { x: width / 2, y: height / 2 };
  // Room for the node, its timer ring and the caption under it.
  const radius = Math.max(0, Math.min(width, height) / 2 - nodeRadius - 34);
  const angle = scaleLinear()
    .domain([0, Math.max(1, ids.length)])
    .range([-Math.PI / 2, (3 * Math.PI) / 2]);
  const positions = new Map<number, Point>();
  ids.forEach((id, i) => {
    const a = angle(i);
    const r = ids.length === 1 ? 0 : radius;
    positions.set(id, { x: round(center.x + r * Math.cos(a)), y: round(center.y + r * Math.sin(a)) });
  });
  return { width, height, center, radius, nodeRadius, positions };
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The segment from a's rim to b's rim, so lines and messages do not run under the nodes. */
export function rimToRim(a: Point, b: Point, rim: number): [Point, Point] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  if (len <= 2 * rim) return [a, b];
  const ux = dx / len;
  const uy = dy / len;
  return [
    { x: a.x + ux * rim, y: a.y + uy * rim },
    { x: b.x - ux * rim, y: b.y - uy * rim },
  ];
}

/** The point a fraction `t` of the way from a to b. */
export const lerpPoint = (a: Point, b: Point, t: number): Point => ({
  x: a.x + (b.x - a.x) * t,
  y: a.y + (b.y - a.y) * t,
});

/**
 * Messages a→b and b→a travel on parallel lanes offset to either side of the link, so a
 * request and its response never overlap.
 */
export function laneOffset(from: Point, to: Point, offset: number): [Point, Point] {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const nx = (-dy / len) * offset;
  const ny = (dx / len) * offset;
  return [
    { x: from.x + nx, y: from.y + ny },
    { x: to.x + nx, y: to.y + ny },
  ];
}

/** Where a node's caption goes, relative to the node's centre. */
export interface CaptionPlacement {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * Under the node, but leaning away from the ring's vertical axis: a node right of
 * centre starts its caption near its left edge and runs outwards, a node left of centre
 * ends it near its right edge. Two neighbours at the bottom of a large ring would
 * otherwise write over each other.
 */
export function captionPlacement(at: Point, center: Point, nodeRadius: number): CaptionPlacement {
  const dx = at.x - center.x;
  const dy = at.y - center.y;
  const length = Math.hypot(dx, dy);
  const side = length === 0 ? 0 : dx / length;
  const y = nodeRadius + 24;
  if (side > 0.2) return { x: -nodeRadius * 0.6, y, anchor: 'start' };
  if (side < -0.2) return { x: nodeRadius * 0.6, y, anchor: 'end' };
  return { x: 0, y, anchor: 'middle' };
}
