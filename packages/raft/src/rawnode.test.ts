import { describe, expect, it } from 'vitest';
import { RawNode } from './rawnode';
import { MemoryStorage } from './storage';
import type { ProgressStatus } from './types';

const config = { id: 1, electionTick: 10, heartbeatTick: 1, random: () => 0 };

describe('RawNode', () => {
  it('reports hard and soft state only when they change', () => {
    const node = new RawNode({ ...config, voters: [1, 2, 3] }, new MemoryStorage());
    expect(node.hasReady()).toBe(false);
    node.campaign();
    const rd = node.ready();
    expect(rd.softState).toEqual({ role: 'candidate', leader: 0 });
    expect(rd.hardState).toEqual({ term: 1, vote: 1, commit: 0 });
    expect(rd.messages).toHaveLength(2);
    node.advance(rd);
    expect(node.hasReady()).toBe(false);
    node.tick();
    expect(node.hasReady()).toBe(false);
  });

  it('heartbeat(): a leader sends an empty AppendEntries to each peer at once; a follower sends nothing', () => {
    const follower = new RawNode(
      { ...config, id: 2, voters: [1, 2, 3], preVote: false },
      new MemoryStorage(),
    );
    follower.heartbeat();
    expect(follower.hasReady()).toBe(false);
    const node = new RawNode(
      { ...config, heartbeatTick: 5, voters: [1, 2, 3], preVote: false },
      new MemoryStorage(),
    );
    node.campaign();
    node.advance(node.ready());
    for (const from of [2, 3])
      node.step({ type: 'RequestVoteResponse', from, to: 1, term: 1, voteGranted: true });
    node.advance(node.ready()); // became leader: its first (noop) append goes out
    node.heartbeat();
    const beats = node.ready().messages;
    expect(beats.map((m) => [m.type, m.to, m.type === 'AppendEntries' && m.entries.length])).toEqual([
      ['AppendEntries', 2, 0],
      ['AppendEntries', 3, 0],
    ]);
  });

  it('hands out unstable entries, then committed ones, and marks them stable/applied on advance', () => {
    const storage = new MemoryStorage({ voters: [1] });
    const node = new RawNode(config, storage);
    node.campaign();
    expect(node.propose('a')).toEqual({ ok: true, index: 2, term: 1 });
    const rd = node.ready();
    expect(rd.entries.map((e) => [e.index, e.kind, e.data])).toEqual([
      [1, 'noop', ''],
      [2, 'command', 'a'],
    ]);
    expect(rd.committedEntries.map((e) => e.index)).toEqual([1, 2]);
    expect(rd.hardState).toEqual({ term: 1, vote: 1, commit: 2 });
    storage.setHardState(rd.hardState!);
    storage.append(rd.entries);
    node.advance(rd);
    expect(node.hasReady()).toBe(false);
    expect(node.status()).toMatchObject({ role: 'leader', commit: 2, applied: 2, lastIndex: 2 });
  });

  it('status() is a copy', () => {
    const node = new RawNode({ ...config, voters: [1] }, new MemoryStorage());
    node.status().confState.voters.push(9);
    expect(node.status().confState.voters).toEqual([1]);
  });

  it('voters come from storage when it has a configuration', () => {
    const node = new RawNode({ ...config, voters: [1, 2] }, new MemoryStorage({ voters: [1, 2, 3] }));
    expect(node.status().confState.voters).toEqual([1, 2, 3]);
  });

  it('observer.withProgress visits what status().progress lists, in id order, and only on a leader', () => {
    const node = new RawNode({ ...config, voters: [1, 2, 3] }, new MemoryStorage());
    const visited = () => {
      const seen: Array<[number, ProgressStatus]> = [];
      node.observer.withProgress((id, pr) => seen.push([id, { ...pr }]));
      return seen;
    };
    expect(visited()).toEqual([]); // not a leader
    node.campaign();
    for (const from of [2, 3])
      node.step({ type: 'RequestVoteResponse', from, to: 1, term: 1, voteGranted: true });
    node.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 1 });
    expect(node.status().role).toBe('leader');
    expect(visited()).toEqual(Object.entries(node.status().progress).map(([id, pr]) => [Number(id), pr]));
    expect(visited().map(([, pr]) => pr.matchIndex)).toEqual([1, 1, 0]);
  });

  it('observer.readyMessagesOnly: hands out messages alone, never ahead of state that must be persisted first', () => {
    const node = new RawNode({ ...config, voters: [1, 2, 3] }, new MemoryStorage());
    node.campaign(); // a vote and a term to persist before the vote requests leave
    expect(node.observer.readyMessagesOnly()).toBeNull();
    node.advance(node.ready());
    node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 1, voteGranted: true });
    expect(node.observer.readyMessagesOnly()).toBeNull(); // leader: a new role and an entry
    node.advance(node.ready());
    node.tick(); // a heartbeat: messages only
    const heartbeats = node.observer.readyMessagesOnly();
    expect(heartbeats?.map((m) => [m.type, m.to])).toEqual([
      ['AppendEntries', 2],
      ['AppendEntries', 3],
    ]);
    expect(node.hasReady()).toBe(false);
    expect(node.observer.readyMessagesOnly()).toBeNull(); // nothing pending
  });

  it('rejects a message addressed to another node', () => {
    const node = new RawNode({ ...config, voters: [1, 2] }, new MemoryStorage());
    expect(() => node.step({ type: 'TimeoutNow', from: 2, to: 3, term: 1 })).toThrow();
  });
});
