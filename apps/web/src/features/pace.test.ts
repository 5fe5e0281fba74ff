import { describe, expect, test } from 'vitest';
import { FAST_PACE_MAX_MS, FAST_PACE_MIN_MS, PACE_MAX_MS, PACE_MIN_MS, Pacer } from './pace';

describe.each([
  { name: 'up to 2×', speed: 0.02, min: PACE_MIN_MS, max: PACE_MAX_MS },
  { name: 'above 2×', speed: 10, min: FAST_PACE_MIN_MS, max: FAST_PACE_MAX_MS },
])('Pacer, $name', ({ speed, min, max }) => {
  test('redraws with the store’s changes, at most every min ms', () => {
    const pacer = new Pacer();
    expect(pacer.due(1_000, speed, false)).toBe(true); // the first frame always draws
    expect(pacer.due(1_016, speed, false)).toBe(false); // a frame of someone else's
    expect(pacer.due(1_000 + min / 2, speed, true)).toBe(false); // a store change, but too soon
    expect(pacer.due(1_000 + min, speed, true)).toBe(true);
  });

  test('redraws on its own when the store stays quiet for max ms', () => {
    const pacer = new Pacer();
    pacer.due(1_000, speed, true);
    expect(pacer.wait(1_000, speed)).toBe(max);
    expect(pacer.due(1_000 + min + 1, speed, false)).toBe(false);
    expect(pacer.wait(1_000 + min, speed)).toBe(max - min);
    expect(pacer.due(1_000 + max, speed, false)).toBe(true);
  });
});
