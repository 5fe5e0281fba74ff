import { describe, expect, it } from 'vitest';
import { extrapolate, flightProgress, formatVirtualTime, msUntilNextStep, timerRemaining } from './vclock';
import { formatSpeed, sliderToSpeed, speedToSlider, SLIDER_STEPS } from './speedScale';

describe('extrapolate', () => {
  it('advances by wall time × speed while running', () => {
    // 500 ms of wall time at 0.02 virtual s per wall s = 10 ms virtual = 10 000 µs.
    expect(
      extrapolate({ now: 1_000_000, seq: 0, speed: 0.02, paused: false, receivedAt: 2_000 }, 2_500),
    ).toBeCloseTo(1_010_000);
  });
  it('stands still while paused', () => {
    expect(extrapolate({ now: 5, seq: 0, speed: 1, paused: true, receivedAt: 0 }, 10_000)).toBe(5);
  });
  it('never runs backwards when a frame carries a later receivedAt', () => {
    expect(extrapolate({ now: 100, seq: 0, speed: 1, paused: false, receivedAt: 50 }, 40)).toBe(100);
  });
});

describe('msUntilNextStep', () => {
  it('is the wall time until the drawn step changes', () => {
    // A 150 ms timer in 100 steps: a step is 1.5 ms virtual. At remaining 0.5 the drawn
    // step (50) changes once remaining falls below 0.495: 0.005 × 150 ms = 0.75 ms virtual.
    expect(msUntilNextStep(0.5, 150_000, 1, 100)).toBeCloseTo(0.75);
    // At 0.02× the same takes 50 times longer in wall time.
    expect(msUntilNextStep(0.5, 150_000, 0.02, 100)).toBeCloseTo(37.5);
    // Just past a boundary, nearly a whole step is left.
    expect(msUntilNextStep(0.5049, 150_000, 1, 100)).toBeCloseTo(1.485);
  });
  it('never comes for a timer that ran out or a clock that stands still', () => {
    expect(msUntilNextStep(0, 150_000, 1, 100)).toBe(Number.POSITIVE_INFINITY);
    expect(msUntilNextStep(0.5, 150_000, 0, 100)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('flightProgress and timerRemaining', () => {
  it('interpolates and clamps a message trip', () => {
    expect(flightProgress(1_000, 21_000, 11_000)).toBe(0.5);
    expect(flightProgress(1_000, 21_000, 0)).toBe(0);
    expect(flightProgress(1_000, 21_000, 99_000)).toBe(1);
    expect(flightProgress(5, 5, 0)).toBe(1);
  });
  it('runs an election timer down from 1 to 0', () => {
    expect(timerRemaining(0, 200, 0)).toBe(1);
    expect(timerRemaining(0, 200, 150)).toBe(0.25);
    expect(timerRemaining(0, 200, 400)).toBe(0);
    expect(timerRemaining(null, null, 10)).toBeNull();
  });
});

describe('formatting', () => {
  it('prints virtual time in seconds with µs digits', () => {
    expect(formatVirtualTime(1_234_567)).toBe('1.234 567 s');
    expect(formatVirtualTime(5)).toBe('0.000 005 s');
  });
  it('maps the Speed slider logarithmically between 0.001 and 20', () => {
    expect(sliderToSpeed(0)).toBe(0.001);
    expect(sliderToSpeed(SLIDER_STEPS)).toBe(20);
    expect(sliderToSpeed(speedToSlider(0.02))).toBeCloseTo(0.02, 3);
    expect(sliderToSpeed(speedToSlider(1))).toBeCloseTo(1, 1);
    // Logarithmic: 0.02 sits well past the first tenth of the track.
    expect(speedToSlider(0.02)).toBeGreaterThan(SLIDER_STEPS * 0.25);
    expect(formatSpeed(0.02)).toBe('0.02×');
    expect(formatSpeed(20)).toBe('20×');
  });
});
