/**
 * The server thins every event frame (protocol's LevelOfDetail) on the claim that the
 * dashboard cannot tell: this replays one simulated run through the page's reducers
 * twice, whole and thinned, and requires the same picture after every frame — nodes,
 * logs, messages in flight, announcements and every narrated sentence except the
 * heartbeat lines the tallies replace.
 */
import { describe, expect, it } from 'vitest';
import { LevelOfDetail, type EventsFrame, type SimEvent, type SnapshotFrame } from '@raftlab/protocol';
import { Simulation } from '@raftlab/sim';
import { initialState, reduceEvents, reduceSnapshot } from './reducers';
import type { RaftState } from './types';

/** A frame at 10×: the server sends 30 a second, so each spans a third of a virtual second. */
const FRAME_US = 333_333;

function recordFrames(seed: number, seconds: number): { snapshot: SnapshotFrame; frames: SimEvent[][] } {
  const sim = new Simulation({ nodes: 9, seed });
  const snapshot: SnapshotFrame = {
    type: 'snapshot',
    clusterId: 'lod',
    clock: { now: 0, speed: 10, paused: false },
    view: sim.view(),
    history: [],
  };
  let current: SimEvent[] = [];
  sim.onEvent((e) => current.push(e as SimEvent));
  const frames: SimEvent[][] = [];
  let op = 0;
  while (sim.now < seconds * 1e6) {
    const t = sim.now + FRAME_US;
    sim.runUntil(t);
    const second = Math.floor(t / 1e6);
    if (t % 1e6 < FRAME_US) sim.invoke(1 + (op % 3), { type: 'put', key: `k${op % 4}`, value: String(op++) });
    // Faults, so rejections, elections and losses are in the stream too.
    const leader = sim.leader();
    if (second === 4 && t % 1e6 < FRAME_US && leader) sim.input({ kind: 'crash', node: leader });
    if (second === 7 && t % 1e6 < FRAME_US)
      for (let n = 1; n <= 9; n++) sim.input({ kind: 'restart', node: n });
    if (second === 9 && t % 1e6 < FRAME_US)
      sim.input({
        kind: 'partition',
        groups: [
          [1, 2, 3, 4],
          [5, 6, 7, 8, 9],
        ],
      });
    if (second === 12 && t % 1e6 < FRAME_US) sim.input({ kind: 'heal' });
    if (second === 13 && t % 1e6 < FRAME_US) {
      sim.input({
        kind: 'link-quality',
        from: 1,
        to: 2,
        quality: { loss: 0.3, duplicate: 0.3, latency: null },
      });
    }
    frames.push(current);
    current = [];
  }
  return { snapshot, frames };
}

/** What the dashboard shows, less the heartbeat lines (thinning replaces those by tallies). */
function picture(s: RaftState) {
  return {
    nodes: s.nodes,
    logs: s.logs,
    messages: s.messages,
    drops: s.drops.map((d) => d.message.id),
    announcements: s.announcements.map((a) => a.text),
    feed: s.feed.map((f) => `${f.t} ${f.category} ${f.text}`),
    history: s.history,
    stages: s.stages,
    elections: s.elections,
  };
}

describe('level of detail', () => {
  it.each([1, 2, 3])('leaves the dashboard exactly as the whole stream does (seed %i)', (seed) => {
    const { snapshot, frames } = recordFrames(seed, 16);
    const detail = new LevelOfDetail();
    let whole = { ...initialState(), ...reduceSnapshot(initialState(), snapshot, 0) } as RaftState;
    let thinned = { ...initialState(), ...reduceSnapshot(initialState(), snapshot, 0) } as RaftState;
    let wholeCount = 0;
    let thinCount = 0;
    let tallied = 0;
    frames.forEach((events, i) => {
      const clock = { now: (i + 1) * FRAME_US, speed: 10, paused: false };
      const receivedAt = (i + 1) * 33;
      const thin = detail.thin(events);
      wholeCount += events.length;
      thinCount += thin.events.length;
      tallied += thin.heartbeats.reduce((n, h) => n + h.count, 0);
      const frame: EventsFrame = { type: 'events', clock, events: thin.events, heartbeats: thin.heartbeats };
      whole = { ...whole, ...reduceEvents(whole, { type: 'events', clock, events }, receivedAt) };
      thinned = { ...thinned, ...reduceEvents(thinned, frame, receivedAt) };
      expect(picture(thinned), `frame ${i}`).toEqual(picture(whole));
    });
    // Each tallied round trip is four events left out.
    expect(wholeCount - thinCount).toBeGreaterThanOrEqual(4 * tallied);
    expect(thinCount).toBeLessThan(wholeCount * 0.4);
    expect(thinned.heartbeats.at(-1)?.text).toMatch(
      /^Node \d sent heartbeats to nodes .* and each was answered/,
    );
  });
});
