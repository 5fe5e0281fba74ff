/**
 * `ticksUntilDue` / `skipTicks`: a caller that defers the ticks that only count and
 * makes them up in one call must see exactly what a caller that ticks every time sees.
 * Two networks run the same random schedule (same seed, same actions); one ticks
 * each tick, the other skips what `ticksUntilDue` promises only counts. After every
 * action, every node's status and every message on the wire must be equal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RawNode } from './rawnode';
import { MemoryStorage } from './storage';
import { Network, seededRandom } from './testing/network';
import { applyScheduleAction, scheduleActions } from './testing/schedule';
import type { ScheduleAction } from './testing/schedule';

const action = fc.oneof(...scheduleActions({ maxNode: 4, campaign: true }));

/** Makes up `times` ticks of `id` the lazy way: skip what only counts, tick what is due. */
function tickLazily(net: Network, id: number, times: number): void {
  const node = net.node(id);
  let owed = times;
  while (owed > 0) {
    const due = node.ticksUntilDue();
    if (owed < due) return node.skipTicks(owed);
    node.skipTicks(due - 1);
    node.tick();
    net.process(id);
    owed -= due;
  }
}

function snapshotOf(net: Network): string {
  return JSON.stringify({ status: net.ids.map((id) => net.node(id).status()), queue: net.queue });
}

describe('deferred ticks (RawNode.ticksUntilDue, skipTicks)', () => {
  it('skipping the ticks that only count changes nothing a caller can see', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        fc.array(action, { minLength: 30, maxLength: 200 }),
        (size, preVote, checkQuorum, seed, actions) => {
          const ids = Array.from({ length: size }, (_, i) => i + 1);
          const options = { seed, preVote, checkQuorum, electionTick: 10, heartbeatTick: 3 };
          const eager = new Network(ids, options);
          const lazy = new Network(ids, options);
          for (const a of actions) {
            // Long idle stretches are where skipping matters: stretch the ticks out.
            const stretched: ScheduleAction = a.kind === 'tick' ? { ...a, times: a.times * 7 } : a;
            applyScheduleAction(eager, stretched);
            if (stretched.kind === 'tick') tickLazily(lazy, lazy.ids[stretched.node % size], stretched.times);
            else applyScheduleAction(lazy, stretched);
            expect(snapshotOf(lazy)).toBe(snapshotOf(eager));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses to skip a tick that may act', () => {
    const node = new RawNode(
      { id: 1, voters: [1, 2, 3], electionTick: 10, heartbeatTick: 3, random: seededRandom(7) },
      new MemoryStorage({ voters: [1, 2, 3] }),
    );
    const due = node.ticksUntilDue();
    expect(due).toBeGreaterThanOrEqual(10);
    expect(due).toBeLessThan(20);
    expect(() => node.skipTicks(due)).toThrow(RangeError);
    node.skipTicks(due - 1);
    expect(node.hasReady()).toBe(false);
    expect(node.ticksUntilDue()).toBe(1);
    node.tick(); // the election timeout (§5.2): a pre-vote-less campaign starts
    expect(node.status().role).toBe('candidate');
  });

  it('a server outside the configuration is never due', () => {
    const node = new RawNode(
      { id: 4, voters: [], electionTick: 10, heartbeatTick: 3, random: seededRandom(7) },
      new MemoryStorage(),
    );
    expect(node.ticksUntilDue()).toBe(Infinity);
    node.skipTicks(1_000_000);
    expect(node.hasReady()).toBe(false);
  });
});
