import { describe, expect, it } from 'vitest';
import { laneOffset, lerpPoint, rimToRim, ringLayout, timerArcPath } from './layout';

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
  it('stretches sideways into an oval in a view wider than tall', () => {
    const layout = ringLayout([1, 2, 3, 4], 560, 440);
    expect(layout.radiusX).toBeGreaterThan(layout.radius);
    expect(layout.positions.get(2)!.x).toBeCloseTo(280 + layout.radiusX);
    expect(layout.positions.get(1)!.y).toBeCloseTo(220 - layout.radius);
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
  it('timerArcPath is empty at 0 and a path otherwise', () => {
    expect(timerArcPath(0, 10, 14)).toBe('');
    expect(timerArcPath(0.5, 10, 14)).toMatch(/^M/);
  });
});
