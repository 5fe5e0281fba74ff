/**
 * Painting the ring's moving parts on a 2D canvas context (the page's or a worker's):
 * message glyphs, drop bursts, election-timer arcs and the keyboard focus ring. The
 * shapes are those the SVG legend draws (messageStyle.ts); colours come by token name
 * from a Palette.
 */
import type { Point } from '../cluster/layout';
import { glyphPaint, KIND_STYLE, shapePath, type MessageKind } from '../network/messageStyle';
import { RING_TOKENS, tokenName, type Palette } from './palette';

export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** How long a drop burst stays on screen, wall ms. */
export const BURST_MS = 900;
const BURST = 'M0,-10L2.5,-2.5L10,0L2.5,2.5L0,10L-2.5,2.5L-10,0L-2.5,-2.5Z';

/** Paths made once per shape: a Path2D is parsed from its SVG path text. */
const paths = new Map<string, Path2D>();
const path = (d: string): Path2D => {
  let p = paths.get(d);
  if (!p) paths.set(d, (p = new Path2D(d)));
  return p;
};

export function paintGlyph(
  ctx: Context2D,
  kind: MessageKind,
  rejected: boolean,
  at: Point,
  palette: Palette,
) {
  const style = KIND_STYLE[kind];
  const { fill, stroke, strokeWidth } = glyphPaint(style);
  ctx.save();
  ctx.translate(at.x, at.y);
  const body = path(shapePath(style.shape, style.size));
  ctx.fillStyle = palette[tokenName(fill)];
  ctx.fill(body);
  ctx.strokeStyle = palette[tokenName(stroke)];
  ctx.lineWidth = strokeWidth;
  ctx.stroke(body);
  if (rejected) {
    const r = style.size * 0.55;
    ctx.strokeStyle = palette[RING_TOKENS.reject];
    ctx.lineWidth = 2.5;
    ctx.stroke(path(`M${-r},${-r}L${r},${r}M${r},${-r}L${-r},${r}`));
  }
  ctx.restore();
}

/** A burst `age` (0..1) of the way through its BURST_MS: growing and fading. */
export function paintBurst(ctx: Context2D, at: Point, age: number, palette: Palette) {
  ctx.save();
  ctx.translate(at.x, at.y);
  const scale = 0.6 + age * 1.4;
  ctx.scale(scale, scale);
  ctx.globalAlpha = 1 - age;
  ctx.fillStyle = palette[RING_TOKENS.burstFill];
  ctx.fill(path(BURST));
  ctx.strokeStyle = palette[RING_TOKENS.burstStroke];
  ctx.lineWidth = 1;
  ctx.stroke(path(BURST));
  ctx.restore();
}

/** The halo under a message a lesson's step speaks of, as `node__spot` rings a node. */
export function paintSpot(ctx: Context2D, kind: MessageKind, at: Point, palette: Palette) {
  ctx.beginPath();
  ctx.arc(at.x, at.y, KIND_STYLE[kind].size + 6, 0, 2 * Math.PI);
  ctx.fillStyle = palette[RING_TOKENS.spotFill];
  ctx.fill();
  ctx.strokeStyle = palette[RING_TOKENS.spot];
  ctx.lineWidth = 2;
  ctx.stroke();
}

/** The ring drawn around the glyph of the message whose button has the focus. */
export function paintFocus(ctx: Context2D, kind: MessageKind, at: Point, palette: Palette) {
  ctx.beginPath();
  ctx.arc(at.x, at.y, KIND_STYLE[kind].size + 5, 0, 2 * Math.PI);
  ctx.strokeStyle = palette[RING_TOKENS.focus];
  ctx.lineWidth = 2.5;
  ctx.stroke();
}

/**
 * A node's election-timer arc around `at`: a band from `inner` to `outer` with round
 * ends, running clockwise from the top for `remaining` (0..1) of a turn. A stroke with
 * round caps of the band's width draws that band.
 */
export function paintArc(
  ctx: Context2D,
  at: Point,
  remaining: number,
  inner: number,
  outer: number,
  palette: Palette,
) {
  if (remaining <= 0) return;
  const top = -Math.PI / 2;
  ctx.beginPath();
  ctx.arc(at.x, at.y, (inner + outer) / 2, top, top + remaining * 2 * Math.PI);
  ctx.lineWidth = outer - inner;
  ctx.lineCap = 'round';
  ctx.strokeStyle = palette[remaining < 0.25 ? RING_TOKENS.timerLow : RING_TOKENS.timer];
  ctx.stroke();
}
