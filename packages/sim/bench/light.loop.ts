/// <reference types="node" />
/**
 * The light load of sim.bench.ts (5 nodes, a put a second, invariants on) as a plain
 * loop, for counting instructions rather than timing: wall-clock runs on these shared
 * machines spread up to 2×, instruction counts repeat to ±0.2%. Bundle it, then run it
 * under valgrind (Debian's `valgrind` package), before and after a change:
 *
 *   npx esbuild packages/sim/bench/light.loop.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/light.mjs
 *   V=200 valgrind --tool=cachegrind --cache-sim=no --smc-check=all-non-file \
 *     --cachegrind-out-file=/dev/null node --single-threaded /tmp/light.mjs
 *
 * `I refs` is the count. Startup and the JIT's compiling are in it too (about 2 G at
 * V=200), so compare the marginal count: I(V=300) - I(V=100), the instructions of 1,200
 * virtual seconds in a warm process. For a count per function, use `--tool=callgrind`
 * with `node --perf-basic-prof --no-compact-code-space` and map the JIT's addresses
 * through /tmp/perf-<pid>.map. The printed event counts must not change with a pure
 * speed-up.
 */
import { Simulation } from '../src/simulation';

const VIRTUAL_SECONDS = Number(process.env.V ?? 200);
const SEEDS = [1, 2, 3, 4, 5];

function run(seed: number): number {
  const sim = new Simulation({ nodes: 5, seed });
  for (let s = 1; s <= VIRTUAL_SECONDS; s++) {
    sim.runUntil(s * 1e6);
    sim.invoke(1 + (s % 4), { type: 'put', key: `k${s % 10}`, value: String(s) });
  }
  if (sim.violations > 0) throw new Error(`seed ${seed}: invariant violated`);
  return sim.eventsProcessed;
}

run(100); // the JIT's warm-up
const started = performance.now();
const events = SEEDS.map(run);
const seconds = (performance.now() - started) / 1000;
console.log(
  `${Math.round((SEEDS.length * VIRTUAL_SECONDS) / seconds)}× real time, events ${events.join(',')}`,
);
