/**
 * The short swarm that runs in `npm test` (the long campaign is `npm run fuzz`), and one
 * pinned catching seed per bug switch, so CI proves the harness can fail: each pinned
 * seed fails with its bug on and passes with it off.
 */
import { describe, expect, it } from 'vitest';
import { BUGS, type BugName } from '../bugs';
import { Simulation } from '../simulation';
import { runSeed } from './run';

const SEEDS = 200;

describe('seeded swarm', () => {
  it(`${SEEDS} seeds: no invariant violation, linearizable histories, liveness after healing`, () => {
    const failed: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const result = runSeed(seed, { verifyReports: true });
      if (!result.ok)
        failed.push(`seed ${seed}: ${result.failures[0]}  (replay: npm run fuzz -- --seed ${seed})`);
    }
    expect(failed).toEqual([]);
  }, 120_000);
});

/** A seed that catches each bug, found with `npm run fuzz -- --seeds 1000 --bug NAME`. */
const CATCHING_SEEDS: Array<[BugName, number]> = [
  ['figure8-commit', 1],
  ['vote-without-log-check', 14],
  ['truncate-on-stale-append', 35],
  ['forget-vote-on-restart', 1],
  ['no-session-dedupe', 14],
  ['apply-uncommitted', 1],
  ['local-linearizable-reads', 733],
];

const caughtBy = (bug: BugName) => BUGS.find((b) => b.name === bug)!.caughtBy;

describe('bug switches are caught', () => {
  it.each(CATCHING_SEEDS)('%s: seed %d fails with the bug and passes without it', (bug, seed) => {
    const buggy = runSeed(seed, { config: { bugs: [bug] }, verifyReports: true });
    expect(buggy.ok, `seed ${seed} should catch ${bug}`).toBe(false);
    // The Bug lab says which panel catches each switch (bugs.ts): exactly these checks.
    const broken = [...new Set(buggy.violations.map((v) => v.invariant))].sort();
    expect(broken).toEqual([...caughtBy(bug).invariants].sort());
    expect(!buggy.linearizability.ok).toBe(caughtBy(bug).linearizability);
    expect(runSeed(seed, { verifyReports: true }).ok).toBe(true);
  });
});

describe('watching a run changes nothing', () => {
  // Unwatched, the simulator builds less (node states rewritten in place or, when only a
  // timer or a leader's progress moved, only numbered; message and client events only
  // numbered); the checks and the numbering must come out the same. Every bug switch,
  // so every kind of violation, is tried. The reporter's self-check is off here, as in
  // production: with it on, the reporter copies what the unwatched run would skip.
  it.each(CATCHING_SEEDS)('%s, seed %d: same violations and seq numbers', (bug, seed) => {
    const { trace, stats } = runSeed(seed, { config: { bugs: [bug] } });
    const seqs: number[] = [];
    const watched = Simulation.replay(trace, (e) => {
      if (e.type === 'invariant-violated') seqs.push(e.seq);
    });
    const unwatched = Simulation.replay(trace);
    for (const sim of [watched, unwatched]) while (sim.eventsProcessed < stats.events) sim.step();
    // A switch caught by the history alone breaks no invariant.
    if (caughtBy(bug).invariants.length > 0) expect(watched.violations).toBeGreaterThan(0);
    expect(unwatched.view().violations).toEqual(watched.view().violations);
    expect(unwatched.history()).toEqual(watched.history());
    const next = (sim: Simulation) => {
      let seq = -1;
      const stop = sim.onEvent((e) => (seq = seq < 0 ? e.seq : seq));
      while (seq < 0 && sim.step());
      stop();
      return seq;
    };
    expect(seqs.length).toBe(watched.violations);
    expect(next(unwatched)).toBe(next(watched));
  });
});
