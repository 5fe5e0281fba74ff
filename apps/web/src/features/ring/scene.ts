/**
 * What the ring's canvas shows and when it must be painted again: the page hands it
 * updates (the store's messages, timers and clock, the canvas's size, the theme), and
 * `paint` draws one frame. It runs in the painting worker (ring.worker.ts); it imports
 * neither the store nor React, so tests run it against a recording context.
 *
 * Wall times here are epoch ms (`performance.timeOrigin + performance.now()`): a
 * worker's `performance.now()` counts from its own start, not the page's.
 */
import type { ClockState } from '../../store/types';
import { FAST_SPEED } from '../../store/speed';
import type { RingLayout } from '../cluster/layout';
import { extrapolate, msUntilNextStep, timerRemaining } from '../clock/vclock';
import { Pacer } from '../pace';
import { fitViewBox, glyphPoint, messagePoint, type Glyph } from './geometry';
import { BURST_MS, paintArc, paintBurst, paintFocus, paintGlyph, paintSpot, type Context2D } from './paint';
import type { Palette } from './palette';

/** A node's election timer (virtual µs; null: none running). */
export interface Timer {
  id: number;
  up: boolean;
  start: number | null;
  end: number | null;
}

/** A dropped message's burst: where it died and when it was seen (epoch ms). */
export interface Burst {
  from: number;
  to: number;
  progress: number;
  startedAt: number;
}

/** The canvas's box in CSS px, and device pixels per CSS px. */
export interface CanvasSize {
  width: number;
  height: number;
  dpr: number;
}

export interface SceneUpdate {
  size?: CanvasSize;
  layout?: RingLayout;
  /** The store's clock, `receivedAt` in epoch ms. */
  clock?: ClockState;
  glyphs?: Glyph[];
  timers?: Timer[];
  /** New bursts, added to those still fading. */
  bursts?: Burst[];
  palette?: Palette;
  reducedMotion?: boolean;
  /** The message whose button has the keyboard focus. */
  focusId?: number | null;
  /** The messages a lesson's step speaks of: haloed, the others dimmed (none: all plain). */
  spotlit?: number[];
}

/** How much of a message the lesson does not speak of still shows. */
const DIMMED_ALPHA = 0.3;

/** Arcs are drawn in steps of 1/100 of a turn: finer steps are under a pixel. */
const ARC_STEPS = 100;

export const epochNow = (): number => performance.timeOrigin + performance.now();

export class RingScene {
  private size: CanvasSize | null = null;
  private layout: RingLayout | null = null;
  private clock: ClockState | null = null;
  private glyphs: Glyph[] = [];
  private timers: Timer[] = [];
  private bursts: Burst[] = [];
  private palette: Palette | null = null;
  private reducedMotion = false;
  private focusId: number | null = null;
  private spotlit: number[] = [];
  /** The arcs shown, as fractions of a turn: above FAST_SPEED they change only when paced. */
  private arcs = new Map<number, number>();
  private pacer = new Pacer();
  private updated = true;

  apply(update: SceneUpdate): void {
    const { bursts, ...rest } = update;
    Object.assign(this, rest);
    if (bursts) this.bursts.push(...bursts);
    this.updated = true;
  }

  /** Paints the frame at `wallNow`; returns wall ms until it must be painted again. */
  paint(ctx: Context2D, wallNow: number): number {
    const { size, layout, clock, palette } = this;
    if (!size || !layout || !clock || !palette) return Number.POSITIVE_INFINITY;
    const width = Math.round(size.width * size.dpr);
    const height = Math.round(size.height * size.dpr);
    // Setting a canvas's size clears it even when unchanged.
    if (ctx.canvas.width !== width || ctx.canvas.height !== height) {
      ctx.canvas.width = width;
      ctx.canvas.height = height;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const fit = fitViewBox(size.width, size.height, layout);
    const scale = fit.scale * size.dpr;
    ctx.setTransform(scale, 0, 0, scale, fit.x * size.dpr, fit.y * size.dpr);
    const vnow = extrapolate(clock, wallNow);
    let next = this.paintArcs(ctx, layout, clock, palette, vnow, wallNow);
    const spotlit = this.spotlit.length > 0 ? new Set(this.spotlit) : null;
    for (const glyph of this.glyphs) {
      const at = glyphPoint(layout, glyph, vnow, this.reducedMotion);
      if (!at) continue;
      if (spotlit?.has(glyph.id)) paintSpot(ctx, glyph.kind, at, palette);
      ctx.globalAlpha = spotlit && !spotlit.has(glyph.id) ? DIMMED_ALPHA : 1;
      paintGlyph(ctx, glyph.kind, glyph.rejected, at, palette);
      ctx.globalAlpha = 1;
      if (glyph.id === this.focusId) paintFocus(ctx, glyph.kind, at, palette);
      // A message that has arrived waits at the receiver for its delivery event.
      if (!clock.paused && glyph.deliverAt > vnow) next = 0;
    }
    this.bursts = this.bursts.filter((burst) => wallNow - burst.startedAt < BURST_MS);
    for (const burst of this.bursts) {
      const at = messagePoint(layout, burst.from, burst.to, burst.progress);
      if (at) paintBurst(ctx, at, Math.max(0, wallNow - burst.startedAt) / BURST_MS, palette);
    }
    this.updated = false;
    return this.bursts.length > 0 ? 0 : next;
  }

  /**
   * Above FAST_SPEED the arcs are paced (see Pacer): a follower's timer is reset by
   * every heartbeat (every 50 ms of virtual time, §5.2), at 10× every 5 ms, so drawing
   * it as it is each frame shows only flicker.
   */
  private paintArcs(
    ctx: Context2D,
    layout: RingLayout,
    clock: ClockState,
    palette: Palette,
    vnow: number,
    wallNow: number,
  ): number {
    const paced = clock.speed > FAST_SPEED;
    const speed = clock.paused ? 0 : clock.speed;
    const refresh = !paced || this.pacer.due(wallNow, clock.speed, this.updated);
    let next = Number.POSITIVE_INFINITY;
    for (const timer of this.timers) {
      const remaining = timer.up ? timerRemaining(timer.start, timer.end, vnow) : null;
      if (refresh) {
        if (remaining === null) this.arcs.delete(timer.id);
        else this.arcs.set(timer.id, Math.round(remaining * ARC_STEPS) / ARC_STEPS);
      }
      if (remaining !== null && !paced) {
        next = Math.min(next, msUntilNextStep(remaining, timer.end! - timer.start!, speed, ARC_STEPS));
      }
      const shown = this.arcs.get(timer.id);
      const at = layout.positions.get(timer.id);
      if (shown === undefined || !at) continue;
      paintArc(ctx, at, shown, layout.nodeRadius + 4, layout.nodeRadius + 10, palette);
    }
    if (paced && speed > 0 && this.arcs.size > 0) next = this.pacer.wait(wallNow, clock.speed);
    return next;
  }
}
