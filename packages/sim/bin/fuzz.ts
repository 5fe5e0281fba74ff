/**
 * The seeded swarm from the command line:
 *
 *   npm run fuzz -- --seeds 1000 [--from 1]     run seeds from..from+N-1
 *   npm run fuzz -- --seed 42                   replay one seed (prints what failed)
 *   npm run fuzz -- --bug NAME ...              with a known Raft bug switched on
 *   npm run fuzz -- --list-bugs                 the bug switches, one per line
 *
 * A failing seed prints one line to replay it and writes its trace to .fuzz/, which the
 * server loads with POST /api/clusters {"trace": ...} to watch the run in a browser.
 * Exits non-zero on any failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUGS, runSeed, type BugName, type SeedResult } from '../src/index';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    from: { type: 'string', default: '1' },
    seed: { type: 'string' },
    bug: { type: 'string', multiple: true, default: [] },
    'list-bugs': { type: 'boolean', default: false },
    out: { type: 'string', default: '.fuzz' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: npm run fuzz -- --seeds N [--from S] | --seed S  [--bug NAME]... | --list-bugs');
  process.exit(0);
}
if (values['list-bugs']) {
  for (const bug of BUGS) console.log(`${bug.name.padEnd(24)} ${bug.description}`);
  process.exit(0);
}

const known = new Set<string>(BUGS.map((b) => b.name));
for (const bug of values.bug) {
  if (!known.has(bug)) {
    console.error(`unknown bug "${bug}"; see --list-bugs`);
    process.exit(2);
  }
}
const bugs = values.bug as BugName[];
const integer = (name: string, text: string | undefined): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got "${text}"`);
    process.exit(2);
  }
  return n;
};
const from = values.seed !== undefined ? integer('seed', values.seed) : integer('from', values.from);
const count = values.seed !== undefined ? 1 : integer('seeds', values.seeds ?? '100');
const bugFlags = bugs.map((b) => ` --bug ${b}`).join('');

class ProgressBar {
  constructor(private readonly total: number) {}
  update(done: number, failures: number): void {
    const width = 30;
    const filled = Math.round((done / this.total) * width);
    process.stdout.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total}  failed: ${failures}`,
    );
  }
  clear(): void {
    process.stdout.write('\r\x1b[K');
  }
}

const progress = process.stdout.isTTY ? new ProgressBar(count) : null;
const failed: SeedResult[] = [];
const started = performance.now();
for (let seed = from; seed < from + count; seed++) {
  const result = runSeed(seed, { config: { bugs } });
  if (!result.ok) {
    failed.push(result);
    progress?.clear();
    report(result);
  }
  progress?.update(seed - from + 1, failed.length);
}
progress?.clear();
const seconds = (performance.now() - started) / 1000;
console.log(
  `${count} seeds (${from}..${from + count - 1})${bugFlags} in ${seconds.toFixed(1)} s: ` +
    `${count - failed.length} passed, ${failed.length} failed`,
);
process.exit(failed.length === 0 ? 0 : 1);

function report(result: SeedResult): void {
  mkdirSync(values.out!, { recursive: true });
  const file = join(values.out!, `seed-${result.seed}${bugs.map((b) => `-${b}`).join('')}.trace.json`);
  writeFileSync(file, JSON.stringify(result.trace));
  console.log(
    `FAIL seed ${result.seed}: ${result.failures[0]}${result.failures.length > 1 ? ` (+${result.failures.length - 1} more)` : ''}`,
  );
  console.log(`  replay: npm run fuzz -- --seed ${result.seed}${bugFlags}    trace: ${file}`);
}
