/**
 * Plain drawing functions for messages in flight and drop bursts. They own the children
 * of the `<g>` they are given: one `<g>` per message, keyed by message id.
 */
import type { MessageInFlight } from '@raftlab/protocol';
import { flightProgress } from '../clock/vclock';
import { laneOffset, lerpPoint, rimToRim, type RingLayout } from '../cluster/layout';
import { glyphPaint, messageStyle, shapePath } from './messageStyle';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** How long a drop burst stays on screen, wall ms. */
export const BURST_MS = 900;
const LANE = 6;

export interface Burst {
  message: MessageInFlight;
  /** Fraction of the way at which it died. */
  progress: number;
  /** performance.now() when it was first seen. */
  startedAt: number;
}

/** The on-screen position of a message at fraction `progress` of its trip. */
export function messagePoint(layout: RingLayout, m: MessageInFlight, progress: number) {
  const from = layout.positions.get(m.msg.from);
  const to = layout.positions.get(m.msg.to);
  if (!from || !to) return null;
  const [a, b] = rimToRim(from, to, layout.nodeRadius + 12);
  const [la, lb] = laneOffset(a, b, LANE);
  return lerpPoint(la, lb, progress);
}

function createGlyph(m: MessageInFlight): SVGGElement {
  const style = messageStyle(m.msg);
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'msg');
  g.setAttribute('data-message-type', m.msg.type);
  g.setAttribute('data-message-id', String(m.id));
  const body = document.createElementNS(SVG_NS, 'path');
  const paint = glyphPaint(style);
  body.setAttribute('d', shapePath(style.shape, style.size));
  // Colours are `var(--msg-…)` tokens, which only CSS properties resolve (not attributes).
  body.style.fill = paint.fill;
  body.style.stroke = paint.stroke;
  body.setAttribute('stroke-width', String(paint.strokeWidth));
  g.appendChild(body);
  if (style.rejected) {
    const cross = document.createElementNS(SVG_NS, 'path');
    const r = style.size * 0.55;
    cross.setAttribute('d', `M${-r},${-r}L${r},${r}M${r},${-r}L${-r},${r}`);
    cross.setAttribute('class', 'msg__reject');
    g.appendChild(cross);
  }
  return g;
}

/**
 * With reduced motion a message does not glide: it sits by the sender for the first
 * half of its trip and by the receiver for the second.
 */
export const motionProgress = (progress: number, reduced: boolean): number =>
  reduced ? (progress < 0.5 ? 0.1 : 0.9) : progress;

/** Brings the group's glyphs in line with `messages` at virtual time `vnow`. */
export function drawMessages(
  group: SVGGElement,
  glyphs: Map<number, SVGGElement>,
  layout: RingLayout,
  messages: Record<number, MessageInFlight>,
  vnow: number,
  reducedMotion = false,
): void {
  for (const [id, el] of glyphs) {
    if (!messages[id]) {
      el.remove();
      glyphs.delete(id);
    }
  }
  for (const key in messages) {
    const m = messages[key];
    const p = messagePoint(
      layout,
      m,
      motionProgress(flightProgress(m.sentAt, m.deliverAt, vnow), reducedMotion),
    );
    let el = glyphs.get(m.id);
    if (!p) {
      el?.remove();
      glyphs.delete(m.id);
      continue;
    }
    if (!el) {
      el = createGlyph(m);
      group.appendChild(el);
      glyphs.set(m.id, el);
    }
    const transform = `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`;
    if (el.getAttribute('transform') !== transform) el.setAttribute('transform', transform);
  }
}

/** Draws expanding, fading bursts where dropped messages died; removes finished ones. */
export function drawBursts(
  group: SVGGElement,
  bursts: Map<Burst, SVGGElement>,
  layout: RingLayout,
  wallNow: number,
): void {
  for (const [burst, existing] of bursts) {
    const age = (wallNow - burst.startedAt) / BURST_MS;
    const p = messagePoint(layout, burst.message, burst.progress);
    if (age >= 1 || !p) {
      existing.remove();
      bursts.delete(burst);
      continue;
    }
    let el = existing;
    if (!el.firstChild) {
      const star = document.createElementNS(SVG_NS, 'path');
      star.setAttribute('d', 'M0,-10L2.5,-2.5L10,0L2.5,2.5L0,10L-2.5,2.5L-10,0L-2.5,-2.5Z');
      star.setAttribute('class', 'burst');
      el.appendChild(star);
      group.appendChild(el);
    }
    el = existing;
    el.setAttribute(
      'transform',
      `translate(${p.x.toFixed(1)},${p.y.toFixed(1)}) scale(${(0.6 + age * 1.4).toFixed(2)})`,
    );
    el.setAttribute('opacity', (1 - age).toFixed(2));
  }
}

/** A fresh, empty `<g>` for a burst (filled on first draw). */
export const newBurstElement = (): SVGGElement => document.createElementNS(SVG_NS, 'g');
