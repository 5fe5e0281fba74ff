/**
 * Randomised schedules against the safety properties of Figure 3: Election Safety
 * (at most one leader per term), Log Matching on committed prefixes, and State
 * Machine Safety (every node applies the same sequence).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from './testing/network';
import {
  applyScheduleAction,
  checkCommittedPrefixes,
  checkElectionSafety,
  sameEntry,
  scheduleActions,
} from './testing/schedule';
import type { Entry, NodeId } from './types';

const action = fc.oneof(...scheduleActions({ maxNode: 4, campaign: true }));

function checkInvariants(
  net: Network,
  leaderOfTerm: Map<number, NodeId>,
  everApplied: Map<NodeId, Entry[]>,
): void {
  // Election Safety (§5.2).
  checkElectionSafety(net, leaderOfTerm);
  for (const id of net.ids) {
    const st = net.node(id).status();
    // Invariant: applied <= committed <= lastIndex.
    expect(st.applied).toBeLessThanOrEqual(st.commit);
    expect(st.commit).toBeLessThanOrEqual(st.lastIndex);
  }
  // Log Matching on committed prefixes (§5.3) — committed entries never differ.
  checkCommittedPrefixes(net);
  // State Machine Safety (§5.4.3): everything any node applied, in order, agrees.
  for (const id of net.ids) {
    const applied = net.applied.get(id)!;
    const longest = everApplied.get(id) ?? [];
    if (applied.length > longest.length) everApplied.set(id, [...applied]);
  }
  const seqs = [...everApplied.values()];
  for (const s of seqs) {
    for (const t of seqs) {
      for (let i = 0; i < Math.min(s.length, t.length); i++) {
        if (!sameEntry(s[i], t[i])) throw new Error(`applied entry ${i + 1} differs`);
      }
    }
  }
}

describe('safety under random schedules (Figure 3)', () => {
  it('never two leaders in a term; committed prefixes always match', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        fc.array(action, { minLength: 50, maxLength: 300 }),
        (size, preVote, checkQuorum, seed, actions) => {
          const net = new Network(
            Array.from({ length: size }, (_, i) => i + 1),
            {
              preVote,
              checkQuorum,
              seed,
              electionTick: 5,
              heartbeatTick: 1,
              maxEntriesPerMessage: 3,
              maxInflight: 4,
            },
          );
          const leaderOfTerm = new Map<number, NodeId>();
          const everApplied = new Map<NodeId, Entry[]>();
          for (const a of actions) {
            applyScheduleAction(net, a);
            checkInvariants(net, leaderOfTerm, everApplied);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
