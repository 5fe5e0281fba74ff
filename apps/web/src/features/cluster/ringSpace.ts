/**
 * The room on the ring, for placing words so that nothing drawn covers them: boxes, the
 * discs the nodes take (body and timer arc), the place a leader's crown takes, and the
 * choice of the first free place among candidates. Plain geometry in the ring's SVG
 * units, no DOM (captions.ts and badges.ts place the words).
 */
import type { Point, RingLayout } from './layout';

/** An axis-aligned box: top-left corner and size. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Beyond the body: the timer's track and arc reach radius + 10 (ring/scene.ts paints the arc out to there). */
export const ARC_OUTSET = 10;
/** Clearance kept between a word and anything else, so they read as apart. */
export const CLEARANCE = 2;

export const boxesMeet = (a: Box, b: Box, clearance = 0): boolean =>
  a.x < b.x + b.w + clearance &&
  b.x < a.x + a.w + clearance &&
  a.y < b.y + b.h + clearance &&
  b.y < a.y + a.h + clearance;

export function boxMeetsDisc(box: Box, center: Point, radius: number): boolean {
  const nearestX = Math.max(box.x, Math.min(center.x, box.x + box.w));
  const nearestY = Math.max(box.y, Math.min(center.y, box.y + box.h));
  return Math.hypot(center.x - nearestX, center.y - nearestY) < radius;
}

export const inside = (box: Box, layout: RingLayout): boolean =>
  box.x >= 0 && box.y >= 0 && box.x + box.w <= layout.width && box.y + box.h <= layout.height;

/** The place a leader's crown takes above its node (NodeGlyph's crown path, with its stroke). */
export function crownBox(at: Point, nodeRadius: number): Box {
  return { x: at.x - 12, y: at.y - nodeRadius - 30, w: 24, h: 12 };
}

/** A round place no word may cover. */
export interface Disc {
  at: Point;
  r: number;
}

/** What no word may cover: every node's body and timer arc. */
export function nodeDiscs(layout: RingLayout): Disc[] {
  return [...layout.positions.values()].map((at) => ({ at, r: layout.nodeRadius + ARC_OUTSET + CLEARANCE }));
}

/** Whether `box` is free of the discs and boxes given, and inside the view. */
export function free(box: Box, layout: RingLayout, discs: Disc[], taken: Box[]): boolean {
  return (
    inside(box, layout) &&
    discs.every((d) => !boxMeetsDisc(box, d.at, d.r)) &&
    taken.every((t) => !boxesMeet(box, t, CLEARANCE))
  );
}

/** How much of `box` is covered by what it should avoid (to pick the least bad place when none is free). */
export function overlap(box: Box, layout: RingLayout, discs: Disc[], taken: Box[]): number {
  const area = (a: Box, b: Box) =>
    Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) *
    Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const discArea = discs.reduce(
    (sum, d) => sum + area(box, { x: d.at.x - d.r, y: d.at.y - d.r, w: 2 * d.r, h: 2 * d.r }),
    0,
  );
  const out = inside(box, layout) ? 0 : box.w * box.h;
  return discArea + out + taken.reduce((sum, t) => sum + area(box, t), 0);
}

/** The first free candidate, or the one least covered. */
export function pick<T>(
  candidates: T[],
  boxOf: (c: T) => Box,
  layout: RingLayout,
  discs: Disc[],
  taken: Box[],
): T {
  const found = candidates.find((c) => free(boxOf(c), layout, discs, taken));
  if (found) return found;
  let best = candidates[0];
  let bestOverlap = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const o = overlap(boxOf(c), layout, discs, taken);
    if (o < bestOverlap) [best, bestOverlap] = [c, o];
  }
  return best;
}
