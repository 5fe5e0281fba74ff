/// <reference types="node" />
/**
 * Linearizability checker benchmark: decides seeded, linearizable histories with
 * realistic concurrency (each client has one operation in flight, intervals overlap,
 * some operations end `unknown`) and reports the median of 5 runs.
 *
 *   npx tsx packages/sim/bench/checker.bench.ts
 *
 * Writes bench-results/checker.json at the repository root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { checkLinearizability } from '../src/linearizability';
import { generateLinearizableHistory } from '../src/linearizability/generate';

interface Scenario {
  name: string;
  ops: number;
  clients: number;
  keys: number;
  unknownRate: number;
  /** The target, in ms; null for scenarios measured for information. */
  targetMs: number | null;
}

const SCENARIOS: Scenario[] = [
  {
    name: '10k ops, 10 clients, 100 keys',
    ops: 10_000,
    clients: 10,
    keys: 100,
    unknownRate: 0.05,
    targetMs: 1_000,
  },
  {
    name: '100k ops, 10 clients, 100 keys',
    ops: 100_000,
    clients: 10,
    keys: 100,
    unknownRate: 0.05,
    targetMs: 10_000,
  },
  {
    name: '10k ops, 10 clients, 1 hot key',
    ops: 10_000,
    clients: 10,
    keys: 1,
    unknownRate: 0.05,
    targetMs: null,
  },
  {
    name: '100k ops, 20 clients, 10 keys',
    ops: 100_000,
    clients: 20,
    keys: 10,
    unknownRate: 0.05,
    targetMs: null,
  },
];
const RUNS = 5;

/** mulberry32: a tiny seeded PRNG, so every run decides the same histories. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const results = SCENARIOS.map((scenario, i) => {
  const history = generateLinearizableHistory({ ...scenario, random: mulberry32(1_000 + i) });
  const timesMs: number[] = [];
  let steps = 0;
  let memoEntries = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const result = checkLinearizability(history);
    timesMs.push(performance.now() - start);
    if (!result.ok) throw new Error(`${scenario.name}: a linearizable history was rejected`);
    steps = result.stats.reduce((sum, s) => sum + s.steps, 0);
    memoEntries = result.stats.reduce((sum, s) => sum + s.memoEntries, 0);
  }
  const medianMs = median(timesMs);
  const met = scenario.targetMs === null ? null : medianMs < scenario.targetMs;
  return { ...scenario, medianMs, timesMs, steps, memoEntries, met };
});

console.table(
  results.map((r) => ({
    scenario: r.name,
    'median ms': r.medianMs.toFixed(1),
    target: r.targetMs === null ? '-' : `< ${r.targetMs} ms`,
    met: r.met === null ? '-' : r.met ? 'yes' : 'NO',
    steps: r.steps,
    'memo entries': r.memoEntries,
  })),
);

const outDir = new URL('../../../bench-results/', import.meta.url);
mkdirSync(outDir, { recursive: true });
const payload = { benchmark: 'checker', node: process.version, runs: RUNS, results };
writeFileSync(new URL('checker.json', outDir), JSON.stringify(payload, null, 2) + '\n');
if (results.some((r) => r.met === false)) process.exitCode = 1;
