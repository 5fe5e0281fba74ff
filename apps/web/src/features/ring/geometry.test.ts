import { describe, expect, it } from 'vitest';
import { ringLayout } from '../cluster/layout';
import {
  fitViewBox,
  glyphPoint,
  insideGlyph,
  messageAt,
  motionProgress,
  onLinkLine,
  type Glyph,
} from './geometry';

const layout = ringLayout([1, 2, 3, 4, 5], 560, 440);
const glyph = (over: Partial<Glyph> = {}): Glyph => ({
  id: 1,
  from: 1,
  to: 2,
  sentAt: 0,
  deliverAt: 1000,
  kind: 'append',
  rejected: false,
  ...over,
});

describe('reduced motion', () => {
  it('jumps from the sender’s end to the receiver’s instead of gliding', () => {
    expect(motionProgress(0.3, false)).toBe(0.3);
    expect(motionProgress(0.3, true)).toBe(0.1);
    expect(motionProgress(0.7, true)).toBe(0.9);
  });
});

describe('fitViewBox', () => {
  it('centres the viewBox in a wider box, scaled to its height, as SVG does', () => {
    expect(fitViewBox(1120, 440, layout)).toEqual({ scale: 1, x: 280, y: 0 });
    expect(fitViewBox(280, 880, layout)).toEqual({ scale: 0.5, x: 0, y: 330 });
  });
});

describe('insideGlyph', () => {
  it('follows each shape, with half its border', () => {
    expect(insideGlyph('append', 8.5, 8.5)).toBe(true); // a square's corner
    expect(insideGlyph('heartbeat', 5, 5)).toBe(false); // outside a circle of radius 6
    expect(insideGlyph('vote', 6, 6)).toBe(false); // outside a diamond of radius 9
    expect(insideGlyph('vote', 4, 4)).toBe(true);
    expect(insideGlyph('prevote', 0, -7)).toBe(true); // near the triangle's apex
    expect(insideGlyph('prevote', 6, -6)).toBe(false); // beside it
  });
});

describe('messageAt', () => {
  const halfway = glyph();
  const at = glyphPoint(layout, halfway, 500, false)!;

  it('finds the message drawn under the point at that moment', () => {
    expect(messageAt([halfway], layout, 500, at, false)?.id).toBe(1);
    // Later it has moved on.
    expect(messageAt([halfway], layout, 900, at, false)).toBeNull();
  });

  it('leaves the link’s own line to the link, even under a glyph', () => {
    const a = layout.positions.get(1)!;
    const b = layout.positions.get(2)!;
    const onLine = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    expect(onLinkLine(layout, onLine)).toBe(true);
    // The glyph's lane runs 6 px beside the line: its square covers the line there.
    expect(Math.hypot(onLine.x - at.x, onLine.y - at.y)).toBeLessThan(8);
    expect(messageAt([halfway], layout, 500, onLine, false)).toBeNull();
  });

  it('picks the topmost of two glyphs drawn at one place (the later)', () => {
    const twin = glyph({ id: 2 });
    expect(messageAt([halfway, twin], layout, 500, at, false)?.id).toBe(2);
  });
});
