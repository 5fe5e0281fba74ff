/**
 * The server thins every event frame (protocol's LevelOfDetail, whose own test checks
 * what it leaves out) on the claim that the dashboard cannot tell: this replays simulated
 * runs through the page's reducers twice, whole and thinned, and requires the same
 * picture after every frame — nodes, logs, messages in flight, drops, links, history,
 * charts, announcements and every narrated sentence except the heartbeat lines the
 * tallies replace.
 */
import { describe, expect, it } from 'vitest';
import { LevelOfDetail, type EventsFrame } from '@raftlab/protocol';
import { FRAME_US, recordFrames } from '@raftlab/protocol/testing';
import { initialState, reduceEvents, reduceSnapshot } from './reducers';
import type { RaftState } from './types';

/** What the dashboard shows, less the heartbeat lines (thinning replaces those by tallies). */
function picture(s: RaftState) {
  return {
    nodes: s.nodes,
    logs: s.logs,
    truncations: s.truncations,
    messages: s.messages,
    drops: s.drops.map((d) => d.message.id),
    linksDown: s.linksDown,
    announcements: s.announcements.map((a) => a.text),
    feed: s.feed.map((f) => `${f.t} ${f.category} ${f.text}`),
    history: s.history,
    stages: s.stages,
    violations: s.violations,
    samples: s.samples,
    elections: s.elections,
  };
}

describe('thinned frames', () => {
  it.each([1, 2, 3])('leave the dashboard exactly as the whole stream does (seed %i)', (seed) => {
    const { snapshot, frames } = recordFrames(seed, 16);
    const detail = new LevelOfDetail();
    const start = { ...initialState(), ...reduceSnapshot(initialState(), snapshot, 0) };
    let whole: RaftState = start;
    let thinned: RaftState = start;
    let tallied = 0;
    frames.forEach((events, i) => {
      const clock = { now: (i + 1) * FRAME_US, seq: 0, speed: 10, paused: false };
      const receivedAt = (i + 1) * 33;
      const thin = detail.thin(events);
      tallied += thin.heartbeats.reduce((n, h) => n + h.count, 0);
      const frame: EventsFrame = { type: 'events', clock, events: thin.events, heartbeats: thin.heartbeats };
      whole = reduceEvents(whole, { type: 'events', clock, events }, receivedAt);
      thinned = reduceEvents(thinned, frame, receivedAt);
      expect(picture(thinned), `frame ${i}`).toEqual(picture(whole));
    });
    // The runs were thinned, and the tallies narrated.
    expect(tallied).toBeGreaterThan(0);
    expect(thinned.heartbeats.at(-1)?.text).toMatch(
      /^Node \d sent heartbeats to nodes .* and each was answered/,
    );
  });
});
