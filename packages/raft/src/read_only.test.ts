import { describe, expect, it } from 'vitest';
import { Network } from './testing/network';
import { newTestNode } from './testing/helpers';
import type { AppendEntries } from './types';

function elected(options: ConstructorParameters<typeof Network>[1] = {}) {
  const net = new Network([1, 2, 3], options);
  net.campaign(1);
  net.deliverAll();
  expect(net.leaders()).toEqual([1]);
  return net;
}

describe('thesis §6.4 ReadIndex', () => {
  it('the leader confirms leadership with a heartbeat round carrying the request, then answers', () => {
    const net = elected();
    net.propose(1, 'x');
    net.deliverAll();
    expect(net.readIndex(1, 'r1')).toEqual({ ok: true });
    const beats = net.queue.filter((m): m is AppendEntries => m.type === 'AppendEntries');
    expect(beats.map((m) => [m.to, m.entries.length, m.context])).toEqual([
      [2, 0, 'r1'],
      [3, 0, 'r1'],
    ]);
    expect(net.readStates.get(1)).toEqual([]);
    net.deliverOne(); // heartbeat to 2
    net.deliverOne(); // heartbeat to 3
    net.deliverOne(); // 2 acknowledges: with the leader, a quorum
    expect(net.readStates.get(1)).toEqual([{ index: 2, requestId: 'r1' }]);
    net.deliverAll();
    expect(net.readStates.get(1)).toHaveLength(1); // the late ack changes nothing
  });

  it('a leader cut off from its quorum never confirms a read', () => {
    const net = elected();
    net.isolate(1);
    net.readIndex(1, 'r1');
    net.deliverAll();
    net.tick(1, 5);
    net.deliverAll();
    expect(net.readStates.get(1)).toEqual([]);
  });

  it('a new leader answers only after committing an entry of its own term', () => {
    const net = new Network([1, 2, 3]);
    net.campaign(1);
    // Deliver the votes, but not yet the leader's first AppendEntries.
    for (let i = 0; i < 4; i++) net.deliverOne();
    expect(net.node(1).status()).toMatchObject({ role: 'leader', commit: 0, lastIndex: 1 });
    net.readIndex(1, 'early');
    expect(net.queue.some((m) => m.type === 'AppendEntries' && m.context === 'early')).toBe(false);
    net.deliverAll();
    expect(net.readStates.get(1)).toEqual([{ index: 1, requestId: 'early' }]);
  });

  it('a follower forwards the request to the leader and gets the read index back', () => {
    const net = elected();
    net.propose(1, 'x');
    net.deliverAll();
    expect(net.readIndex(3, 'f1')).toEqual({ ok: true });
    expect(net.queue).toMatchObject([{ type: 'ReadIndex', from: 3, to: 1, requestId: 'f1' }]);
    net.deliverAll();
    expect(net.readStates.get(3)).toEqual([{ index: 2, requestId: 'f1' }]);
    expect(net.readStates.get(1)).toEqual([]);
  });

  it('a node without a leader drops the request and says so', () => {
    const { node } = newTestNode(1, [1, 2, 3]);
    expect(node.readIndex('r')).toEqual({ ok: false, error: 'no-leader' });
    node.campaign();
    expect(node.readIndex('r')).toEqual({ ok: false, error: 'no-leader' });
  });

  it('a single voter answers at once', () => {
    const { node, drain } = newTestNode(1, [1]);
    node.campaign();
    drain();
    node.readIndex('solo');
    expect(node.ready().readStates).toEqual([{ index: 1, requestId: 'solo' }]);
  });

  it('reads are answered in order; one round confirms every earlier request', () => {
    const net = elected();
    net.readIndex(1, 'a');
    net.readIndex(1, 'b');
    // Deliver only the second round's heartbeats and acks.
    net.queue = net.queue.filter((m) => m.type !== 'AppendEntries' || m.context === 'b');
    net.deliverAll();
    expect(net.readStates.get(1)!.map((s) => s.requestId)).toEqual(['a', 'b']);
  });
});

describe('thesis §6.4.1 lease reads', () => {
  it('require check-quorum', () => {
    expect(() => newTestNode(1, [1, 2, 3], { readOnly: 'lease' })).toThrow(/checkQuorum/);
  });

  it('are answered without a heartbeat round once the leader committed in its term', () => {
    const net = elected({ readOnly: 'lease', checkQuorum: true });
    net.readIndex(1, 'l1');
    expect(net.queue).toEqual([]);
    expect(net.readStates.get(1)).toEqual([{ index: 1, requestId: 'l1' }]);
  });
});
