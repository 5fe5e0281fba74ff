import { describe, expect, test } from 'vitest';
import { EventHasher } from './hash';
import { Simulation } from './simulation';
import { VERIFY_REPORTS } from './testing';
import type { SimEvent } from './types';

/** A scripted run: elections, puts, a crash, a partition, a heal, a restart. */
function scripted(seed: number): { sim: Simulation; hash: string; count: number } {
  const sim = new Simulation({ seed }, VERIFY_REPORTS);
  const hasher = new EventHasher();
  sim.onEvent(hasher.add);
  sim.runUntil(1_000_000);
  sim.invoke(1, { type: 'put', key: 'a', value: '1' });
  sim.invoke(2, { type: 'put', key: 'b', value: '2' });
  sim.runUntil(1_500_000);
  const leader = sim.leader() || 1;
  sim.input({ kind: 'crash', node: leader });
  sim.invoke(3, { type: 'get', key: 'a', consistency: 'linearizable' });
  sim.runUntil(3_000_000);
  sim.input({
    kind: 'partition',
    groups: [
      [1, 2],
      [3, 4, 5],
    ],
  });
  sim.invoke(1, { type: 'delete', key: 'a' });
  sim.invoke(4, { type: 'put', key: 'c', value: '3' });
  sim.runUntil(4_500_000);
  sim.input({ kind: 'heal' });
  sim.input({ kind: 'restart', node: leader });
  sim.invoke(5, { type: 'get', key: 'c', consistency: 'stale' });
  sim.runUntil(7_000_000);
  return { sim, hash: hasher.digest(), count: hasher.count };
}

/** Runs `sim` one event at a time, interleaving inputs between events of the same instant. */
function stepped(seed: number): { sim: Simulation; events: SimEvent[] } {
  const sim = new Simulation({ seed }, VERIFY_REPORTS);
  const events: SimEvent[] = [];
  sim.onEvent((e) => events.push(e));
  let steps = 0;
  let sameInstantInputs = 0;
  while (sim.now < 5_000_000 && sim.step()) {
    steps++;
    const next = sim.nextEventTime();
    if (steps % 97 === 0) sim.invoke(steps % 4, { type: 'put', key: `k${steps}`, value: `${sim.now}` });
    if (steps === 800) sim.input({ kind: 'crash', node: 2 });
    if (steps === 1500) sim.input({ kind: 'link', from: 3, to: 4, up: false });
    if (steps === 2200) sim.input({ kind: 'restart', node: 2 });
    // An input between two events of the same virtual time: only `afterEvents` can place it.
    if (next === sim.now && sameInstantInputs < 5 && steps > 300) {
      sameInstantInputs++;
      sim.invoke(9, { type: 'get', key: 'k97', consistency: 'linearizable' });
    }
  }
  expect(sameInstantInputs).toBeGreaterThan(0);
  return { sim, events };
}

describe('determinism', () => {
  test('the same seed and script give the same event stream, bit for bit', () => {
    const a = scripted(99);
    const b = scripted(99);
    expect(a.count).toBeGreaterThan(1000);
    expect(a.hash).toBe(b.hash);
    expect(a.sim.history()).toEqual(b.sim.history());
    expect(a.sim.history().filter((h) => h.status === 'ok').length).toBeGreaterThan(2);
  });

  test('a different seed gives a different stream', () => {
    expect(scripted(99).hash).not.toBe(scripted(100).hash);
  });

  test('replaying the trace of a scripted run reproduces it', () => {
    const { sim, hash } = scripted(7);
    const hasher = new EventHasher();
    const replayed = Simulation.replay(sim.trace(), hasher.add, VERIFY_REPORTS);
    replayed.runUntil(sim.now);
    expect(hasher.digest()).toBe(hash);
    expect(replayed.view()).toEqual(sim.view());
  });

  test('replay is exact for single-event stepping with inputs between events of one instant', () => {
    const { sim, events } = stepped(5);
    const replayedEvents: SimEvent[] = [];
    const replayed = Simulation.replay(sim.trace(), (e) => replayedEvents.push(e), VERIFY_REPORTS);
    while (replayed.eventsProcessed < sim.eventsProcessed) replayed.step();
    expect(replayed.now).toBe(sim.now);
    expect(replayedEvents).toEqual(events);
    expect(replayed.history()).toEqual(sim.history());
    expect(replayed.trace()).toEqual(sim.trace());
  });

  test('the trace is plain JSON and survives serialisation', () => {
    const { sim } = stepped(6);
    const trace = JSON.parse(JSON.stringify(sim.trace()));
    const replayed = Simulation.replay(trace, undefined, VERIFY_REPORTS);
    while (replayed.eventsProcessed < sim.eventsProcessed) replayed.step();
    expect(replayed.view()).toEqual(sim.view());
  });
});
