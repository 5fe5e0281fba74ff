import { describe, expect, it } from 'vitest';
import { CLOSED, isOpen, placeTooltip, tooltipReducer, type TooltipEvent } from './tooltip';

const run = (...events: TooltipEvent[]) => events.reduce(tooltipReducer, CLOSED);

describe('when the tooltip is open', () => {
  it('opens on hover or focus and closes when both have left', () => {
    expect(isOpen(run('pointer-enter'))).toBe(true);
    expect(isOpen(run('focus'))).toBe(true);
    expect(isOpen(run('pointer-enter', 'focus', 'pointer-leave'))).toBe(true);
    expect(isOpen(run('pointer-enter', 'focus', 'pointer-leave', 'blur'))).toBe(false);
  });
  it('Escape closes it, though pointer and focus stay; coming back reopens it', () => {
    const escaped = run('pointer-enter', 'focus', 'dismiss');
    expect(isOpen(escaped)).toBe(false);
    // Focus moving inside (word to link) is not a return.
    expect(isOpen(tooltipReducer(escaped, 'focus'))).toBe(false);
    expect(isOpen(tooltipReducer(escaped, 'click'))).toBe(true);
    expect(isOpen(run('focus', 'dismiss', 'blur', 'focus'))).toBe(true);
    expect(isOpen(run('pointer-enter', 'dismiss', 'pointer-leave', 'pointer-enter'))).toBe(true);
  });
});

describe('placeTooltip', () => {
  const view = { width: 1000, height: 800 };
  const tip = { width: 300, height: 100 };
  it('goes under the word, from its left edge', () => {
    expect(placeTooltip({ left: 100, top: 200, width: 50, height: 20 }, tip, view)).toEqual({
      left: 100,
      top: 226,
    });
  });
  it('goes above a word near the bottom, and stays inside the window on the right', () => {
    expect(placeTooltip({ left: 900, top: 740, width: 50, height: 20 }, tip, view)).toEqual({
      left: 692,
      top: 634,
    });
  });
  it('never leaves the window on the left or the top', () => {
    const placed = placeTooltip(
      { left: -40, top: 50, width: 50, height: 20 },
      { width: 300, height: 760 },
      view,
    );
    expect(placed).toEqual({ left: 8, top: 76 });
  });
});
