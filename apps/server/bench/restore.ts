/**
 * Restoring persisted clusters on start (issue 16: 200 clusters in ≤ 10 s), measured in
 * process: `clusters` clusters of the default size are run `virtualSeconds` each, with a
 * write every 3 virtual seconds, into a fresh data file; the app is closed and a new one
 * opened on the file, which replays them all before it is ready. Answers the wall ms of
 * that start, and the events it replayed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';

export interface RestoreResult {
  clusters: number;
  virtualSeconds: number;
  events: number;
  restoreMs: number;
  rssMb: number;
}

const open = (dataPath: string, maxClusters: number) =>
  buildApp({ realTime: false, dataPath, maxClusters, webRoot: '/nonexistent' });

export async function measureRestore(clusters: number, virtualSeconds: number): Promise<RestoreResult> {
  const dir = mkdtempSync(join(tmpdir(), 'raftlab-restore-'));
  const dataPath = join(dir, 'raftlab.db');
  try {
    let app = await open(dataPath, clusters);
    await app.ready();
    for (let c = 0; c < clusters; c++) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/clusters',
        payload: { seed: c + 1, options: { paused: true } },
      });
      const { id, owner } = created.json<{ id: string; owner: { token: string } }>();
      const headers = { authorization: `Bearer ${owner.token}` };
      for (let s = 0; s < virtualSeconds; s += 3) {
        // Invoked paused, completed by the advance: the write enters the trace either way.
        const write = app.inject({
          method: 'PUT',
          url: `/api/clusters/${id}/kv/k${s % 20}`,
          headers,
          payload: { value: 'v'.repeat(40) },
        });
        await new Promise((resolve) => setImmediate(resolve)); // the PUT reaches the cluster
        await app.inject({
          method: 'POST',
          url: `/api/clusters/${id}/clock/advance`,
          headers,
          payload: { ms: 3000 },
        });
        // A refused write (403: no owner token) would leave nothing to restore.
        const answered = await write;
        if (answered.statusCode === 403) throw new Error(`write refused: ${answered.body}`);
      }
    }
    const events = [...app.clusters.all()].reduce((sum, cluster) => sum + cluster.end, 0);
    await app.close();
    const started = performance.now();
    app = await open(dataPath, clusters);
    await app.ready();
    const restoreMs = performance.now() - started;
    if (app.clusters.size !== clusters)
      throw new Error(`restored ${app.clusters.size} of ${clusters} clusters`);
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    await app.close();
    return { clusters, virtualSeconds, events, restoreMs, rssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
