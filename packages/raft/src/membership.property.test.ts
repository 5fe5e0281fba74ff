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
import {
  applyScheduleAction,
  checkCommittedPrefixes,
  checkElectionSafety,
  scheduleActions,
  type ScheduleAction,
} from './testing/schedule';
import type { ConfChange, NodeId } from './types';

const TYPES: ConfChange['type'][] = ['addLearner', 'addVoter', 'removeNode'];

type Action = ScheduleAction | { kind: 'change'; type: number; node: number };

const action: fc.Arbitrary<Action> = fc.oneof(...scheduleActions({ maxNode: 5, campaign: false }), {
  weight: 2,
  arbitrary: fc.record({
    kind: fc.constant('change' as const),
    type: fc.nat(2),
    node: fc.integer({ min: 1, max: 6 }),
  }),
});

function apply(net: Network, a: Action): void {
  if (a.kind !== 'change') return applyScheduleAction(net, a);
  for (const leader of net.leaders()) net.proposeConfChange(leader, { type: TYPES[a.type], node: a.node });
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
            checkElectionSafety(net, leaderOfTerm);
            checkCommittedPrefixes(net);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
