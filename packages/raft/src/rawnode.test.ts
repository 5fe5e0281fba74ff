import { describe, expect, it } from 'vitest';
import { RawNode } from './rawnode';
import { MemoryStorage } from './storage';

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

  it('progressMatches: true exactly while a copy of status().progress still describes the leader', () => {
    const storage = new MemoryStorage({ voters: [1, 2, 3] });
    const node = new RawNode(config, storage);
    expect(node.progressMatches({}, 0)).toBe(false); // not a leader
    node.campaign();
    for (const from of [2, 3])
      node.step({ type: 'RequestVoteResponse', from, to: 1, term: 1, voteGranted: true });
    const copy = () => node.status().progress;
    expect(node.status().role).toBe('leader');
    expect(node.progressMatches(copy(), 3)).toBe(true);
    expect(node.progressMatches(copy(), 2)).toBe(false); // another peer count
    for (const field of ['matchIndex', 'nextIndex', 'state', 'paused', 'recentActive'] as const) {
      const changed = copy();
      changed[2] = { ...changed[2], [field]: field === 'state' ? 'snapshot' : 99 };
      expect(node.progressMatches(changed, 3)).toBe(false);
    }
    const before = copy();
    node.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 1 });
    expect(node.progressMatches(before, 3)).toBe(false); // peer 2's match moved
    expect(node.progressMatches(copy(), 3)).toBe(true);
  });

  it('readyMessagesOnly: hands out messages alone, never ahead of state that must be persisted first', () => {
    const node = new RawNode({ ...config, voters: [1, 2, 3] }, new MemoryStorage());
    node.campaign(); // a vote and a term to persist before the vote requests leave
    expect(node.readyMessagesOnly()).toBeNull();
    node.advance(node.ready());
    node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 1, voteGranted: true });
    expect(node.readyMessagesOnly()).toBeNull(); // leader: a new role and an entry
    node.advance(node.ready());
    node.tick(); // a heartbeat: messages only
    const heartbeats = node.readyMessagesOnly();
    expect(heartbeats?.map((m) => [m.type, m.to])).toEqual([
      ['AppendEntries', 2],
      ['AppendEntries', 3],
    ]);
    expect(node.hasReady()).toBe(false);
    expect(node.readyMessagesOnly()).toBeNull(); // nothing pending
  });

  it('rejects a message addressed to another node', () => {
    const node = new RawNode({ ...config, voters: [1, 2] }, new MemoryStorage());
    expect(() => node.step({ type: 'TimeoutNow', from: 2, to: 3, term: 1 })).toThrow();
  });
});
