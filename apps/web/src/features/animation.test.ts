import { describe, expect, test } from 'vitest';
import { FAST_PACE_MAX_MS, FAST_PACE_MIN_MS, PACE_MS, Pacer } from './animation';

describe('Pacer', () => {
  test('up to 2×: once per PACE_MS slot, whatever the store does', () => {
    const pacer = new Pacer();
    expect(pacer.due(1_000, 1, false)).toBe(true);
    expect(pacer.due(1_050, 1, true)).toBe(false);
    expect(pacer.wait(1_050, 1)).toBe(PACE_MS - 50);
    expect(pacer.due(1_100, 1, false)).toBe(true);
  });

  test('above 2×: with the store’s changes, at most every FAST_PACE_MIN_MS', () => {
    const pacer = new Pacer();
    expect(pacer.due(1_000, 10, false)).toBe(true); // the first frame always draws
    expect(pacer.due(1_016, 10, false)).toBe(false); // a message moving: not this layer's frame
    expect(pacer.due(1_100, 10, true)).toBe(false); // a store change, but too soon
    expect(pacer.due(1_250, 10, true)).toBe(true);
    expect(pacer.due(1_266, 10, false)).toBe(false);
  });

  test('above 2×: on its own when the store stays quiet for FAST_PACE_MAX_MS', () => {
    const pacer = new Pacer();
    pacer.due(1_000, 10, true);
    expect(pacer.wait(1_000, 10)).toBe(FAST_PACE_MAX_MS);
    expect(pacer.due(1_000 + FAST_PACE_MIN_MS + 1, 10, false)).toBe(false);
    expect(pacer.wait(1_300, 10)).toBe(FAST_PACE_MAX_MS - 300);
    expect(pacer.due(1_000 + FAST_PACE_MAX_MS, 10, false)).toBe(true);
  });
});
