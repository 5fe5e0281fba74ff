/**
 * Random message schedules for property tests: the actions a test network can take
 * (ticks, deliveries and drops in any order, campaigns, proposals, restarts) and the
 * safety checks every schedule must pass (Figure 3).
 */
import fc from 'fast-check';
import type { Entry, NodeId } from '../types';
import type { Network } from './network';

export type ScheduleAction =
  | { kind: 'tick'; node: number; times: number }
  | { kind: 'deliver'; pick: number }
  | { kind: 'drop'; pick: number }
  | { kind: 'campaign'; node: number }
  | { kind: 'propose'; node: number }
  | { kind: 'restart'; node: number };

type Weighted<T> = { weight: number; arbitrary: fc.Arbitrary<T> };

/** The weighted actions; `node` values pick among the network's ids (modulo). */
export function scheduleActions(options: { maxNode: number; campaign: boolean }): Weighted<ScheduleAction>[] {
  const node = fc.nat(options.maxNode);
  return [
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('tick' as const),
        node,
        times: fc.integer({ min: 1, max: 5 }),
      }),
    },
    { weight: 10, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(1000) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat(1000) }) },
    ...(options.campaign
      ? [{ weight: 1, arbitrary: fc.record({ kind: fc.constant('campaign' as const), node }) }]
      : []),
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('propose' as const), node }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), node }) },
  ];
}

export function applyScheduleAction(net: Network, a: ScheduleAction): void {
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

export function sameEntry(a: Entry, b: Entry): boolean {
  return a.index === b.index && a.term === b.term && a.kind === b.kind && a.data === b.data;
}

/** Election Safety (§5.2): records each term's leader and throws on a second one. */
export function checkElectionSafety(net: Network, leaderOfTerm: Map<number, NodeId>): void {
  for (const id of net.leaders()) {
    const { term } = net.node(id).status();
    const known = leaderOfTerm.get(term);
    if (known !== undefined && known !== id)
      throw new Error(`two leaders in term ${term}: ${known} and ${id}`);
    leaderOfTerm.set(term, id);
  }
}

/** Log Matching on committed prefixes (§5.3): committed entries never differ between nodes. */
export function checkCommittedPrefixes(net: Network): void {
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
