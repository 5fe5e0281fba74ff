/**
 * `npm run soak:restart` — kills the real server with SIGKILL during concurrent writes
 * and restarts it on the same data file, CYCLES times (default 50), checking after each
 * restart that every acknowledged write reads back (src/testing/kill_cycles.ts). SEED
 * (default 1) picks the moments of the kills; a failure prints it for replay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killCycles } from '../src/testing/kill_cycles';

const cycles = Number(process.env.CYCLES ?? 50);
const seed = Number(process.env.SEED ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'raftlab-soak-'));
try {
  const report = await killCycles({ dataPath: join(dir, 'raftlab.db'), cycles, seed, log: console.log });
  const sorted = [...report.restartMs].sort((a, b) => a - b);
  console.log(
    `${cycles} cycles, ${report.acknowledged} writes acknowledged; restart median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms`,
  );
  if (report.failures.length > 0) {
    console.error(`LOST WRITES (replay with SEED=${seed} CYCLES=${cycles}):\n${report.failures.join('\n')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
