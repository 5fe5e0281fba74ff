import { describe, expect, it } from 'vitest';
import { Progress } from './progress';

describe('Progress', () => {
  it('probe: one message at a time; only the answer to the outstanding probe moves nextIndex back', () => {
    const pr = new Progress(2, 0, 10, 4);
    pr.sentEntries(10, 1);
    expect(pr.isPaused()).toBe(true);
    expect(pr.maybeDecrTo(5, 3)).toBe(false); // stale: not the probe at prevLogIndex 9
    expect(pr.maybeDecrTo(9, 3)).toBe(true); // fast backtracking to the hint
    expect(pr.next).toBe(4);
    expect(pr.isPaused()).toBe(false);
  });

  it('replicate: a window of maxInflight messages, freed by acknowledgements', () => {
    const pr = new Progress(2, 5, 6, 2);
    pr.becomeReplicate();
    pr.sentEntries(7, 2);
    pr.sentEntries(9, 2);
    expect(pr.next).toBe(10);
    expect(pr.isPaused()).toBe(true);
    expect(pr.maybeUpdate(7)).toBe(true);
    expect(pr.isPaused()).toBe(false);
    expect(pr.maybeDecrTo(6, 0)).toBe(false); // at or below match: stale
    expect(pr.maybeDecrTo(8, 0)).toBe(true);
    expect(pr.next).toBe(8);
  });

  it('Invariant: match < next', () => {
    const pr = new Progress(2, 3, 4, 2);
    pr.maybeUpdate(8);
    expect(pr.next).toBe(9);
    pr.becomeProbe();
    expect(pr.next).toBe(9);
  });
});
