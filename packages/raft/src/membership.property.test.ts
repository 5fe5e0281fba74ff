/**
 * Randomised schedules with single-server membership changes (thesis §4.1) mixed in:
 * Election Safety and Log Matching on committed prefixes must survive servers
 * joining, being promoted, removed (the leader included), crashing and restarting.
 * Servers 4..6 exist from the start with empty logs and no voters, like servers an
 * operator has booted but not yet added.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { Network } from './testing/network';
import type { ConfChange, Entry, NodeId } from './types';

const TYPES: ConfChange['type'][] = ['addLearner', 'addVoter', 'removeNode'];

type Action =
  | { kind: 'tick'; node: number; times: number }
  | { kind: 'deliver'; pick: number }
  | { kind: 'drop'; pick: number }
  | { kind: 'propose'; node: number }
  | { kind: 'restart'; node: number }
  | { kind: 'change'; type: number; node: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      node: fc.nat(5),
      times: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(1000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat(1000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('propose' as const), node: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), node: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      type: fc.nat(2),
      node: fc.integer({ min: 1, max: 6 }),
    }),
  },
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
    case 'propose':
      net.propose(pickNode(a.node), `v${a.node}`);
      return;
    case 'restart':
      return net.restart(pickNode(a.node));
    case 'change':
      for (const leader of net.leaders())
        net.proposeConfChange(leader, { type: TYPES[a.type], node: a.node });
      return;
  }
}

function sameEntry(a: Entry, b: Entry): boolean {
  return a.index === b.index && a.term === b.term && a.kind === b.kind && a.data === b.data;
}

function check(net: Network, leaderOfTerm: Map<number, NodeId>): void {
  for (const id of net.leaders()) {
    const { term } = net.node(id).status();
    const known = leaderOfTerm.get(term);
    if (known !== undefined && known !== id)
      throw new Error(`two leaders in term ${term}: ${known} and ${id}`);
    leaderOfTerm.set(term, id);
  }
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
}

describe('safety with membership changes (thesis §4.1)', () => {
  it('never two leaders in a term; committed prefixes always match', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.nat(),
        fc.array(action, { minLength: 50, maxLength: 300 }),
        (checkQuorum, seed, actions) => {
          const net = new Network([1, 2, 3], {
            preVote: true,
            checkQuorum,
            seed,
            electionTick: 5,
            heartbeatTick: 1,
            maxEntriesPerMessage: 3,
          });
          for (const id of [4, 5, 6]) net.addNode(id);
          const leaderOfTerm = new Map<number, NodeId>();
          for (const a of actions) {
            apply(net, a);
            check(net, leaderOfTerm);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
