import { describe, expect, it } from 'vitest';
import { isolateLeader, linkPairBody, splitLeaderMinority } from './presets';
import { isRejected, messageKind } from './messageStyle';

describe('network presets', () => {
  it('isolates the leader', () => {
    expect(isolateLeader([1, 2, 3, 4, 5], 3)).toEqual([[3], [1, 2, 4, 5]]);
  });
  it('puts the leader in a minority of two against three', () => {
    const [minority, majority] = splitLeaderMinority([1, 2, 3, 4, 5], 4);
    expect(minority).toContain(4);
    expect(minority).toHaveLength(2);
    expect(majority).toHaveLength(3);
    expect([...minority, ...majority].sort()).toEqual([1, 2, 3, 4, 5]);
  });
  it('with three nodes the leader is alone', () => {
    expect(splitLeaderMinority([1, 2, 3], 1)).toEqual([[1], [2, 3]]);
  });
  it('cuts a link in both directions', () => {
    expect(linkPairBody(1, 2, false)).toEqual({
      links: [
        { from: 1, to: 2, up: false },
        { from: 2, to: 1, up: false },
      ],
    });
  });
});

describe('message kinds', () => {
  const base = { from: 1, to: 2, term: 1 };
  it('tells heartbeats from appends and marks rejections', () => {
    const ae = { ...base, type: 'AppendEntries' as const, prevLogIndex: 0, prevLogTerm: 0, leaderCommit: 0 };
    expect(messageKind({ ...ae, entries: [] })).toBe('heartbeat');
    expect(messageKind({ ...ae, entries: [{ index: 1, term: 1, kind: 'noop', data: '' }] })).toBe('append');
    expect(isRejected({ ...base, type: 'RequestVoteResponse', voteGranted: false })).toBe(true);
    expect(isRejected({ ...base, type: 'AppendEntriesResponse', success: true, matchIndex: 1 })).toBe(false);
  });
});
