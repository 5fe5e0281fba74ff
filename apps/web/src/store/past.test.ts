/**
 * The past is shown through the live reducers: a moment reached as the snapshot of an
 * earlier moment plus the events between (what the server sends for a seek) is the same
 * state a snapshot of that moment gives, and the timeline slice knows which moment it is.
 */
import { describe, expect, it } from 'vitest';
import type { EventsFrame, Marker, SimEvent, SnapshotFrame } from '@raftlab/protocol';
import { Simulation } from '@raftlab/sim';
import { initialState, reduceEvents, reducePast, reduceSnapshot } from './reducers';
import { createRaftStore } from './store';
import { selectSliderAt, selectTimelineEnd } from './selectors';
import type { RaftState } from './types';

const clockAt = (sim: Simulation) => ({ now: sim.now, seq: sim.eventsProcessed, speed: 1, paused: false });

const snapshotOf = (sim: Simulation, over: Partial<SnapshotFrame> = {}): SnapshotFrame => ({
  type: 'snapshot',
  clusterId: 'past',
  clock: clockAt(sim),
  view: sim.view(),
  history: sim.history(500),
  stages: sim.opStages(),
  ...over,
});

/** A 5-node run with writes, a crash and a partition, stepped one event at a time. */
function run(events: number) {
  const sim = new Simulation({ nodes: 5, seed: 7 });
  const log: SimEvent[] = [];
  sim.onEvent((e) => log.push(e as SimEvent));
  let op = 0;
  const moments = new Map<number, SnapshotFrame>();
  /** How many events the log held at each moment (a task may emit several, or none). */
  const logAt = new Map<number, number>();
  while (sim.eventsProcessed < events) {
    sim.step();
    const n = sim.eventsProcessed;
    if (n % 150 === 0) sim.invoke(1 + (op % 2), { type: 'put', key: `k${op % 3}`, value: String(op++) });
    if (n === 900 && sim.leader()) sim.input({ kind: 'crash', node: sim.leader() });
    if (n === 1400)
      sim.input({
        kind: 'partition',
        groups: [
          [1, 2],
          [3, 4, 5],
        ],
      });
    if (n % 100 === 0) {
      moments.set(n, snapshotOf(sim));
      logAt.set(n, log.length);
    }
  }
  const between = (from: number, to: number) => log.slice(logAt.get(from), logAt.get(to));
  return { sim, between, moments };
}

const apply = (state: RaftState, frame: SnapshotFrame) => ({ ...state, ...reduceSnapshot(state, frame, 0) });

/** What a state shows of the cluster (not what this page remembers, such as the feed). */
const shown = (s: RaftState) => ({
  // A snapshot's node also carries what a KV copy starts from (its sessions and snapshot
  // state, which the kv slice takes); a node-state event carries only the node's state.
  nodes: Object.values(s.nodes).map((n) => {
    const {
      sessions: _sessions,
      snapshotState: _snapshot,
      ...state
    } = n as typeof n & {
      sessions?: unknown;
      snapshotState?: unknown;
    };
    return state;
  }),
  logs: s.logs,
  tables: Object.values(s.kvMirrors).map((m) => [...m.table]),
  messages: s.messages,
  linksDown: s.linksDown,
  history: s.history,
  stages: s.stages,
  violations: s.violations,
  clock: { now: s.clock.now, seq: s.clock.seq },
});

describe('a moment of the past', () => {
  const { between, moments } = run(2000);
  const end = 2000;
  const live = apply(initialState(), moments.get(2000)!);

  it.each([400, 1000, 1500, 1900])('at event %d equals a snapshot of that moment', (at) => {
    const from = at - 300;
    const snapshot = { ...moments.get(from)!, moment: { at: from, end } };
    const lead: EventsFrame = {
      type: 'events',
      clock: moments.get(at)!.clock,
      events: between(from, at),
      moment: { at, end },
    };
    const past = reducePast(live, snapshot, lead, 1);
    expect(shown(past)).toEqual(shown(apply(initialState(), moments.get(at)!)));
    expect(past.moment).toEqual({ at, end });
    // The run's faults are in the moments compared: a crashed leader, then a partition.
    if (at >= 1000) expect(Object.values(past.nodes).some((n) => !n.up)).toBe(true);
    if (at >= 1000) expect(shown(past).tables.some((table) => table.length > 0)).toBe(true);
    if (at >= 1500) expect(Object.keys(past.linksDown).length).toBeGreaterThan(0);
    expect(past.clock.paused).toBe(true);
    // The feed tells what led there, and nothing of the live run before the seek.
    expect(past.feed.length).toBeGreaterThan(0);
    expect(past.feed.every((item) => item.t <= moments.get(at)!.clock.now)).toBe(true);
    // Its events have happened: only the change of mode is news.
    expect(past.announcements.map((a) => a.text)).toEqual(['Viewing the past']);
    expect(past.samples.length).toBeGreaterThan(1);
  });
});

describe('the timeline slice', () => {
  const marker = (at: number, kind: Marker['kind'] = 'leader'): Marker => ({
    at,
    t: at,
    kind,
    label: `m${at}`,
  });
  const { moments } = run(600);
  const liveSnapshot = { ...moments.get(600)!, markers: [marker(10), marker(500)] };

  it('takes every marker from a live snapshot and new ones from live events', () => {
    let s = apply(initialState(), liveSnapshot);
    expect(s.markers.map((m) => m.at)).toEqual([10, 500]);
    s = reduceEvents(
      s,
      { type: 'events', clock: { ...liveSnapshot.clock, seq: 650 }, events: [], markers: [marker(640)] },
      2,
    );
    expect(s.markers.map((m) => m.at)).toEqual([10, 500, 640]);
    expect(selectTimelineEnd(s)).toBe(650);
    expect(s.moment).toBeNull();
    // A failed check found later is marked at the completion that broke the history.
    s = reduceEvents(
      s,
      {
        type: 'events',
        clock: { ...liveSnapshot.clock, seq: 700 },
        events: [],
        markers: [marker(690), marker(520, 'nonlinearizable')],
      },
      2,
    );
    expect(s.markers.map((m) => `${m.kind}@${m.at}`)).toEqual([
      'leader@10',
      'leader@500',
      'nonlinearizable@520',
      'leader@640',
      'leader@690',
    ]);
  });

  it('keeps the markers and the end through the past, and leaves it on a live snapshot', () => {
    const past = reducePast(
      apply(initialState(), liveSnapshot),
      { ...moments.get(100)!, moment: { at: 100, end: 600 } },
      { type: 'events', clock: moments.get(200)!.clock, events: [], moment: { at: 200, end: 600 } },
      1,
    );
    expect(past.markers).toHaveLength(2);
    expect(selectTimelineEnd(past)).toBe(600);
    expect(past.clock.seq).toBe(200);
    const back = apply(past, liveSnapshot);
    expect(back.moment).toBeNull();
    expect(back.feed).toEqual([]);
    expect(back.announcements.at(-1)?.text).toBe('Back to live');
  });

  it('records what the person asks to see until the stream has shown it', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(liveSnapshot, 0);
    store.getState().goLive();
    expect(store.getState().seeking).toBeNull(); // already live: nothing to ask
    store.getState().seek(123.4);
    expect(selectSliderAt(store.getState())).toBe(123);
    store.getState().seekSettled();
    expect(store.getState().seeking).toBeNull();
    store.getState().seek(50);
    store.getState().goLive();
    expect(store.getState().seeking).toBe('live');
    store.getState().applySnapshot(liveSnapshot, 1);
    expect(store.getState().seeking).toBeNull();
  });
});
