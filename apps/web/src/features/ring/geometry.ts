/**
 * Where the ring's moving parts are, in the ring's viewBox units: a message's place on
 * its lane, the box the viewBox is fitted into, and what the pointer is on. Plain maths,
 * shared by the page (hit testing, the accessible buttons) and the painting worker.
 */
import type { MessageInFlight } from '@raftlab/protocol';
import { laneOffset, lerpPoint, rimToRim, type Point, type RingLayout } from '../cluster/layout';
import { flightProgress } from '../clock/vclock';
import { isRejected, KIND_STYLE, messageKind, type MessageKind } from '../network/messageStyle';

/** What the ring draws of a message in flight: its ends and times, not its payload. */
export interface Glyph {
  id: number;
  from: number;
  to: number;
  /** Virtual µs. */
  sentAt: number;
  deliverAt: number;
  kind: MessageKind;
  rejected: boolean;
}

export const toGlyph = (m: MessageInFlight): Glyph => ({
  id: m.id,
  from: m.msg.from,
  to: m.msg.to,
  sentAt: m.sentAt,
  deliverAt: m.deliverAt,
  kind: messageKind(m.msg),
  rejected: isRejected(m.msg),
});

/** Messages a→b and b→a keep to lanes this far either side of the link. */
const LANE = 6;
/** A message starts and ends this far outside the nodes' rims. */
const RIM_GAP = 12;

/** The on-screen position of a message from → to at fraction `progress` of its trip. */
export function messagePoint(layout: RingLayout, from: number, to: number, progress: number): Point | null {
  const a = layout.positions.get(from);
  const b = layout.positions.get(to);
  if (!a || !b) return null;
  const [ra, rb] = rimToRim(a, b, layout.nodeRadius + RIM_GAP);
  const [la, lb] = laneOffset(ra, rb, LANE);
  return lerpPoint(la, lb, progress);
}

/**
 * With reduced motion a message does not glide: it sits by the sender for the first
 * half of its trip and by the receiver for the second.
 */
export const motionProgress = (progress: number, reduced: boolean): number =>
  reduced ? (progress < 0.5 ? 0.1 : 0.9) : progress;

/** Where `glyph` is drawn at virtual time `vnow`. */
export const glyphPoint = (layout: RingLayout, glyph: Glyph, vnow: number, reduced: boolean) =>
  messagePoint(
    layout,
    glyph.from,
    glyph.to,
    motionProgress(flightProgress(glyph.sentAt, glyph.deliverAt, vnow), reduced),
  );

/** How the viewBox sits in a box of the page (as SVG's default xMidYMid meet places it). */
export interface Fit {
  /** Page px per viewBox unit. */
  scale: number;
  /** The viewBox's origin in the box, page px. */
  x: number;
  y: number;
}

export function fitViewBox(boxWidth: number, boxHeight: number, layout: RingLayout): Fit {
  const scale = Math.min(boxWidth / layout.width, boxHeight / layout.height) || 0;
  return {
    scale,
    x: (boxWidth - layout.width * scale) / 2,
    y: (boxHeight - layout.height * scale) / 2,
  };
}

/** Whether (dx, dy) from a glyph's centre is on what it paints: its shape and half its border. */
export function insideGlyph(kind: MessageKind, dx: number, dy: number): boolean {
  const { shape, size, hollow } = KIND_STYLE[kind];
  const r = size + (hollow ? 1.25 : 0.75);
  switch (shape) {
    case 'circle':
      return dx * dx + dy * dy <= r * r;
    case 'square':
      return Math.abs(dx) <= r && Math.abs(dy) <= r;
    case 'diamond':
      return Math.abs(dx) + Math.abs(dy) <= r;
    case 'triangle':
      // Apex at (0, -size), base at y = 0.8 size: the half-width grows from 0 to r.
      return dy >= -r && dy <= 0.8 * r && Math.abs(dx) <= (r * (dy + r)) / (1.8 * r);
  }
}

/**
 * A link's own line keeps its clicks: this close to the centre line of any link (its
 * stroke is 2–4 px wide), the pointer is on the link even where a message's glyph lies
 * over it, since a message's lane runs only LANE px beside the line.
 */
const LINK_BAND = 3;

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

export function onLinkLine(layout: RingLayout, p: Point): boolean {
  const centres = [...layout.positions.values()];
  for (let i = 0; i < centres.length; i++) {
    for (let j = i + 1; j < centres.length; j++) {
      if (distanceToSegment(p, centres[i], centres[j]) <= LINK_BAND) return true;
    }
  }
  return false;
}

/**
 * The message drawn at `p` (viewBox units) at virtual time `vnow`, topmost first, or
 * null: null too on a link's line (see LINK_BAND), so a message never takes a click
 * aimed at the link it travels along.
 */
export function messageAt(
  glyphs: readonly Glyph[],
  layout: RingLayout,
  vnow: number,
  p: Point,
  reduced: boolean,
): Glyph | null {
  if (onLinkLine(layout, p)) return null;
  for (let i = glyphs.length - 1; i >= 0; i--) {
    const at = glyphPoint(layout, glyphs[i], vnow, reduced);
    if (at && insideGlyph(glyphs[i].kind, p.x - at.x, p.y - at.y)) return glyphs[i];
  }
  return null;
}
