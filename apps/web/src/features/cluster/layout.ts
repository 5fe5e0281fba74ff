/**
 * Ring geometry: where each node sits, where a link starts and ends, and the legend's
 * drawing of a timer arc. Plain maths on d3-scale and d3-shape; no DOM.
 */
import { scaleLinear } from 'd3-scale';
import { arc } from 'd3-shape';
import { DASHBOARD_VIEW, type RingType } from './ringView';

export interface Point {
  x: number;
  y: number;
}

export interface RingLayout {
  width: number;
  height: number;
  center: Point;
  /** The ring's radius up and down, and sideways (larger in a wide view). */
  radius: number;
  radiusX: number;
  nodeRadius: number;
  positions: Map<number, Point>;
  /** The sizes of the words drawn on this ring (ringView.ts). */
  type: RingType;
}

/**
 * Places `ids` clockwise on an oval, the first at the top. The oval is a circle unless
 * the view is wider than tall: then it stretches sideways to use the width, which parts
 * the nodes near the top and bottom of a large ring (their labels need the room).
 */
export function ringLayout(
  ids: readonly number[],
  width: number,
  height: number,
  type: RingType = DASHBOARD_VIEW.type,
): RingLayout {
  const nodeRadius = ids.length > 7 ? 30 : 36;
  const center = { x: width / 2, y: height / 2 };
  // Room for the node, its timer ring (10) and the two-line caption under it (32 at the
  // dashboard's sizes: captions.ts).
  const radius = Math.max(
    0,
    Math.min(width, height) / 2 - nodeRadius - 10 - (type.captionLine + type.caption + 7),
  );
  // Sideways, room for the node, its ring and a caption beside it (66 at the dashboard's sizes).
  const radiusX = Math.max(radius, width / 2 - nodeRadius - 10 - type.caption * 5.5);
  const angle = scaleLinear()
    .domain([0, Math.max(1, ids.length)])
    .range([-Math.PI / 2, (3 * Math.PI) / 2]);
  const positions = new Map<number, Point>();
  const one = ids.length === 1;
  ids.forEach((id, i) => {
    const a = angle(i);
    positions.set(id, {
      x: round(center.x + (one ? 0 : radiusX) * Math.cos(a)),
      y: round(center.y + (one ? 0 : radius) * Math.sin(a)),
    });
  });
  return { width, height, center, radius, radiusX, nodeRadius, positions, type };
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

const timerArc = arc();

/**
 * SVG path of an election-timer ring around the origin with `remaining` of it left (0..1):
 * the legend's drawing of what the ring's canvas paints (features/ring/paint.ts).
 */
export function timerArcPath(remaining: number, innerRadius: number, outerRadius: number): string {
  if (remaining <= 0) return '';
  timerArc.cornerRadius((outerRadius - innerRadius) / 2);
  return timerArc({ innerRadius, outerRadius, startAngle: 0, endAngle: remaining * 2 * Math.PI }) ?? '';
}
