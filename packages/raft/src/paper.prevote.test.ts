import { describe, expect, it } from 'vitest';
import { Network } from './testing/network';
import { newTestNode } from './testing/helpers';

function elected(options: ConstructorParameters<typeof Network>[1]) {
  const net = new Network([1, 2, 3], options);
  net.campaign(1);
  net.deliverAll();
  expect(net.leaders()).toEqual([1]);
  return net;
}

function run(net: Network, ticks: number) {
  for (let i = 0; i < ticks; i++) {
    for (const id of net.ids) net.tick(id);
    net.deliverAll();
  }
}

describe('thesis §9.6 pre-vote', () => {
  it('a partitioned node does not bump its term, and does not disrupt the leader when it returns', () => {
    const net = elected({ preVote: true });
    net.isolate(3);
    run(net, 100);
    expect(net.node(3).status()).toMatchObject({ term: 1, role: 'precandidate' });
    net.heal();
    run(net, 5);
    expect(net.leaders()).toEqual([1]);
    for (const id of net.ids) expect(net.node(id).status()).toMatchObject({ term: 1, leader: 1 });
  });

  it('without pre-vote the partitioned node inflates its term and deposes the leader', () => {
    const net = elected({});
    net.isolate(3);
    run(net, 100);
    expect(net.node(3).status().term).toBeGreaterThan(2);
    net.heal();
    run(net, 50);
    expect(net.node(1).status().term).toBeGreaterThan(1);
  });

  it('a pre-vote round does not change term or vote, and wins into a real election', () => {
    const net = new Network([1, 2, 3], { preVote: true });
    net.node(1).campaign();
    expect(net.node(1).status()).toMatchObject({ role: 'precandidate', term: 0, vote: 0 });
    net.process(1);
    expect(net.queue.map((m) => [m.type, m.term])).toEqual([
      ['PreVote', 1],
      ['PreVote', 1],
    ]);
    net.deliverAll();
    expect(net.node(1).status()).toMatchObject({ role: 'leader', term: 1 });
  });

  it('a node that has heard from a leader within the election timeout refuses a pre-vote', () => {
    const { node, drain } = newTestNode(2, [1, 2, 3], { preVote: true, random: () => 0.9 });
    node.step({
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 1,
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [],
      leaderCommit: 0,
    });
    drain();
    node.step({ type: 'PreVote', from: 3, to: 2, term: 2, lastLogIndex: 5, lastLogTerm: 1 });
    expect(drain()).toMatchObject([{ type: 'PreVoteResponse', voteGranted: false, term: 1 }]);
    for (let i = 0; i < 10; i++) node.tick();
    node.step({ type: 'PreVote', from: 3, to: 2, term: 2, lastLogIndex: 5, lastLogTerm: 1 });
    expect(drain()).toMatchObject([{ type: 'PreVoteResponse', voteGranted: true, term: 2 }]);
    expect(node.status()).toMatchObject({ term: 1, vote: 0 }); // the pre-vote term is not adopted
  });
});

describe('check-quorum (thesis §6.2) and the disruptive-server guard (§4.2.3)', () => {
  it('a leader that does not hear from a quorum within an election timeout steps down', () => {
    const net = elected({ checkQuorum: true });
    net.isolate(1);
    net.tick(1, 9);
    expect(net.node(1).status().role).toBe('leader');
    net.tick(1, 11);
    expect(net.node(1).status()).toMatchObject({ role: 'follower', term: 1, leader: 0 });
  });

  it('a leader that hears from a quorum stays', () => {
    const net = elected({ checkQuorum: true });
    net.isolate(3);
    run(net, 15);
    expect(net.node(1).status().role).toBe('leader');
  });

  it('a follower that heard from a leader ignores RequestVote of a higher term, except a transfer', () => {
    const { node, drain } = newTestNode(2, [1, 2, 3], { checkQuorum: true });
    node.step({
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 1,
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [],
      leaderCommit: 0,
    });
    drain();
    node.step({ type: 'RequestVote', from: 3, to: 2, term: 2, lastLogIndex: 5, lastLogTerm: 1 });
    expect(drain()).toEqual([]);
    expect(node.status()).toMatchObject({ term: 1, leader: 1 });
    node.step({
      type: 'RequestVote',
      from: 3,
      to: 2,
      term: 2,
      lastLogIndex: 5,
      lastLogTerm: 1,
      transfer: true,
    });
    expect(drain()).toMatchObject([{ type: 'RequestVoteResponse', voteGranted: true, term: 2 }]);
  });

  it('after the election timeout without a leader, the follower votes again', () => {
    const { node, drain } = newTestNode(2, [1, 2, 3], { checkQuorum: true, random: () => 0.9 });
    node.step({
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 1,
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [],
      leaderCommit: 0,
    });
    for (let i = 0; i < 10; i++) node.tick();
    drain();
    node.step({ type: 'RequestVote', from: 3, to: 2, term: 2, lastLogIndex: 5, lastLogTerm: 1 });
    expect(drain()).toMatchObject([{ type: 'RequestVoteResponse', voteGranted: true, term: 2 }]);
  });
});
