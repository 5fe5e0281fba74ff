import { describe, expect, it } from 'vitest';
import { Network } from './testing/network';

function elected() {
  // Pre-vote and check-quorum on: a transfer must bypass both (thesis §3.10, §4.2.3).
  const net = new Network([1, 2, 3], { preVote: true, checkQuorum: true });
  net.campaign(1);
  net.deliverAll();
  expect(net.leaders()).toEqual([1]);
  return net;
}

describe('thesis §3.10 leadership transfer', () => {
  it('sends TimeoutNow to an up-to-date target, which wins an immediate election', () => {
    const net = elected();
    expect(net.transferLeader(1, 3)).toEqual({ ok: true });
    expect(net.node(1).status().leadTransferee).toBe(3);
    expect(net.queue).toMatchObject([{ type: 'TimeoutNow', from: 1, to: 3 }]);
    net.deliverOne();
    expect(net.queue).toMatchObject([
      { type: 'RequestVote', from: 3, to: 1, term: 2, transfer: true },
      { type: 'RequestVote', from: 3, to: 2, term: 2, transfer: true },
    ]);
    net.deliverAll();
    expect(net.leaders()).toEqual([3]);
    expect(net.node(1).status()).toMatchObject({ role: 'follower', term: 2, leader: 3, leadTransferee: 0 });
  });

  it('catches a slow target up first and refuses proposals meanwhile', () => {
    const net = elected();
    net.isolate(3);
    net.propose(1, 'a');
    net.propose(1, 'b');
    net.deliverAll();
    net.heal();
    expect(net.transferLeader(1, 3)).toEqual({ ok: true });
    expect(net.propose(1, 'c')).toEqual({ ok: false, error: 'transferring' });
    expect(net.queue.map((m) => m.type)).not.toContain('TimeoutNow');
    net.tick(1); // a heartbeat finds where 3's log ends
    net.deliverAll();
    expect(net.leaders()).toEqual([3]);
    expect(net.log(3).map((e) => e.data)).toEqual(['', 'a', 'b', '']);
  });

  it('is abandoned after an election timeout, and proposals are accepted again', () => {
    const net = elected();
    net.isolate(3);
    net.propose(1, 'a');
    net.deliverAll();
    net.transferLeader(1, 3);
    net.tick(1, 9);
    expect(net.node(1).status().leadTransferee).toBe(3);
    expect(net.propose(1, 'x')).toEqual({ ok: false, error: 'transferring' });
    net.tick(1);
    expect(net.node(1).status()).toMatchObject({ role: 'leader', leadTransferee: 0 });
    expect(net.propose(1, 'x')).toMatchObject({ ok: true });
  });

  it('is refused by a non-leader and for a non-voter', () => {
    const net = elected();
    expect(net.transferLeader(2, 3)).toEqual({ ok: false, error: 'not-leader' });
    expect(net.transferLeader(1, 9)).toEqual({ ok: false, error: 'not-a-voter' });
    expect(net.transferLeader(1, 1)).toEqual({ ok: true });
    expect(net.node(1).status().leadTransferee).toBe(0);
  });
});
