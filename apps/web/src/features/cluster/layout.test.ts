import { describe, expect, it } from 'vitest';
import { captionPlacement, laneOffset, lerpPoint, rimToRim, ringLayout } from './layout';

describe('ringLayout', () => {
  it('puts the first node at the top and spaces nodes evenly on the circle', () => {
    const layout = ringLayout([1, 2, 3, 4], 400, 400);
    const p1 = layout.positions.get(1)!;
    const p2 = layout.positions.get(2)!;
    const p3 = layout.positions.get(3)!;
    expect(p1.x).toBeCloseTo(200);
    expect(p1.y).toBeCloseTo(200 - layout.radius);
    expect(p2.x).toBeCloseTo(200 + layout.radius); // clockwise: right
    expect(p3.y).toBeCloseTo(200 + layout.radius);
    for (const p of layout.positions.values()) {
      expect(Math.hypot(p.x - 200, p.y - 200)).toBeCloseTo(layout.radius, 1);
    }
  });
  it('keeps every node and its caption inside the view', () => {
    const layout = ringLayout([1, 2, 3, 4, 5], 560, 440);
    for (const p of layout.positions.values()) {
      expect(p.y - layout.nodeRadius - 30).toBeGreaterThanOrEqual(0);
      expect(p.y + layout.nodeRadius + 28).toBeLessThanOrEqual(440);
    }
  });
  it('centres a single node', () => {
    expect(ringLayout([7], 300, 300).positions.get(7)).toEqual({ x: 150, y: 150 });
  });
});

describe('segments', () => {
  it('rimToRim trims each end by the rim', () => {
    const [a, b] = rimToRim({ x: 0, y: 0 }, { x: 100, y: 0 }, 10);
    expect(a).toEqual({ x: 10, y: 0 });
    expect(b).toEqual({ x: 90, y: 0 });
  });
  it('opposite directions get lanes on opposite sides', () => {
    const [a] = laneOffset({ x: 0, y: 0 }, { x: 100, y: 0 }, 5);
    const [, b] = laneOffset({ x: 100, y: 0 }, { x: 0, y: 0 }, 5);
    expect(a.y).toBe(5);
    expect(b.y).toBe(-5);
  });
  it('lerpPoint interpolates', () => {
    expect(lerpPoint({ x: 0, y: 0 }, { x: 10, y: 20 }, 0.25)).toEqual({ x: 2.5, y: 5 });
  });
});

describe('captionPlacement', () => {
  it('neighbours at the bottom of a 9-node ring lean apart, so their captions cannot meet', () => {
    const layout = ringLayout([1, 2, 3, 4, 5, 6, 7, 8, 9], 560, 440);
    const place = (id: number) =>
      captionPlacement(layout.positions.get(id)!, layout.center, layout.nodeRadius);
    const [right, left] = [place(5), place(6)];
    expect(right.anchor).toBe('start');
    expect(left.anchor).toBe('end');
    // Node 5's caption starts right of where node 6's ends.
    const p5 = layout.positions.get(5)!;
    const p6 = layout.positions.get(6)!;
    expect(p5.x + right.x).toBeGreaterThan(p6.x + left.x);
    expect(place(1).anchor).toBe('middle');
  });
});
