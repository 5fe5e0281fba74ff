/**
 * The timeline's numbers (issue: "Timeline"), for a 5-node cluster after one virtual
 * hour of light load (a put a second), the live cluster watched by a listener as the
 * server's is:
 *   - seek: the state right after a random event (view and history read), p50 and p95
 *     over SEEKS seeks in random order, so nearly every one restores a checkpoint;
 *   - scrub: the same, moving forward through the hour in 300 steps (a dragged slider);
 *   - fork: a copy at a random event, ready to run, p50 and p95;
 *   - memory the checkpoints keep (heap after a full GC, with and without the timeline,
 *     when node runs with --expose-gc; `npm run bench` passes it);
 *   - the cost of keeping checkpoints: the hour's wall time with and without them.
 * RUNS whole measurements; the medians are reported. Writes bench-results/timeline.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Random, Simulation, Timeline } from '../src';

const VIRTUAL_SECONDS = Number(process.env.VIRTUAL_SECONDS ?? 3600);
const RUNS = Number(process.env.RUNS ?? 3);
const SEEKS = Number(process.env.SEEKS ?? 200);
const FORKS = 40;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.ceil((xs.length * p) / 100) - 1];
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

/** One hour of light load on `sim`, driven through `timeline` when there is one. */
function lightHour(
  seed: number,
  withTimeline: boolean,
): { sim: Simulation; timeline?: Timeline; wallMs: number } {
  const sim = new Simulation({ nodes: 5, seed });
  sim.onEvent(() => {});
  const timeline = withTimeline ? new Timeline(sim) : undefined;
  const started = performance.now();
  for (let s = 1; s <= VIRTUAL_SECONDS; s++) {
    if (timeline) timeline.runUntil(s * 1_000_000);
    else sim.runUntil(s * 1_000_000);
    sim.invoke(1 + (s % 4), { type: 'put', key: `k${s % 10}`, value: String(s) });
  }
  return { sim, timeline, wallMs: performance.now() - started };
}

function measure(seed: number) {
  const bare = lightHour(seed, false);
  const heapBare = heap();
  const { timeline, wallMs } = lightHour(seed, true);
  const heapWith = heap();
  const t = timeline!;
  const random = new Random(seed);
  const read = (seq: number) => {
    const moment = t.momentAt(seq);
    moment.view();
    moment.history();
  };
  const seeks = Array.from({ length: SEEKS }, () => {
    const seq = random.int(0, t.end);
    const started = performance.now();
    read(seq);
    return performance.now() - started;
  });
  const scrubs = Array.from({ length: 300 }, (_, i) => {
    const started = performance.now();
    read(Math.floor((t.end * (i + 1)) / 300));
    return performance.now() - started;
  });
  const forks = Array.from({ length: FORKS }, () => {
    const seq = random.int(0, t.end);
    const started = performance.now();
    t.copyAt(seq);
    return performance.now() - started;
  });
  return {
    events: t.end,
    checkpoints: t.checkpointCount,
    spacing: t.spacing,
    seekP50: percentile(seeks, 50),
    seekP95: percentile(seeks, 95),
    scrubP95: percentile(scrubs, 95),
    forkP50: percentile(forks, 50),
    forkP95: percentile(forks, 95),
    memoryMB: gc ? (heapWith - heapBare) / 1e6 : null,
    estimatedMB: t.checkpointBytes / 1e6,
    overhead: wallMs / bare.wallMs - 1,
  };
}

const runs = Array.from({ length: RUNS }, (_, i) => measure(i + 1));
const med = (key: keyof (typeof runs)[number]) => median(runs.map((r) => Number(r[key])));
const results = {
  shape: `5 nodes, light load (a put a second), ${VIRTUAL_SECONDS} virtual s, watched`,
  runs,
  medians: {
    seekP95Ms: med('seekP95'),
    scrubP95Ms: med('scrubP95'),
    forkP95Ms: med('forkP95'),
    memoryMB: gc ? med('memoryMB') : null,
    overhead: med('overhead'),
  },
  targets: { seekP95Ms: 50, memoryMB: 32, forkMs: 100 },
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
console.table([
  { benchmark: 'timeline: seek to a random event (p95)', median: ms(med('seekP95')), target: '≤ 50 ms' },
  { benchmark: 'timeline: seek, p50', median: ms(med('seekP50')), target: '' },
  { benchmark: 'timeline: scrub forward (p95)', median: ms(med('scrubP95')), target: '' },
  { benchmark: 'timeline: fork (p95)', median: ms(med('forkP95')), target: '≤ 100 ms' },
  {
    benchmark: `timeline: memory of ${med('checkpoints')} checkpoints`,
    median: gc ? `${med('memoryMB').toFixed(1)} MB` : 'run node with --expose-gc',
    target: '≤ 32 MB',
  },
  {
    benchmark: 'timeline: cost of keeping checkpoints',
    median: `${(med('overhead') * 100).toFixed(0)} %`,
    target: '',
  },
]);
const outDir = new URL('../../../bench-results/', import.meta.url);
mkdirSync(outDir, { recursive: true });
writeFileSync(new URL('timeline.json', outDir), JSON.stringify(results, null, 2) + '\n');
