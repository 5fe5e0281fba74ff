/**
 * The driver bounds simulated work per round (issue 16, defect 4): clusters heavy
 * enough to pin the CPU (nine nodes, 1 ms ticks, no latency, 20×) share the round's
 * budget and each moves on. Time here is a fake clock that moves a little each time it
 * is read, so the test does not depend on the machine's speed.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIM_CONFIG } from '@raftlab/sim';
import { ClusterAccess } from './access';
import { Driver, ROUND_MS } from './driver';
import { ClusterRegistry } from './registry';

const CLUSTERS = 4;
/** Fake ms that pass each time the driver reads its clock (every 64 events or so). */
const PER_READ_MS = 0.05;
const BUDGET_MS = ROUND_MS / 2;

function heavyClusters() {
  const registry = new ClusterRegistry({ maxClusters: 32, defaultSpeed: 1, requestTimeoutMs: 1000 });
  const config = {
    ...DEFAULT_SIM_CONFIG,
    nodes: 9,
    tickUs: 1000,
    electionTick: 2,
    heartbeatTick: 1,
    latency: { minUs: 0, maxUs: 0 },
  };
  const clusters = Array.from({ length: CLUSTERS }, (_, seed) => {
    const trace = { version: 1 as const, config: { ...config, seed }, inputs: [] };
    const cluster = registry.create({ trace }, ClusterAccess.issue().access);
    cluster.setClock({ paused: false, speed: 20 });
    return cluster;
  });
  return { registry, clusters };
}

function fakeClock() {
  let t = 0;
  return () => (t += PER_READ_MS);
}

/** A driver on the fake clock whose cluster failures fail the test. */
const driverOf = (registry: ClusterRegistry, budgetMs: number) =>
  new Driver(
    registry,
    (_id, error) => {
      throw error;
    },
    fakeClock(),
    budgetMs,
  );

const events = (clusters: { sim: { eventsProcessed: number } }[]) =>
  clusters.map((c) => c.sim.eventsProcessed);

describe('the driver', () => {
  it('spends at most its budget a round, shared so that every cluster moves on', () => {
    const { registry, clusters } = heavyClusters();
    const driver = driverOf(registry, BUDGET_MS);
    const before = events(clusters);
    driver.tick(ROUND_MS);
    const done = events(clusters).map((n, i) => n - before[i]);
    // Reads of the clock the budget allows, plus each cluster's first and last look.
    const reads = BUDGET_MS / PER_READ_MS + CLUSTERS * 3;
    expect(done.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(reads * 64);
    for (const n of done) expect(n).toBeGreaterThan(0);
    // None reached where 20× of a round would take it: each runs slower than its speed.
    for (const cluster of clusters) expect(cluster.sim.now).toBeLessThan(ROUND_MS * 1000 * 20);
  });

  it('gives every cluster the same share over rounds, and without a budget runs each to its time', () => {
    const bounded = heavyClusters();
    const driver = driverOf(bounded.registry, BUDGET_MS);
    for (let round = 0; round < 8; round++) driver.tick(ROUND_MS);
    const shares = events(bounded.clusters);
    expect(Math.max(...shares) / Math.min(...shares)).toBeLessThan(1.5);

    const free = heavyClusters();
    const unbounded = driverOf(free.registry, Infinity);
    unbounded.tick(ROUND_MS);
    // The work the budget holds back: far more than a bounded round allows.
    expect(events(free.clusters).reduce((a, b) => a + b, 0)).toBeGreaterThan(
      2 * (BUDGET_MS / PER_READ_MS) * 64,
    );
    for (const cluster of free.clusters)
      expect(cluster.sim.now).toBeGreaterThanOrEqual(ROUND_MS * 1000 * 20 - 1000);
  });
});
