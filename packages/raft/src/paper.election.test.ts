import { describe, expect, it } from 'vitest';
import { Network, seededRandom } from './testing/network';
import { newTestNode, storageWith } from './testing/helpers';
import type { Message } from './types';

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('§5.1 terms', () => {
  it('starts as a follower at term 0 (§5.2)', () => {
    const { node } = newTestNode(1, [1, 2, 3]);
    expect(node.status()).toMatchObject({ role: 'follower', term: 0, vote: 0, leader: 0 });
  });

  it('adopts a higher term from any message and becomes follower', () => {
    const { node, drain } = newTestNode(1, [1, 2, 3]);
    node.campaign();
    drain();
    expect(node.status()).toMatchObject({ role: 'candidate', term: 1 });
    node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 5, voteGranted: false });
    expect(node.status()).toMatchObject({ role: 'follower', term: 5, vote: 0 });
    const rd = node.ready();
    expect(rd.hardState).toEqual({ term: 5, vote: 0, commit: 0 });
  });

  it('an AppendEntries of a higher term names the leader', () => {
    const { node } = newTestNode(1, [1, 2, 3]);
    node.step({
      type: 'AppendEntries',
      from: 2,
      to: 1,
      term: 3,
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [],
      leaderCommit: 0,
    });
    expect(node.status()).toMatchObject({ role: 'follower', term: 3, leader: 2 });
  });

  it('Figure 2: rejects stale-term AppendEntries and RequestVote, answering with its term', () => {
    const { node, drain } = newTestNode(1, [1, 2, 3], {}, storageWith([1, 2, 3], [], 4));
    node.step({
      type: 'AppendEntries',
      from: 2,
      to: 1,
      term: 3,
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [],
      leaderCommit: 0,
    });
    node.step({ type: 'RequestVote', from: 3, to: 1, term: 2, lastLogIndex: 9, lastLogTerm: 3 });
    node.step({ type: 'RequestVoteResponse', from: 3, to: 1, term: 2, voteGranted: true });
    const out = drain();
    expect(out).toEqual([
      { type: 'AppendEntriesResponse', from: 1, to: 2, term: 4, success: false, matchIndex: 0 },
      { type: 'RequestVoteResponse', from: 1, to: 3, term: 4, voteGranted: false },
    ]);
    expect(node.status()).toMatchObject({ term: 4, vote: 0, leader: 0 });
  });
});

describe('§5.1 terms, every role', () => {
  it.each(['follower', 'candidate', 'leader'] as const)(
    'a %s that sees a higher term in any message adopts it and becomes follower',
    (role) => {
      const { node, drain } = newTestNode(1, [1, 2, 3]);
      if (role !== 'follower') node.campaign();
      if (role === 'leader')
        node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 1, voteGranted: true });
      drain();
      expect(node.status().role).toBe(role);
      node.step({ type: 'AppendEntriesResponse', from: 3, to: 1, term: 7, success: false, matchIndex: 0 });
      expect(node.status()).toMatchObject({ role: 'follower', term: 7, vote: 0 });
    },
  );
});

describe('§5.2 leader election', () => {
  it('randomises the election timeout within [electionTick, 2*electionTick)', () => {
    for (const r of [0, 0.25, 0.5, 0.999999, 1]) {
      const { node } = newTestNode(1, [1, 2, 3], { random: () => r });
      const t = node.status().randomizedElectionTimeout;
      expect(t).toBeGreaterThanOrEqual(10);
      expect(t).toBeLessThan(20);
    }
    expect(newTestNode(1, [1], { random: () => 0.5 }).node.status().randomizedElectionTimeout).toBe(15);
  });

  it('a follower starts an election when the timeout elapses', () => {
    const { node, drain } = newTestNode(1, [1, 2, 3], { random: () => 0.3 });
    for (let i = 0; i < 12; i++) node.tick();
    expect(node.status().role).toBe('follower');
    node.tick();
    expect(node.status()).toMatchObject({ role: 'candidate', term: 1, vote: 1 });
    const out = drain();
    expect(out.map((m) => [m.type, m.to, m.term])).toEqual([
      ['RequestVote', 2, 1],
      ['RequestVote', 3, 1],
    ]);
  });

  it.each([1, 3, 5])('elects a leader in one round with %i voters', (n) => {
    const net = new Network(ids(n));
    net.campaign(1);
    net.deliverAll();
    expect(net.leaders()).toEqual([1]);
    for (const id of ids(n)) expect(net.node(id).status()).toMatchObject({ term: 1, leader: 1 });
    // The no-op of the new term is committed, and the next heartbeat carries
    // leaderCommit to every follower (thesis §6.4, Figure 2).
    expect(net.node(1).status().commit).toBe(1);
    net.tick(1);
    net.deliverAll();
    for (const id of ids(n)) expect(net.node(id).status().commit).toBe(1);
  });

  it('a single voter elects itself and commits on its own', () => {
    const net = new Network([1]);
    net.campaign(1);
    expect(net.node(1).status()).toMatchObject({ role: 'leader', commit: 1 });
    const r = net.propose(1, 'x');
    expect(r).toEqual({ ok: true, index: 2, term: 1 });
    expect(net.node(1).status().commit).toBe(2);
    expect(net.applied.get(1)!.map((e) => e.data)).toEqual(['', 'x']);
  });

  it('votes at most once per term, and persists the vote before answering', () => {
    const { node } = newTestNode(1, [1, 2, 3]);
    node.step({ type: 'RequestVote', from: 2, to: 1, term: 1, lastLogIndex: 0, lastLogTerm: 0 });
    node.step({ type: 'RequestVote', from: 3, to: 1, term: 1, lastLogIndex: 0, lastLogTerm: 0 });
    node.step({ type: 'RequestVote', from: 2, to: 1, term: 1, lastLogIndex: 0, lastLogTerm: 0 });
    const rd = node.ready();
    expect(rd.hardState).toEqual({ term: 1, vote: 2, commit: 0 });
    expect(
      rd.messages.map((m) => [m.to, (m as Extract<Message, { type: 'RequestVoteResponse' }>).voteGranted]),
    ).toEqual([
      [2, true],
      [3, false],
      [2, true],
    ]);
  });

  it('§5.4.1 grants a vote only to a candidate whose log is at least as up to date', () => {
    const storage = storageWith([1, 2, 3], [1, 2], 2);
    const { node, drain } = newTestNode(1, [1, 2, 3], {}, storage);
    node.step({ type: 'RequestVote', from: 2, to: 1, term: 3, lastLogIndex: 5, lastLogTerm: 1 });
    node.step({ type: 'RequestVote', from: 3, to: 1, term: 3, lastLogIndex: 1, lastLogTerm: 2 });
    expect(drain().map((m) => (m as { voteGranted?: boolean }).voteGranted)).toEqual([false, false]);
    node.step({ type: 'RequestVote', from: 3, to: 1, term: 3, lastLogIndex: 2, lastLogTerm: 2 });
    expect(drain().map((m) => (m as { voteGranted?: boolean }).voteGranted)).toEqual([true]);
  });

  it('a candidate steps down on AppendEntries of its own term', () => {
    const { node } = newTestNode(1, [1, 2, 3]);
    node.campaign();
    node.step({
      type: 'AppendEntries',
      from: 2,
      to: 1,
      term: 1,
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [],
      leaderCommit: 0,
    });
    expect(node.status()).toMatchObject({ role: 'follower', term: 1, leader: 2, vote: 1 });
  });

  it('a candidate that loses the vote becomes a follower', () => {
    const { node } = newTestNode(1, [1, 2, 3]);
    node.campaign();
    node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 1, voteGranted: false });
    node.step({ type: 'RequestVoteResponse', from: 3, to: 1, term: 1, voteGranted: false });
    expect(node.status()).toMatchObject({ role: 'follower', term: 1 });
  });

  it('the leader broadcasts heartbeats every heartbeatTick', () => {
    const net = new Network(ids(3), { heartbeatTick: 2 });
    net.campaign(1);
    net.deliverAll();
    net.tick(1);
    expect(net.queue).toEqual([]);
    net.tick(1);
    expect(net.queue.map((m) => [m.type, m.to, (m as { entries?: unknown[] }).entries?.length])).toEqual([
      ['AppendEntries', 2, 0],
      ['AppendEntries', 3, 0],
    ]);
    net.deliverAll();
    // Followers that hear heartbeats never time out.
    for (let i = 0; i < 50; i++) {
      for (const id of ids(3)) net.tick(id);
      net.deliverAll();
    }
    expect(net.leaders()).toEqual([1]);
    expect(net.node(2).status().term).toBe(1);
  });

  it('a candidate whose election times out starts a new one in the next term', () => {
    const { node, drain } = newTestNode(1, [1, 2, 3], { random: () => 0 });
    node.campaign();
    drain();
    for (let i = 0; i < 10; i++) node.tick();
    expect(node.status()).toMatchObject({ role: 'candidate', term: 2, vote: 1 });
    expect(drain().map((m) => [m.type, m.to, m.term])).toEqual([
      ['RequestVote', 2, 2],
      ['RequestVote', 3, 2],
    ]);
  });

  // etcd's TestLeaderElectionInOneRoundRPC: the outcome of one round from the votes.
  it.each([
    [1, {}, 'leader'],
    [3, { 2: true, 3: true }, 'leader'],
    [3, { 2: true }, 'leader'],
    [5, { 2: true, 3: true, 4: true, 5: true }, 'leader'],
    [5, { 2: true, 3: true, 4: true }, 'leader'],
    [5, { 2: true, 3: true }, 'leader'],
    [3, { 2: false, 3: false }, 'follower'],
    [5, { 2: false, 3: false, 4: false, 5: false }, 'follower'],
    [5, { 2: true, 3: false, 4: false, 5: false }, 'follower'],
    [3, {}, 'candidate'],
    [5, { 2: true }, 'candidate'],
    [5, { 2: false, 3: false }, 'candidate'],
    [5, {}, 'candidate'],
  ] as const)('%i voters, votes %o: %s', (n, votes, role) => {
    const { node } = newTestNode(1, ids(n));
    node.campaign();
    for (const [from, voteGranted] of Object.entries(votes)) {
      node.step({ type: 'RequestVoteResponse', from: Number(from), to: 1, term: 1, voteGranted });
    }
    expect(node.status()).toMatchObject({ role, term: 1 });
  });

  it('a RequestVote carries the candidate term and its last log index and term (§5.4.1)', () => {
    const { node, drain } = newTestNode(1, [1, 2, 3], {}, storageWith([1, 2, 3], [1, 1, 2], 2));
    node.campaign();
    expect(drain()).toEqual([
      { type: 'RequestVote', from: 1, to: 2, term: 3, lastLogIndex: 3, lastLogTerm: 2 },
      { type: 'RequestVote', from: 1, to: 3, term: 3, lastLogIndex: 3, lastLogTerm: 2 },
    ]);
  });

  // etcd's TestFollowersElectionTimeoutNonconflict: randomised timeouts make it
  // unlikely that several followers time out on the same tick (§5.2).
  it('randomised election timeouts rarely conflict', () => {
    const rounds = 1000;
    let conflicts = 0;
    const random = seededRandom(7);
    for (let round = 0; round < rounds; round++) {
      const timeouts = ids(5).map(
        (id) => newTestNode(id, ids(5), { random }).node.status().randomizedElectionTimeout,
      );
      const first = Math.min(...timeouts);
      if (timeouts.filter((t) => t === first).length > 1) conflicts++;
    }
    expect(conflicts / rounds).toBeLessThan(0.3);
  });

  it('an impossible transition throws', async () => {
    const { Raft } = await import('./raft');
    const { MemoryStorage } = await import('./storage');
    const r = new Raft(
      { id: 1, voters: [1, 2, 3], electionTick: 10, heartbeatTick: 1, random: () => 0 },
      new MemoryStorage(),
    );
    expect(() => r.becomeLeader()).toThrow(/follower -> leader/);
  });
});
