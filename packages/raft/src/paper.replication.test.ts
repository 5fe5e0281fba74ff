import { describe, expect, it } from 'vitest';
import { Network } from './testing/network';
import { entriesWithTerms, newTestNode, storageWith } from './testing/helpers';
import type { AppendEntries, AppendEntriesResponse, Message } from './types';

const appends = (msgs: Message[]) => msgs.filter((m): m is AppendEntries => m.type === 'AppendEntries');

function electedNetwork(n: number) {
  const net = new Network(Array.from({ length: n }, (_, i) => i + 1));
  net.campaign(1);
  net.deliverAll();
  return net;
}

describe('§5.3 log replication', () => {
  it('the leader commits an entry once a majority stores it, not before', () => {
    const net = electedNetwork(5);
    net.partition([1, 2], [3, 4, 5]);
    net.propose(1, 'a');
    net.deliverAll();
    expect(net.node(1).status().commit).toBe(1); // only 2 of 5 have entry 2
    net.heal();
    net.tick(1); // heartbeat answers unblock the followers
    net.deliverAll();
    expect(net.node(1).status().commit).toBe(2);
    net.tick(1);
    net.deliverAll();
    for (const id of net.ids) {
      expect(net.node(id).status().commit).toBe(2);
      expect(net.applied.get(id)!.map((e) => e.data)).toEqual(['', 'a']);
    }
  });

  it('the leader starts replication: AppendEntries with prevLog, the new entry and leaderCommit', () => {
    const net = electedNetwork(3);
    net.propose(1, 'x');
    expect(net.queue).toEqual(
      [2, 3].map((to) => ({
        type: 'AppendEntries',
        from: 1,
        to,
        term: 1,
        prevLogIndex: 1,
        prevLogTerm: 1,
        entries: [{ index: 2, term: 1, kind: 'command', data: 'x' }],
        leaderCommit: 1,
      })),
    );
  });

  // etcd's TestLeaderAcknowledgeCommit: committed once acknowledged by a majority.
  it.each([
    [1, [], true],
    [3, [], false],
    [3, [2], true],
    [3, [2, 3], true],
    [5, [], false],
    [5, [2], false],
    [5, [2, 3], true],
    [5, [2, 3, 4, 5], true],
  ] as const)('%i voters, acknowledged by %o: committed %s', (n, acks, committed) => {
    const { node, drain } = newTestNode(
      1,
      Array.from({ length: n }, (_, i) => i + 1),
    );
    node.campaign();
    for (let id = 2; id <= n; id++)
      node.step({ type: 'RequestVoteResponse', from: id, to: 1, term: 1, voteGranted: true });
    drain();
    for (const from of acks) {
      node.step({ type: 'AppendEntriesResponse', from, to: 1, term: 1, success: true, matchIndex: 1 });
    }
    expect(node.status().commit).toBe(committed ? 1 : 0);
  });

  it('committing an entry of its term commits all preceding entries, of earlier terms too', () => {
    const { node, drain } = newTestNode(1, [1, 2, 3], {}, storageWith([1, 2, 3], [1, 2], 2));
    node.campaign();
    node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 3, voteGranted: true });
    drain();
    node.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 3, success: true, matchIndex: 3 });
    const rd = node.ready();
    expect(rd.committedEntries.map((e) => [e.index, e.term])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('propose is refused by a non-leader', () => {
    const net = electedNetwork(3);
    expect(net.propose(2, 'x')).toEqual({ ok: false, error: 'not-leader' });
    expect(net.propose(1, 'x')).toEqual({ ok: true, index: 2, term: 1 });
  });

  it('a follower advances commit to min(leaderCommit, index of last new entry)', () => {
    const { node, drain } = newTestNode(2, [1, 2, 3]);
    node.step({
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 1,
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: entriesWithTerms([1, 1]),
      leaderCommit: 5,
    });
    expect(node.status().commit).toBe(2);
    const out = drain();
    expect(out).toEqual([
      { type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 2 },
    ]);
  });

  it('a follower rejects when it lacks prevLogIndex/prevLogTerm, with a backtracking hint', () => {
    const storage = storageWith([1, 2, 3], [1, 1, 2], 2);
    const { node, drain } = newTestNode(2, [1, 2, 3], {}, storage);
    node.step({
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 3,
      prevLogIndex: 3,
      prevLogTerm: 3,
      entries: [],
      leaderCommit: 0,
    });
    node.step({
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 3,
      prevLogIndex: 7,
      prevLogTerm: 3,
      entries: [],
      leaderCommit: 0,
    });
    const [a, b] = drain() as AppendEntriesResponse[];
    // Entry 3 has term 2 <= 3, so it may still be the divergence point.
    expect(a).toMatchObject({ success: false, rejectedIndex: 3, conflictIndex: 3, conflictTerm: 2 });
    expect(b).toMatchObject({ success: false, rejectedIndex: 7, conflictIndex: 3, conflictTerm: 2 });
  });

  it('a follower deletes a conflicting suffix and appends the leader entries', () => {
    const storage = storageWith([1, 2, 3], [1, 1, 2, 2], 2);
    const { node, drain } = newTestNode(2, [1, 2, 3], {}, storage);
    const entries = [{ index: 3, term: 3, kind: 'command' as const, data: 'new' }];
    node.step({
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 3,
      prevLogIndex: 2,
      prevLogTerm: 1,
      entries,
      leaderCommit: 0,
    });
    drain();
    expect(storage.lastIndex()).toBe(3);
    expect(storage.entries(3, 4)).toEqual(entries);
  });

  it('flow control: at most maxEntriesPerMessage entries per AppendEntries, maxInflight messages', () => {
    const { node, drain } = newTestNode(1, [1, 2], { maxEntriesPerMessage: 2, maxInflight: 2 });
    node.campaign();
    node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 1, voteGranted: true });
    drain();
    node.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 1 });
    for (let i = 0; i < 9; i++) node.propose(`${i}`);
    const out = appends(drain());
    expect(out.every((m) => m.entries.length <= 2)).toBe(true);
    expect(out.filter((m) => m.entries.length > 0)).toHaveLength(2); // the window is full
    expect(node.status().progress[2]).toMatchObject({ state: 'replicate', paused: true });
    // Proposals made between two Readies are batched: [2, 3] and [4, 5] went out.
    expect(out.filter((m) => m.entries.length > 0).map((m) => m.entries.map((e) => e.index))).toEqual([
      [2, 3],
      [4, 5],
    ]);
    // Acknowledging the first message frees one slot; the next is a full batch.
    node.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 3 });
    const next = appends(drain()).filter((m) => m.entries.length > 0);
    expect(next.map((m) => m.entries.map((e) => e.index))).toEqual([[6, 7]]);
  });
});

describe('Figure 7: divergent follower logs are repaired', () => {
  const leader = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
  const followers: Record<string, number[]> = {
    a: [1, 1, 1, 4, 4, 5, 5, 6, 6],
    b: [1, 1, 1, 4],
    c: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6],
    d: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7],
    e: [1, 1, 1, 4, 4, 4, 4],
    f: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
  };
  it.each(Object.entries(followers))('follower (%s)', (_, followerLog) => {
    const net = new Network([1, 2, 3]);
    // Node 3 holds the leader's log too, so node 1 can win without node 2.
    const logs = { 1: leader, 2: followerLog, 3: leader };
    for (const id of net.ids) {
      const s = net.storages.get(id)!;
      s.append(entriesWithTerms(logs[id as 1 | 2 | 3]));
      s.setHardState({ term: 7, vote: 0, commit: 0 });
      net.restart(id);
    }
    net.campaign(1);
    net.deliverAll();
    expect(net.node(1).status()).toMatchObject({ role: 'leader', term: 8 });
    net.propose(1, 'x');
    net.tick(1);
    net.deliverAll();
    const expected = net.log(1);
    expect(expected.map((e) => e.term)).toEqual([...leader, 8, 8]);
    expect(net.log(2)).toEqual(expected);
    expect(net.node(2).status().commit).toBe(12);
  });
});

describe('Figure 8 / §5.4.2: no commit of old-term entries by counting replicas', () => {
  it('a leader of term 4 does not commit a term-2 entry stored on a majority until a term-4 entry is', () => {
    // (c) of Figure 8: S1 leads term 4 holding entry 2 of term 2; S2 and S3 will have it.
    const s1 = storageWith([1, 2, 3, 4, 5], [1, 2], 3);
    const { node, drain } = newTestNode(1, [1, 2, 3, 4, 5], {}, s1);
    node.campaign();
    node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 4, voteGranted: true });
    node.step({ type: 'RequestVoteResponse', from: 3, to: 1, term: 4, voteGranted: true });
    expect(node.status()).toMatchObject({ role: 'leader', term: 4, lastIndex: 3 });
    drain();
    node.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 4, success: true, matchIndex: 2 });
    node.step({ type: 'AppendEntriesResponse', from: 3, to: 1, term: 4, success: true, matchIndex: 2 });
    // Entry 2 is on S1, S2, S3 — a majority — but is from term 2.
    expect(node.status().commit).toBe(0);
    node.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 4, success: true, matchIndex: 3 });
    expect(node.status().commit).toBe(0); // the term-4 entry is on 2 of 5 only
    node.step({ type: 'AppendEntriesResponse', from: 3, to: 1, term: 4, success: true, matchIndex: 3 });
    // Committing the term-4 entry commits everything before it (Log Matching).
    expect(node.status().commit).toBe(3);
  });
});

describe('restart from storage', () => {
  it('keeps term, vote, log and commit, and re-applies committed entries', () => {
    const net = electedNetwork(3);
    net.propose(1, 'a');
    net.propose(1, 'b');
    net.deliverAll();
    net.tick(1);
    net.deliverAll();
    const before = net.node(2).status();
    net.restart(2);
    const after = net.node(2).status();
    expect(after).toMatchObject({
      role: 'follower',
      term: before.term,
      vote: before.vote,
      commit: 3,
      lastIndex: 3,
      applied: 3,
    });
    expect(net.applied.get(2)!.map((e) => e.data)).toEqual(['', 'a', 'b']);
    // config.applied skips what the state machine already has.
    const { RawNode } = { RawNode: net.node(2).constructor as typeof import('./rawnode').RawNode };
    const again = new RawNode(
      { id: 2, electionTick: 10, heartbeatTick: 1, random: () => 0, applied: 2 },
      net.storages.get(2)!,
    );
    expect(again.ready().committedEntries.map((e) => e.data)).toEqual(['b']);
  });

  it('a restarted node does not vote twice in a term', () => {
    const { node, storage, drain } = newTestNode(1, [1, 2, 3]);
    node.step({ type: 'RequestVote', from: 2, to: 1, term: 1, lastLogIndex: 0, lastLogTerm: 0 });
    drain();
    const restarted = newTestNode(1, [1, 2, 3], {}, storage);
    restarted.node.step({ type: 'RequestVote', from: 3, to: 1, term: 1, lastLogIndex: 0, lastLogTerm: 0 });
    expect(restarted.drain()).toMatchObject([{ type: 'RequestVoteResponse', to: 3, voteGranted: false }]);
  });
});
