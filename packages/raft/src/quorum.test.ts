import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { committedIndex, voteResult } from './quorum';

/** The definition (§5.3): the largest index that a majority of voters has. */
function naiveCommittedIndex(matches: number[]): number {
  let best = 0;
  for (const candidate of matches) {
    const count = matches.filter((m) => m >= candidate).length;
    if (count > matches.length / 2) best = Math.max(best, candidate);
  }
  return best;
}

describe('committedIndex (median rule)', () => {
  it('examples', () => {
    expect(committedIndex([1], () => 5)).toBe(5);
    expect(committedIndex([1, 2, 3], (id) => [0, 5, 3, 1][id])).toBe(3);
    expect(committedIndex([1, 2, 3, 4], (id) => [0, 5, 3, 1, 9][id])).toBe(3);
    expect(committedIndex([1, 2, 3], (id) => (id === 1 ? 7 : undefined))).toBe(0);
    expect(committedIndex([], () => 0)).toBe(Infinity);
  });

  it('agrees with the naive definition', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 1, maxLength: 9 }), (matches) => {
        const voters = matches.map((_, i) => i + 1);
        expect(committedIndex(voters, (id) => matches[id - 1])).toBe(naiveCommittedIndex(matches));
      }),
    );
  });
});

describe('voteResult (§5.2: a majority of votes wins)', () => {
  const votes = (m: Record<number, boolean>) => (id: number) => m[id];
  it('decides won, lost and pending', () => {
    expect(voteResult([1], votes({ 1: true }))).toBe('won');
    expect(voteResult([1, 2, 3], votes({ 1: true }))).toBe('pending');
    expect(voteResult([1, 2, 3], votes({ 1: true, 2: true }))).toBe('won');
    expect(voteResult([1, 2, 3], votes({ 1: true, 2: false }))).toBe('pending');
    expect(voteResult([1, 2, 3], votes({ 1: true, 2: false, 3: false }))).toBe('lost');
    expect(voteResult([1, 2, 3, 4], votes({ 1: true, 2: true }))).toBe('pending');
    expect(voteResult([1, 2, 3, 4], votes({ 1: true, 2: false, 3: false }))).toBe('lost');
  });
});
