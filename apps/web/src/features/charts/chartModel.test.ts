import { describe, expect, it } from 'vitest';
import { chartGeometry, formatSeconds } from './chartModel';

const frame = { width: 300, height: 100, margin: { top: 5, right: 5, bottom: 15, left: 25 } };

describe('chartGeometry', () => {
  it('draws a step line per node and one for commit, and places elections in time', () => {
    const samples = [
      { t: 0, terms: { 1: 1, 2: 1 }, commit: 0 },
      { t: 1_000_000, terms: { 1: 2, 2: 2 }, commit: 3 },
      { t: 2_000_000, terms: { 1: 2, 2: 2 }, commit: 5 },
    ];
    const g = chartGeometry(samples, [{ t: 1_000_000, node: 2, term: 2 }], [1, 2], frame);
    expect(g.terms.map((s) => s.id)).toEqual([1, 2]);
    expect(g.terms[0].path).toMatch(/^M25,/);
    expect(g.commit).toMatch(/^M/);
    expect(g.elections).toEqual([{ t: 1_000_000, node: 2, term: 2, x: 160 }]);
    expect(g.maxTerm).toBe(2);
    expect(g.maxCommit).toBe(5);
  });
  it('copes with no samples', () => {
    const g = chartGeometry([], [], [1], frame);
    expect(g.commit).toBe('');
    expect(g.elections).toEqual([]);
  });
});

describe('formatSeconds', () => {
  it('uses as many decimals as the span needs', () => {
    expect(formatSeconds(1_500_000, 10e6)).toBe('2 s');
    expect(formatSeconds(1_500_000, 1e6)).toBe('1.5 s');
    expect(formatSeconds(150_000, 1e5)).toBe('0.15 s');
  });
  it('gives distinct labels to distinct ticks', () => {
    const samples = [0, 1, 2, 3].map((i) => ({ t: 100_000 + i * 100_000, terms: { 1: 1 }, commit: i }));
    const labels = chartGeometry(samples, [], [1], frame).timeTicks.map((t) => t.label);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
