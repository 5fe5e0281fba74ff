/**
 * The page's KV tables are the nodes' own: a simulated run is streamed as the server
 * streams it (a snapshot frame when the page opens, then thinned event frames), and
 * after every frame each running node's table in the store must equal the table the
 * node holds — with retries, crashes, restarts from snapshots, InstallSnapshot, and the
 * bug switches that change how entries are applied.
 */
import { describe, expect, it } from 'vitest';
import { LevelOfDetail, type BugName, type SimEvent, type SnapshotFrame } from '@raftlab/protocol';
import { Simulation } from '@raftlab/sim';
import { initialState, reduceEvents, reduceSnapshot } from './reducers';
import type { RaftState } from './types';

const FRAME_US = 333_333;

/** Faults by the frame: a crash, a partition that makes clients retry, restarts, a lossy link. */
function inject(sim: Simulation, frame: number): void {
  const leader = sim.leader();
  if (frame === 12 && leader) sim.input({ kind: 'crash', node: leader });
  if (frame === 20)
    sim.input({
      kind: 'partition',
      groups: [
        [1, 2],
        [3, 4, 5],
      ],
    });
  if (frame === 27) sim.input({ kind: 'heal' });
  if (frame === 30) for (let n = 1; n <= 5; n++) sim.input({ kind: 'restart', node: n });
  if (frame === 34 && leader) sim.input({ kind: 'crash', node: leader === 5 ? 4 : 5 });
  if (frame === 44) sim.input({ kind: 'restart', node: sim.leader() === 5 ? 4 : 5 });
  if (frame === 46)
    sim.input({
      kind: 'link-quality',
      from: 1,
      to: 2,
      quality: { loss: 0.4, duplicate: 0.3, latency: null },
    });
}

function follow(seed: number, bugs: BugName[], openAt: number): { compared: number } {
  const sim = new Simulation({ seed, bugs, snapshotEvery: 5, clientAttemptTimeoutUs: 150_000 });
  const detail = new LevelOfDetail();
  let state: RaftState | null = null;
  let events: SimEvent[] = [];
  sim.onEvent((e) => state !== null && events.push(e as SimEvent));
  let compared = 0;
  for (let frame = 0; frame < 60; frame++) {
    if (frame === openAt) {
      const snapshot: SnapshotFrame = {
        type: 'snapshot',
        clusterId: 'kv',
        clock: { now: sim.now, seq: 0, speed: 10, paused: false },
        view: sim.view(),
        history: [],
      };
      state = { ...initialState(), ...reduceSnapshot(initialState(), snapshot, 0) };
    }
    for (let client = 1; client <= 3; client++)
      if (frame % 2 === client % 2)
        sim.invoke(client, { type: 'put', key: `k${(frame + client) % 4}`, value: `${frame}` });
    inject(sim, frame);
    sim.runUntil(sim.now + FRAME_US);
    if (state === null) continue;
    const thin = detail.thin(events);
    events = [];
    const clock = { now: sim.now, seq: 0, speed: 10, paused: false };
    state = reduceEvents(
      state,
      { type: 'events', clock, events: thin.events, heartbeats: thin.heartbeats },
      frame,
    );
    for (const node of sim.view().nodes) {
      if (!node.up) continue;
      const mirror = state.kvMirrors[node.id];
      expect(mirror.complete, `node ${node.id}, frame ${frame}`).toBe(true);
      expect(Object.fromEntries(mirror.table), `node ${node.id}, frame ${frame}`).toEqual(node.kv);
      compared++;
    }
  }
  return { compared };
}

describe('the KV tables the page shows are the nodes’ own', () => {
  const cases: Array<[string, BugName[]]> = [
    ['a correct cluster', []],
    ['no-session-dedupe', ['no-session-dedupe']],
    ['apply-uncommitted', ['apply-uncommitted']],
  ];
  it.each(cases)('%s, for pages opened at the start, mid-run and late', (_name, bugs) => {
    let compared = 0;
    for (const seed of [1, 2, 3, 4])
      for (const openAt of [0, 15, 33]) compared += follow(seed, bugs, openAt).compared;
    expect(compared).toBeGreaterThan(1_000);
  });
});
