/**
 * The observer's two versions (observe.ts) under random schedules: whenever a field
 * the status version covers changes (role, term, vote, leader, commit, applied, last
 * index, voter) or the election timeout is redrawn, it moves; whenever a leader's progress as
 * `status().progress` lists it changes, the progress version moves. A caller that skips
 * reading while the numbers stand still (the simulator's node-state reporter) relies on
 * exactly this.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawNode } from './rawnode';
import { Network } from './testing/network';
import { applyScheduleAction, scheduleActions } from './testing/schedule';
import type { ConfChange, NodeId, Status } from './types';

const COVERED = [
  'role',
  'term',
  'vote',
  'leader',
  'commit',
  'applied',
  'lastIndex',
  'randomizedElectionTimeout',
  'voter',
] as const;

const CHANGES: ConfChange['type'][] = ['addLearner', 'addVoter', 'removeNode'];

const action = fc.oneof(
  ...scheduleActions({ maxNode: 4, campaign: true }),
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('compact' as const), node: fc.integer({ min: 1, max: 4 }) }),
  },
  {
    // Membership changes among the nodes (thesis §4.1): peers leave a leader's progress.
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      type: fc.nat(2),
      node: fc.integer({ min: 1, max: 4 }),
    }),
  },
);

interface Seen {
  raw: RawNode;
  version: number;
  progressVersion: number;
  status: Status;
}

describe('the status and progress versions', () => {
  it('move whenever a status field or a progress they cover changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.nat(),
        fc.array(action, { minLength: 50, maxLength: 300 }),
        (size, preVote, seed, actions) => {
          const ids = Array.from({ length: size }, (_, i) => i + 1);
          const net = new Network(ids, {
            preVote,
            checkQuorum: true,
            seed,
            electionTick: 5,
            heartbeatTick: 1,
            maxEntriesPerMessage: 3,
            maxInflight: 4,
          });
          const seen = new Map<NodeId, Seen>();
          const look = (id: NodeId): Seen => {
            const raw = net.node(id);
            const { observer } = raw;
            return {
              raw,
              version: observer.statusVersion(),
              progressVersion: observer.progressVersion(),
              status: raw.status(),
            };
          };
          for (const id of ids) seen.set(id, look(id));
          for (const a of actions) {
            if (a.kind === 'compact') {
              const applied = a.node <= size ? net.node(a.node).basicStatus() : null;
              if (applied !== null && applied.applied >= applied.firstIndex) net.compact(a.node, '');
            } else if (a.kind === 'change') {
              const change = { type: CHANGES[a.type], node: a.node };
              if (a.node <= size) for (const leader of net.leaders()) net.proposeConfChange(leader, change);
            } else applyScheduleAction(net, a);
            for (const id of ids) {
              const was = seen.get(id)!;
              const now = look(id);
              if (now.raw === was.raw && now.version === was.version) {
                for (const field of COVERED)
                  expect(now.status[field], `${field} after ${a.kind}`).toBe(was.status[field]);
              }
              if (now.raw === was.raw && now.progressVersion === was.progressVersion)
                expect(now.status.progress, `progress after ${a.kind}`).toEqual(was.status.progress);
              seen.set(id, now);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
