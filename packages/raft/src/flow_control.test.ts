import { describe, expect, it } from 'vitest';
import { Network } from './testing/network';
import type { AppendEntries } from './types';

function elected(options: ConstructorParameters<typeof Network>[1]) {
  const net = new Network([1, 2, 3], options);
  net.campaign(1);
  net.deliverAll();
  expect(net.leaders()).toEqual([1]);
  return net;
}

const appendsWithEntries = (net: Network, to: number) =>
  net.queue.filter(
    (m): m is AppendEntries => m.type === 'AppendEntries' && m.to === to && m.entries.length > 0,
  );

describe('flow control', () => {
  it('a leader cut off from its quorum holds at most maxUncommittedEntries', () => {
    const net = elected({ maxUncommittedEntries: 3 });
    net.isolate(1);
    const results = ['a', 'b', 'c', 'd'].map((x) => net.propose(1, x));
    expect(results.map((r) => (r.ok ? r.index : r.error))).toEqual([2, 3, 4, 'dropped']);
    net.deliverAll();
    expect(net.node(1).status()).toMatchObject({ lastIndex: 4, commit: 1 });
    // Once the entries commit, there is room again.
    net.heal();
    net.tick(1);
    net.deliverAll();
    expect(net.node(1).status().commit).toBe(4);
    expect(net.propose(1, 'd')).toMatchObject({ ok: true, index: 5 });
  });

  it('replication to a follower pauses at maxInflight unacknowledged messages, then resumes', () => {
    const net = elected({ maxInflight: 2, maxEntriesPerMessage: 1 });
    for (const x of ['a', 'b', 'c', 'd']) net.propose(1, x);
    expect(appendsWithEntries(net, 2).map((m) => m.entries[0].data)).toEqual(['a', 'b']);
    expect(net.node(1).status().progress[2]).toMatchObject({
      state: 'replicate',
      paused: true,
      nextIndex: 4,
    });
    net.deliverAll();
    expect(net.log(2).map((e) => e.data)).toEqual(['', 'a', 'b', 'c', 'd']);
    expect(net.node(1).status().progress[2]).toMatchObject({ paused: false, matchIndex: 5 });
  });
});
