/**
 * Where the leader's progress badges (`3/4 R`) go: on the link to each follower, near
 * the follower's end, or else beside the follower, each clear of every node, every
 * caption, the leader's crown and the other badges. Placed whenever the leader or a
 * badge's text changes.
 */
import type { Point, RingLayout } from './layout';
import { captionBox, type CaptionPlacement } from './captions';
import {
  ARC_OUTSET,
  boxesMeet,
  CLEARANCE,
  crownBox,
  free,
  nodeDiscs,
  pick,
  type Box,
  type Disc,
} from './ringSpace';
import type { RingType } from './ringView';

/** A badge: its rect is drawn this size around its centre (ProgressLabels.tsx). */
export const badgeSize = (text: string, type: RingType) => ({
  w: text.length * type.badgeChar + 8,
  h: type.badgeHeight,
});

/** The box of a badge reading `text` centred at `c`. */
export function badgeBox(c: Point, text: string, type: RingType): Box {
  const { w, h } = badgeSize(text, type);
  return { x: c.x - w / 2, y: c.y - h / 2, w, h };
}

/**
 * The places a badge for the link leader → peer may take, best first: on the link, just
 * clear of the peer's arc and then stepping towards the leader (near the follower's end
 * first, so the badges of different links do not crowd the leader); then beside the
 * peer, towards the ring's centre and turning around it, and a little further out.
 */
function badgeCandidates(layout: RingLayout, leader: Point, peer: Point, text: string): Point[] {
  const { center, nodeRadius: r } = layout;
  const { w, h } = badgeSize(text, layout.type);
  const dx = leader.x - peer.x;
  const dy = leader.y - peer.y;
  const length = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / length, dy / length];
  // Half the badge's extent along the link, so its corner clears the arc.
  const reach = (Math.abs(ux) * w + Math.abs(uy) * h) / 2;
  const clear = r + ARC_OUTSET + CLEARANCE + reach;
  const points: Point[] = [];
  for (let d = clear; d <= length - clear; d += 6) points.push({ x: peer.x + ux * d, y: peer.y + uy * d });
  const toCenter = Math.atan2(center.y - peer.y, center.x - peer.x);
  for (const further of [0, 14, 28])
    for (const turn of [0, 0.4, -0.4, 0.8, -0.8, 1.2, -1.2, 1.6, -1.6]) {
      const a = toCenter + turn;
      const [vx, vy] = [Math.cos(a), Math.sin(a)];
      const out = r + ARC_OUTSET + CLEARANCE + (Math.abs(vx) * w + Math.abs(vy) * h) / 2 + 1 + further;
      points.push({ x: peer.x + vx * out, y: peer.y + vy * out });
    }
  return points;
}

export interface BadgeText {
  /** The follower the badge is about. */
  peer: number;
  text: string;
}

/** Steps the search for a place for every badge may take before it settles for the least overlap. */
const SEARCH_STEPS = 20_000;

/**
 * Each badge's centre, clear of every node, every caption, the leader's crown and each
 * other. Taking the first free place badge by badge can leave a later badge nowhere (on
 * a 9-node ring, the follower beside the leader has few places), so the badges with the
 * fewest free places go first and a choice is undone when it leaves another none.
 */
export function placeBadges(
  layout: RingLayout,
  captions: Map<number, CaptionPlacement>,
  leader: number,
  badges: readonly BadgeText[],
): Map<number, Point> {
  const from = layout.positions.get(leader);
  if (!from) return new Map();
  const discs = nodeDiscs(layout);
  const fixed: Box[] = [crownBox(from, layout.nodeRadius)];
  for (const [id, at] of layout.positions) {
    const caption = captions.get(id);
    if (caption) fixed.push(captionBox(at, caption, layout.type));
  }
  const wanted = badges.flatMap(({ peer, text }) => {
    const to = layout.positions.get(peer);
    if (!to || peer === leader) return [];
    const all = badgeCandidates(layout, from, to, text);
    const open = all.filter((c) => free(badgeBox(c, text, layout.type), layout, discs, fixed));
    return [{ peer, text, all, open }];
  });
  wanted.sort((a, b) => a.open.length - b.open.length);
  return searchPlaces(wanted, layout.type) ?? settle(wanted, layout, discs, fixed);
}

interface Wanted {
  peer: number;
  text: string;
  /** Every candidate place, best first, and those free of the nodes, captions and crown. */
  all: Point[];
  open: Point[];
}

/** A free place for every badge, apart from each other, or null if the search gives up. */
function searchPlaces(wanted: readonly Wanted[], type: RingType): Map<number, Point> | null {
  const chosen: Box[] = [];
  const placed = new Map<number, Point>();
  let steps = 0;
  const place = (i: number): boolean => {
    if (i === wanted.length) return true;
    const { peer, text, open } = wanted[i];
    for (const c of open) {
      if (++steps > SEARCH_STEPS) return false;
      const box = badgeBox(c, text, type);
      if (chosen.some((t) => boxesMeet(box, t, CLEARANCE))) continue;
      chosen.push(box);
      placed.set(peer, c);
      if (place(i + 1)) return true;
      chosen.pop();
      placed.delete(peer);
    }
    return false;
  };
  return place(0) ? placed : null;
}

/** Badge by badge, the first free place or the least covered one (when no arrangement is free). */
function settle(
  wanted: readonly Wanted[],
  layout: RingLayout,
  discs: Disc[],
  fixed: Box[],
): Map<number, Point> {
  const taken = [...fixed];
  const placed = new Map<number, Point>();
  for (const { peer, text, all } of wanted) {
    const choice = pick(all, (c) => badgeBox(c, text, layout.type), layout, discs, taken);
    placed.set(peer, choice);
    taken.push(badgeBox(choice, text, layout.type));
  }
  return placed;
}
