/**
 * `RawNode.statusVersion` under random schedules: whenever a field it covers changes
 * (role, term, vote, leader, commit, applied, last index) or the election timeout is
 * redrawn, the number moves. A caller that skips reading the status while the number
 * stands still (the simulator's node-state reporter) relies on exactly this.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawNode } from './rawnode';
import { Network } from './testing/network';
import { applyScheduleAction, scheduleActions } from './testing/schedule';
import type { BasicStatus, NodeId } from './types';

const COVERED = [
  'role',
  'term',
  'vote',
  'leader',
  'commit',
  'applied',
  'lastIndex',
  'randomizedElectionTimeout',
] as const;

const action = fc.oneof(...scheduleActions({ maxNode: 4, campaign: true }), {
  weight: 1,
  arbitrary: fc.record({ kind: fc.constant('compact' as const), node: fc.integer({ min: 1, max: 4 }) }),
});

interface Seen {
  raw: RawNode;
  version: number;
  status: BasicStatus;
}

describe('RawNode.statusVersion', () => {
  it('moves whenever a status field it covers changes', () => {
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
            return { raw, version: raw.statusVersion(), status: raw.basicStatus() };
          };
          for (const id of ids) seen.set(id, look(id));
          for (const a of actions) {
            if (a.kind === 'compact') {
              const applied = a.node <= size ? net.node(a.node).basicStatus() : null;
              if (applied !== null && applied.applied >= applied.firstIndex) net.compact(a.node, '');
            } else applyScheduleAction(net, a);
            for (const id of ids) {
              const was = seen.get(id)!;
              const now = look(id);
              if (now.raw === was.raw && now.version === was.version) {
                for (const field of COVERED)
                  expect(now.status[field], `${field} after ${a.kind}`).toBe(was.status[field]);
              }
              seen.set(id, now);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
