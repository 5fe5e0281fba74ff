import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Progress, ProgressCounts } from './progress';

/** Every way the leader's code changes a Progress, as data for fast-check. */
const operation = fc.oneof(
  fc.record({ op: fc.constant('sent' as const), last: fc.nat(40), count: fc.nat(3) }),
  fc.record({ op: fc.constant('update' as const), index: fc.nat(40) }),
  fc.record({ op: fc.constant('decr' as const), rejected: fc.nat(40), hint: fc.nat(40) }),
  fc.record({ op: fc.constantFrom('probe', 'replicate', 'free-one' as const) }),
  fc.record({ op: fc.constant('snapshot' as const), index: fc.nat(40) }),
  fc.record({ op: fc.constant('free' as const), index: fc.nat(40) }),
  fc.record({ op: fc.constant('active' as const), value: fc.boolean() }),
  fc.record({ op: fc.constant('probe-sent' as const), value: fc.boolean() }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function apply(pr: Progress, o: Operation): void {
  switch (o.op) {
    case 'sent':
      return pr.sentEntries(o.last, o.count);
    case 'update':
      pr.maybeUpdate(o.index);
      return;
    case 'decr':
      pr.maybeDecrTo(o.rejected, o.hint);
      return;
    case 'probe':
      return pr.becomeProbe();
    case 'replicate':
      return pr.becomeReplicate();
    case 'free-one':
      return pr.freeFirstOne();
    case 'snapshot':
      return pr.becomeSnapshot(o.index);
    case 'free':
      return pr.freeTo(o.index);
    case 'active':
      pr.recentActive = o.value;
      return;
    case 'probe-sent':
      pr.probeSent = o.value;
      return;
  }
}

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

  it('every change of what toStatus() reports is counted, and so is the snapshot state', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const counts = new ProgressCounts();
        const pr = new Progress(2, 3, 4, 1, counts);
        for (const o of operations) {
          const before = JSON.stringify(pr.toStatus());
          const changes = counts.changes;
          apply(pr, o);
          if (JSON.stringify(pr.toStatus()) !== before) expect(counts.changes, o.op).toBeGreaterThan(changes);
          expect(counts.snapshots).toBe(pr.state === 'snapshot' ? 1 : 0);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
