/**
 * Randomised schedules against the safety properties of Figure 3: Election Safety
 * (at most one leader per term), Log Matching on committed prefixes, and State
 * Machine Safety (every node applies the same sequence).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from './testing/network';
import type { Entry, NodeId } from './types';

type Action =
  | { kind: 'tick'; node: number; times: number }
  | { kind: 'deliver'; pick: number }
  | { kind: 'drop'; pick: number }
  | { kind: 'campaign'; node: number }
  | { kind: 'propose'; node: number }
  | { kind: 'restart'; node: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      node: fc.nat(4),
      times: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(1000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('campaign' as const), node: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('propose' as const), node: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), node: fc.nat(4) }) },
);

function apply(net: Network, a: Action): void {
  const pickNode = (n: number) => net.ids[n % net.ids.length];
  switch (a.kind) {
    case 'tick':
      return net.tick(pickNode(a.node), a.times);
    case 'deliver':
      if (net.queue.length > 0) net.deliverOne(a.pick % net.queue.length);
      return;
    case 'drop':
      if (net.queue.length > 0) net.dropOne(a.pick % net.queue.length);
      return;
    case 'campaign':
      return net.campaign(pickNode(a.node));
    case 'propose':
      net.propose(pickNode(a.node), `v${a.node}`);
      return;
    case 'restart':
      return net.restart(pickNode(a.node));
  }
}

function sameEntry(a: Entry, b: Entry): boolean {
  return a.index === b.index && a.term === b.term && a.kind === b.kind && a.data === b.data;
}

function checkInvariants(
  net: Network,
  leaderOfTerm: Map<number, NodeId>,
  everApplied: Map<NodeId, Entry[]>,
): void {
  for (const id of net.ids) {
    const st = net.node(id).status();
    // Election Safety (§5.2).
    if (st.role === 'leader') {
      const known = leaderOfTerm.get(st.term);
      if (known !== undefined && known !== id)
        throw new Error(`two leaders in term ${st.term}: ${known} and ${id}`);
      leaderOfTerm.set(st.term, id);
    }
    // Invariant: applied <= committed <= lastIndex.
    expect(st.applied).toBeLessThanOrEqual(st.commit);
    expect(st.commit).toBeLessThanOrEqual(st.lastIndex);
  }
  // Log Matching on committed prefixes (§5.3) — committed entries never differ.
  for (const a of net.ids) {
    for (const b of net.ids) {
      if (a >= b) continue;
      const n = Math.min(net.node(a).status().commit, net.node(b).status().commit);
      const la = net.log(a);
      const lb = net.log(b);
      for (let i = 0; i < n; i++) {
        if (!sameEntry(la[i], lb[i])) throw new Error(`committed entry ${i + 1} differs on ${a} and ${b}`);
      }
    }
  }
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
            apply(net, a);
            checkInvariants(net, leaderOfTerm, everApplied);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
