import { describe, expect, it } from 'vitest';
import {
  bridgeLinks,
  isolateLeader,
  linkPairBody,
  linkQualityBody,
  ringLinks,
  splitLeaderMinority,
} from './presets';
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

describe('linkQualityBody', () => {
  it('turns percentages into probabilities, one way or both', () => {
    const q = { lossPercent: 25, duplicatePercent: 150, latencyMs: { min: 5, max: 40 } };
    expect(linkQualityBody(1, 3, q, false)).toEqual({
      links: [{ from: 1, to: 3, loss: 0.25, duplicate: 1, latencyMs: { min: 5, max: 40 } }],
    });
    const both = linkQualityBody(1, 3, { ...q, latencyMs: null }, true);
    expect(both).toEqual({
      links: [
        { from: 1, to: 3, loss: 0.25, duplicate: 1, latencyMs: null },
        { from: 3, to: 1, loss: 0.25, duplicate: 1, latencyMs: null },
      ],
    });
  });
});

describe('bridge and ring', () => {
  const down = (body: ReturnType<typeof ringLinks>) =>
    'links' in body ? body.links.filter((l) => !l.up).map((l) => `${l.from}-${l.to}`) : [];

  it('bridge: the two halves are cut from each other, the middle node hears everyone', () => {
    expect(down(bridgeLinks([1, 2, 3, 4, 5])).sort()).toEqual(
      ['1-4', '1-5', '2-4', '2-5', '4-1', '4-2', '5-1', '5-2'].sort(),
    );
  });

  it('ring: each node keeps only its two neighbours', () => {
    expect(down(ringLinks([1, 2, 3, 4, 5])).sort()).toEqual(
      ['1-3', '1-4', '2-4', '2-5', '3-1', '3-5', '4-1', '4-2', '5-2', '5-3'].sort(),
    );
    const body = ringLinks([3, 1, 2]);
    expect(down(body)).toEqual([]); // with three nodes everyone is a neighbour
  });
});
