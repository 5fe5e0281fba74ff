import { describe, expect, test } from 'vitest';
import { fnv1a } from './hash';
import { Random } from './random';
import { Simulation } from './simulation';
import { runSeed } from './swarm';
import { Timeline, type Moment } from './timeline';
import type { BugName } from './catalogue';
import type { Trace } from './types';

/** Everything a reader can see of a moment: view, history, stages, clock and counters. */
const fingerprint = (m: Moment) =>
  fnv1a(
    JSON.stringify({
      now: m.now,
      seq: m.eventsProcessed,
      violations: m.violations,
      view: m.view(),
      history: m.history(),
      stages: m.opStages(),
    }),
  );

/**
 * Plays `trace` the way a live cluster does (watched by a listener, inputs applied
 * between events) and fingerprints the state right after every `every`-th event, once
 * the inputs recorded there are applied.
 */
function liveFingerprints(trace: Trace, every: number): Map<number, number> {
  const sim = new Simulation(trace.config);
  sim.onEvent(() => {});
  const captured = new Map<number, number>();
  const capture = () => {
    if (sim.eventsProcessed % every === 0) captured.set(sim.eventsProcessed, fingerprint(sim));
  };
  for (const input of trace.inputs) {
    while (sim.eventsProcessed < input.afterEvents) {
      capture();
      sim.step();
    }
    sim.applyRecorded(input);
  }
  capture();
  return captured;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const random = new Random(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// Swarm seeds: crashes, restarts, partitions, lossy and duplicating links, snapshots,
// membership changes and closed-loop clients; two with a bug switch, so that the
// invariant checker's state (and its violations) must come back exactly too.
const RUNS: { seed: number; bugs?: BugName[] }[] = [
  { seed: 4 },
  { seed: 14 },
  { seed: 26 },
  { seed: 5, bugs: ['figure8-commit'] },
  { seed: 8, bugs: ['no-session-dedupe'] },
];

describe('exactness: the timeline answers what the live run showed', () => {
  for (const { seed, bugs } of RUNS) {
    test(`seed ${seed}${bugs ? ` with ${bugs.join(', ')}` : ''}`, () => {
      const { trace } = runSeed(seed, bugs ? { config: { bugs } } : {});
      // About 150 moments per run, at an odd stride so they fall on every kind of event.
      const stride = Math.max(
        53,
        2 * Math.floor(trace.inputs[trace.inputs.length - 1].afterEvents / 300) + 1,
      );
      const live = liveFingerprints(trace, stride);
      // Small spacing and few checkpoints, so seeks cross thinned checkpoints too.
      const timeline = Timeline.replay(trace, { checkpointEvery: 100, maxCheckpoints: 6 });
      expect(timeline.checkpointCount).toBeLessThanOrEqual(6);
      expect(timeline.end).toBeGreaterThan(1_000);
      expect(timeline.spacing).toBeGreaterThan(100);
      // In random order: seeks backwards restore a checkpoint, forwards continue.
      for (const seq of shuffled([...live.keys()], seed)) {
        expect(fingerprint(timeline.momentAt(seq)), `moment ${seq} of seed ${seed}`).toBe(live.get(seq));
      }
      // Sweeping forward one event at a time lands on the same states.
      for (let seq = 0; seq <= Math.min(timeline.end, 3_000); seq += stride) {
        expect(fingerprint(timeline.momentAt(seq))).toBe(live.get(seq));
      }
    });
  }
});

describe('copies and branches', () => {
  test('a copy at N, given the rest of the recorded inputs, has the same future as the original', () => {
    const trace = runSeed(11).trace;
    const timeline = Timeline.replay(trace, { checkpointEvery: 1_000 });
    const original = timeline.simulation;
    const end = original.now + 3_000_000; // past the trace's last input
    for (const n of [0, Math.floor(original.eventsProcessed / 2), original.eventsProcessed]) {
      const copy = timeline.copyAt(n);
      for (const input of trace.inputs)
        if (input.afterEvents > n) {
          while (copy.eventsProcessed < input.afterEvents) copy.step();
          copy.applyRecorded(input);
        }
      copy.runUntil(end);
      if (n === original.eventsProcessed) timeline.runUntil(end);
      else original.runUntil(Math.max(original.now, end));
      expect(fingerprint(copy), `copy at ${n}`).toBe(fingerprint(original));
    }
  });

  test('a fork takes inputs of its own; the original and its checkpoints are untouched', () => {
    const timeline = new Timeline(new Simulation({ seed: 4 }), { checkpointEvery: 200 });
    timeline.runUntil(3_000_000);
    const at = timeline.end;
    const before = fingerprint(timeline.momentAt(at));
    const fork = timeline.copyAt(at);
    const forked = timeline.branch(fork);
    fork.input({ kind: 'crash', node: fork.leader() || 1 });
    forked.runUntil(6_000_000);
    timeline.runUntil(6_000_000);
    expect(fork.trace().inputs).toHaveLength(1);
    expect(timeline.simulation.trace().inputs).toHaveLength(0);
    expect(fingerprint(timeline.momentAt(at))).toBe(before);
    // Before the fork's input, its past is the original's; from there on, its own.
    const justBefore = fingerprint(timeline.momentAt(at - 1));
    expect(fingerprint(forked.momentAt(at - 1))).toBe(justBefore);
    const crashed = fork.trace().inputs[0];
    expect(crashed).toMatchObject({ kind: 'crash', afterEvents: at });
    const down = (m: Moment) =>
      m.view().nodes.find((n) => crashed.kind === 'crash' && n.id === crashed.node)?.up;
    expect(down(forked.momentAt(at))).toBe(false);
    expect(down(timeline.momentAt(at))).toBe(true);
  });

  test('inputs given at the present are part of that moment', () => {
    const timeline = new Timeline(new Simulation({ seed: 6 }));
    timeline.runUntil(2_000_000);
    const sim = timeline.simulation;
    sim.input({ kind: 'crash', node: 2 });
    const moment = timeline.momentAt(timeline.end);
    expect(moment.view().nodes[1].up).toBe(false);
    expect(moment.now).toBe(sim.now);
  });
});

describe('bounds', () => {
  test('the number of checkpoints stays bounded however long the run; seeks stay exact', () => {
    const sim = new Simulation({ seed: 9 });
    const timeline = new Timeline(sim, { checkpointEvery: 100, maxCheckpoints: 8 });
    const seen = new Map<number, number>();
    for (let s = 1; s <= 60; s++) {
      timeline.runUntil(s * 500_000);
      sim.invoke(1, { type: 'put', key: `k${s % 7}`, value: String(s) });
      // Right after an input the clock is the moment's (not moved on by runUntil).
      if (s % 6 === 0) seen.set(sim.eventsProcessed, fingerprint(sim));
      expect(timeline.checkpointCount).toBeLessThanOrEqual(8);
    }
    expect(timeline.spacing).toBeGreaterThanOrEqual(100 * 2 ** 3);
    for (const [seq, print] of seen) expect(fingerprint(timeline.momentAt(seq))).toBe(print);
  });

  test('a moment outside the timeline is a RangeError', () => {
    const timeline = new Timeline(new Simulation({ seed: 1 }));
    timeline.runUntil(100_000);
    expect(() => timeline.momentAt(timeline.end + 1)).toThrow(RangeError);
    expect(() => timeline.momentAt(-1)).toThrow(RangeError);
    expect(() => timeline.momentAt(1.5)).toThrow(RangeError);
    const ran = new Simulation({ seed: 1 });
    ran.runUntil(1_000_000);
    expect(() => new Timeline(ran)).toThrow(RangeError);
  });
});

test('replayEvents hands over the events between two moments, as the live run emitted them', () => {
  const trace = runSeed(21).trace;
  const sim = new Simulation(trace.config);
  const live: string[] = [];
  let from = 0;
  let to = 0;
  sim.onEvent((e) => {
    if (sim.eventsProcessed > from && sim.eventsProcessed <= to) live.push(JSON.stringify(e));
  });
  const timeline = Timeline.replay(trace);
  from = Math.floor(timeline.end / 3);
  to = from + 500;
  for (const input of trace.inputs) {
    while (sim.eventsProcessed < input.afterEvents) sim.step();
    sim.applyRecorded(input);
  }
  // The events "of" moments from+1..to: emitted while processing them or their inputs.
  const replayed: string[] = [];
  timeline.replayEvents(from, to, (e) => replayed.push(JSON.stringify(e)));
  expect(replayed.length).toBeGreaterThan(100);
  expect(replayed).toEqual(live);
});

test('runUntil can stop right after the event that makes a condition true, or after so many events', () => {
  const timeline = new Timeline(new Simulation({ seed: 3 }));
  const sim = timeline.simulation;
  expect(timeline.runUntil(10_000_000, { when: () => sim.leader() !== 0 })).toBe(false);
  const elected = sim.eventsProcessed;
  expect(sim.leader()).not.toBe(0);
  expect(sim.now).toBeLessThan(10_000_000);
  // The event before did not elect anyone: it stopped at the first one that did.
  expect(timeline.momentAt(elected - 1).leader()).toBe(0);
  expect(timeline.runUntil(10_000_000, { maxEvents: 25 })).toBe(false);
  expect(sim.eventsProcessed).toBe(elected + 25);
  expect(timeline.runUntil(10_000_000)).toBe(true);
  expect(sim.now).toBe(10_000_000);
});
