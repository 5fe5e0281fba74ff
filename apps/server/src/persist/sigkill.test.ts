/**
 * Issue 16, "Nothing lost on restart": the real server killed with SIGKILL while clients
 * write, restarted on the same file, reads back every acknowledged write. A few cycles
 * here; `npm run soak:restart` runs many (CYCLES=…, SEED=…).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killCycles } from '../testing/kill_cycles';

describe('SIGKILL during concurrent writes', () => {
  it('loses no acknowledged write over three kill-and-restart cycles', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raftlab-sigkill-'));
    const seed = 16;
    try {
      const report = await killCycles({ dataPath: join(dir, 'raftlab.db'), cycles: 3, seed });
      expect(report.failures, `replay with SEED=${seed} npm run soak:restart`).toEqual([]);
      // The test means something only if writes were acknowledged before each kill.
      expect(report.acknowledged).toBeGreaterThan(30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
