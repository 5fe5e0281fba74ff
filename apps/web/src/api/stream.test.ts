import { describe, expect, it } from 'vitest';
import type { EventsFrame } from '@raftlab/protocol';
import { applyInterval, backoffDelay, coalesceFrames } from './stream';

const frame = (now: number, ids: number[]): EventsFrame => ({
  type: 'events',
  clock: { now, seq: 0, speed: 1, paused: false },
  events: ids.map((id) => ({ type: 'message-delivered', t: now, seq: id, id })),
});

describe('coalesceFrames', () => {
  it('keeps every event in order and the newest clock', () => {
    const joined = coalesceFrames([frame(10, [1, 2]), frame(20, [3]), frame(30, [])]);
    expect(joined.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(joined.clock.now).toBe(30);
  });
  it('sums the heartbeat tallies of the frames it joins, per leader and follower', () => {
    const tally = (follower: number, count: number, lastAt: number) => ({
      leader: 1,
      follower,
      count,
      lastAt,
    });
    const joined = coalesceFrames([
      { ...frame(10, []), heartbeats: [tally(2, 3, 8), tally(3, 1, 9)] },
      frame(20, [1]),
      { ...frame(30, []), heartbeats: [tally(2, 2, 28)] },
    ]);
    expect(joined.heartbeats).toEqual([tally(2, 5, 28), tally(3, 1, 9)]);
    expect(coalesceFrames([frame(10, [1]), frame(20, [2])]).heartbeats).toBeUndefined();
  });
  it('keeps every frame’s markers, in order', () => {
    const marker = (at: number) => ({ at, t: at, kind: 'leader' as const, label: `m${at}` });
    const joined = coalesceFrames([
      { ...frame(10, [1]), markers: [marker(1)] },
      frame(20, [2]),
      { ...frame(30, [3]), markers: [marker(3), marker(3)] },
    ]);
    expect(joined.markers?.map((m) => m.at)).toEqual([1, 3, 3]);
    expect(coalesceFrames([frame(10, [1]), frame(20, [2])]).markers).toBeUndefined();
  });
  it('passes a single frame through', () => {
    const one = frame(5, [1]);
    expect(coalesceFrames([one])).toBe(one);
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap', () => {
    expect([0, 1, 2, 10].map((n) => backoffDelay(n, 500, 8000))).toEqual([500, 1000, 2000, 8000]);
  });
});

describe('applyInterval', () => {
  it('updates more often when a person can follow each message', () => {
    expect(applyInterval(0.02)).toBe(100);
    expect(applyInterval(10)).toBe(250);
  });
});
