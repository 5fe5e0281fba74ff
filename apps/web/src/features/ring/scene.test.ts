import { beforeAll, describe, expect, it } from 'vitest';
import { ringLayout } from '../cluster/layout';
import { FAST_PACE_MAX_MS } from '../pace';
import type { Glyph } from './geometry';
import { BURST_MS, type Context2D } from './paint';
import { PAINTED_TOKENS } from './palette';
import { RingScene } from './scene';

/** A 2D context that records what is painted: each fill or stroke with its colour (and alpha). */
function recorder(withAlpha = false) {
  const painted: string[] = [];
  const ctx = {
    canvas: { width: 0, height: 0 },
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    lineCap: 'butt',
    globalAlpha: 1,
    save() {},
    restore() {},
    translate() {},
    scale() {},
    setTransform() {},
    clearRect() {},
    beginPath() {},
    arc(_x: number, _y: number, _r: number, start: number, end: number) {
      painted.push(`arc ${((end - start) / (2 * Math.PI)).toFixed(2)}`);
    },
    fill() {
      painted.push(`fill ${this.fillStyle}${withAlpha ? ` ${this.globalAlpha}` : ''}`);
    },
    stroke() {
      painted.push(`stroke ${this.strokeStyle}${withAlpha ? ` ${this.globalAlpha}` : ''}`);
    },
  };
  return { ctx: ctx as unknown as Context2D, painted };
}

beforeAll(() => {
  // Node has no Path2D; the recorder does not look inside paths.
  (globalThis as { Path2D?: unknown }).Path2D ??= class {};
});

const layout = ringLayout([1, 2, 3], 560, 440);
const palette = Object.fromEntries(PAINTED_TOKENS.map((name) => [name, name]));
const message: Glyph = { id: 7, from: 1, to: 2, sentAt: 0, deliverAt: 20_000, kind: 'vote', rejected: true };
/** A clock at virtual `now` µs, received at wall 0 ms, running at `speed`. */
const clock = (now: number, speed = 0.02, paused = false) => ({ now, seq: 0, speed, paused, receivedAt: 0 });

function scene(update: Partial<Parameters<RingScene['apply']>[0]> = {}) {
  const s = new RingScene();
  s.apply({ size: { width: 560, height: 440, dpr: 1 }, layout, palette, clock: clock(0), ...update });
  return s;
}

describe('RingScene', () => {
  it('paints a message in flight every frame while it moves, and none once it waits at the receiver', () => {
    const s = scene({ glyphs: [message] });
    const { ctx, painted } = recorder();
    expect(s.paint(ctx, 100)).toBe(0); // 2 ms virtual of its 20: on its way
    expect(painted).toEqual(['fill --msg-vote', 'stroke --msg-vote', 'stroke --fault']);
    expect(s.paint(ctx, 1_100)).toBe(Number.POSITIVE_INFINITY); // arrived: waits for its delivery
  });

  it('asks for nothing while the clock is paused', () => {
    const s = scene({ glyphs: [message], clock: clock(1_000, 0.02, true) });
    expect(s.paint(recorder().ctx, 100)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rings the message whose button has the focus', () => {
    const s = scene({ glyphs: [message], focusId: 7 });
    const { ctx, painted } = recorder();
    s.paint(ctx, 100);
    expect(painted).toContain('stroke --focus');
  });

  it('halos the messages a lesson speaks of and dims the others; with none spoken of, all are plain', () => {
    const other: Glyph = { ...message, id: 8, kind: 'append', rejected: false };
    const s = scene({ glyphs: [message, other], spotlit: [7] });
    const { ctx, painted } = recorder(true);
    s.paint(ctx, 100);
    expect(painted).toEqual([
      'arc 1.00', // the halo's circle
      'fill --spot-fill 1',
      'stroke --accent 1',
      'fill --msg-vote 1',
      'stroke --msg-vote 1',
      'stroke --fault 1',
      'fill --msg-append 0.3',
      'stroke --msg-append 0.3',
    ]);
    s.apply({ spotlit: [] });
    const plain = recorder(true);
    s.paint(plain.ctx, 100);
    expect(plain.painted.every((p) => p.endsWith(' 1'))).toBe(true);
    expect(plain.painted.some((p) => p.includes('--accent'))).toBe(false);
  });

  it('draws a timer arc in steps of 1/100, in the low colour under a quarter, and wakes for the next step', () => {
    const s = scene({ timers: [{ id: 1, up: true, start: 0, end: 150_000 }] });
    const { ctx, painted } = recorder();
    const wait = s.paint(ctx, 6_000); // 120 ms of 150 virtual: a fifth left
    expect(painted).toEqual(['arc 0.20', 'stroke --timer-low']);
    expect(wait).toBeGreaterThan(16);
    expect(wait).toBeLessThan(75); // a step is 1.5 ms virtual, 75 ms wall at 0.02×
  });

  it('above 2× holds the arcs between the store’s changes (a heartbeat resets them every 5 ms)', () => {
    const s = scene({ clock: clock(0, 10), timers: [{ id: 1, up: true, start: 0, end: 150_000 }] });
    const arcs = (wall: number) => {
      const { ctx, painted } = recorder();
      s.paint(ctx, wall);
      return painted.filter((p) => p.startsWith('arc'));
    };
    expect(arcs(1)).toEqual(['arc 0.93']);
    expect(arcs(5)).toEqual(['arc 0.93']); // unchanged: not paced yet
    expect(arcs(1 + FAST_PACE_MAX_MS)).toEqual([]); // run out by then
  });

  it('shows a burst where a message was dropped, for BURST_MS', () => {
    const s = scene({ bursts: [{ from: 1, to: 2, progress: 0.5, startedAt: 0 }] });
    const { ctx, painted } = recorder();
    expect(s.paint(ctx, 10)).toBe(0);
    expect(painted).toEqual(['fill --burst', 'stroke --fail-strong']);
    const after = recorder();
    expect(s.paint(after.ctx, BURST_MS)).toBe(Number.POSITIVE_INFINITY);
    expect(after.painted).toEqual([]);
  });
});
