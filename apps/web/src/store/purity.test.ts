/**
 * The reducers are pure: the same state and the same frame give equal results, and the
 * state they were given is left as it was — on a simulated run with elections, crashes,
 * a partition, lossy links, client operations and deleted log suffixes, and a resync in
 * the middle.
 */
import { describe, expect, it } from 'vitest';
import type { EventsFrame } from '@raftlab/protocol';
import { FRAME_US, recordFrames } from '@raftlab/protocol/testing';
import { initialState, reduceEvents, reduceSnapshot } from './reducers';
import type { RaftState } from './types';

describe('the reducers', () => {
  it('give equal results for equal inputs and leave their input as it was', () => {
    const { snapshot, frames } = recordFrames(1, 16);
    const fromSnapshot = (s: RaftState, receivedAt: number): RaftState => {
      const before = structuredClone(s);
      const next = reduceSnapshot(s, snapshot, receivedAt);
      expect(reduceSnapshot(s, snapshot, receivedAt)).toEqual(next);
      expect(s).toEqual(before);
      return { ...s, ...next };
    };
    let state = fromSnapshot(initialState(), 0);
    /** The most each part of the narrator's memory held, to show the run used it. */
    const held = { votes: 0, lastRequests: 0, invoked: 0 };
    frames.forEach((events, i) => {
      const frame: EventsFrame = {
        type: 'events',
        clock: { now: (i + 1) * FRAME_US, seq: 0, speed: 10, paused: false },
        events,
      };
      const receivedAt = (i + 1) * 250;
      const before = structuredClone(state);
      const next = reduceEvents(state, frame, receivedAt);
      expect(state, `frame ${i} left its input as it was`).toEqual(before);
      expect(reduceEvents(state, frame, receivedAt), `frame ${i} again`).toEqual(next);
      for (const key of ['votes', 'lastRequests', 'invoked'] as const)
        held[key] = Math.max(held[key], next[key].size);
      state = i === 20 ? fromSnapshot(next, receivedAt) : next;
    });
    // The run exercised what the reducers keep besides the server's state.
    expect(state.nextFeedId).toBeGreaterThan(1000);
    expect(state.nextAnnouncementId).toBeGreaterThan(5);
    expect(state.nextTruncationId).toBeGreaterThan(1);
    expect(Math.min(...Object.values(held))).toBeGreaterThan(0);
  });
});
