import { describe, expect, it } from 'vitest';
import { ProgressTracker } from './tracker';

describe('ProgressTracker', () => {
  it('counts every change of the set of peers, a peer leaving alone included', () => {
    const tracker = new ProgressTracker(1, 4);
    const moved = (change: () => void): boolean => {
      const before = tracker.counts.changes;
      change();
      return tracker.counts.changes !== before;
    };
    expect(moved(() => tracker.reset([1, 2, 3], 5))).toBe(true);
    expect([...tracker.keys()]).toEqual([1, 2, 3]);
    expect(tracker.get(1)?.match).toBe(5); // ourselves: our own last entry
    expect(tracker.get(2)).toMatchObject({ match: 0, next: 6 }); // Figure 2
    expect(moved(() => tracker.setMembers([1, 2, 3, 4], 5))).toBe(true);
    const kept = tracker.get(2);
    expect(moved(() => tracker.setMembers([1, 2, 4], 5))).toBe(true); // only a peer left
    expect(tracker.get(2)).toBe(kept);
    expect([...tracker.keys()]).toEqual([1, 2, 4]);
  });

  it('recounts the peers in snapshot state when one leaves', () => {
    const tracker = new ProgressTracker(1, 4);
    tracker.reset([1, 2, 3], 5);
    tracker.get(2)!.becomeSnapshot(5);
    tracker.get(3)!.becomeSnapshot(5);
    expect(tracker.counts.snapshots).toBe(2);
    tracker.setMembers([1, 3], 5);
    expect(tracker.counts.snapshots).toBe(1);
    tracker.reset([1, 3], 5);
    expect(tracker.counts.snapshots).toBe(0);
  });

  it('answers the quorum questions from the members it holds', () => {
    const tracker = new ProgressTracker(1, 4);
    tracker.reset([1, 2, 3], 5);
    expect(tracker.committedIndex([1, 2, 3])).toBe(0); // only we hold entry 5
    tracker.get(2)!.maybeUpdate(4);
    expect(tracker.committedIndex([1, 2, 3])).toBe(4);
    expect(tracker.quorumActive([1, 2, 3])).toBe(false); // only we count as heard from
    tracker.get(3)!.recentActive = true;
    expect(tracker.quorumActive([1, 2, 3])).toBe(true);
  });
});
