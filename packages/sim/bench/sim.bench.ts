/// <reference types="node" />
/**
 * Simulator and swarm benchmarks:
 *   - a 5-node cluster under light load (one client, a put every 50 ms virtual) with
 *     the invariants checked after every event: virtual time per wall time;
 *   - the seeded swarm: wall time of SWARM_SEEDS seeds (default 1,000).
 * Medians of RUNS runs (default 5 for the cluster, 3 for the swarm).
 *
 *   npx tsx packages/sim/bench/sim.bench.ts
 *
 * Writes bench-results/sim.json at the repository root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { runSeed } from '../src/swarm';
import { Simulation } from '../src/simulation';

const VIRTUAL_SECONDS = 60;
const SWARM_SEEDS = Number(process.env.SWARM_SEEDS ?? 1000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function clusterRun(seed: number): { speedup: number; events: number } {
  const sim = new Simulation({ nodes: 5, seed });
  const started = performance.now();
  let clientId = 1;
  while (sim.now < VIRTUAL_SECONDS * 1e6) {
    sim.runUntil(sim.now + 50_000);
    sim.invoke(clientId++, { type: 'put', key: `k${clientId % 10}`, value: String(clientId) });
  }
  const wallSeconds = (performance.now() - started) / 1000;
  if (sim.violations > 0) throw new Error('invariant violated during the benchmark');
  return { speedup: VIRTUAL_SECONDS / wallSeconds, events: sim.eventsProcessed };
}

function swarmRun(): number {
  const started = performance.now();
  for (let seed = 1; seed <= SWARM_SEEDS; seed++) runSeed(seed);
  return (performance.now() - started) / 1000;
}

const cluster = Array.from({ length: 5 }, (_, i) => clusterRun(i + 1));
const swarm = Array.from({ length: Number(process.env.SWARM_RUNS ?? 3) }, swarmRun);
const results = {
  cluster: {
    shape: `5 nodes, 1 client, a put every 50 ms, ${VIRTUAL_SECONDS} s virtual, invariants on`,
    medianSpeedup: median(cluster.map((r) => r.speedup)),
    speedups: cluster.map((r) => r.speedup),
    events: cluster[0].events,
    target: 10_000,
  },
  swarm: { seeds: SWARM_SEEDS, medianSeconds: median(swarm), runs: swarm, targetSeconds: 60 },
};
console.table([
  {
    benchmark: 'simulator, 5 nodes, light load',
    median: `${Math.round(results.cluster.medianSpeedup).toLocaleString('en')}× real time`,
    target: '≥ 10,000×',
  },
  {
    benchmark: `swarm, ${SWARM_SEEDS} seeds`,
    median: `${results.swarm.medianSeconds.toFixed(1)} s`,
    target: '< 60 s for 1,000',
  },
]);
const outDir = new URL('../../../bench-results/', import.meta.url);
mkdirSync(outDir, { recursive: true });
writeFileSync(new URL('sim.json', outDir), JSON.stringify(results, null, 2) + '\n');
