/**
 * Kill and restart, over and over: the real server (testing/process.ts) on a data file,
 * clients writing concurrently, then SIGKILL at a seeded moment — no shutdown, no last
 * save — a restart on the same file, and every acknowledged write read back.
 *
 * What a read may answer: each key has one writer, which writes it in sequence, so after
 * a crash the key holds its last acknowledged value, or one written after it whose answer
 * was lost (in flight at the kill, timed out); a key never acknowledged may be absent.
 * Anything else is a lost write. Used by persist/sigkill.test.ts (a few cycles) and
 * `npm run soak:restart` (many).
 */
import { Random } from '@raftlab/sim';
import { startServer, type ServerProcess } from './process';

export interface KillCyclesOptions {
  /** Data file; the caller removes it. */
  dataPath: string;
  cycles: number;
  /** Chooses the moments of the kills; printed with a failure so it can be replayed. */
  seed: number;
  clusters?: number;
  writersPerCluster?: number;
  keysPerWriter?: number;
  /** Told of each cycle as it ends. */
  log?: (line: string) => void;
}

export interface KillCyclesReport {
  acknowledged: number;
  /** Wall ms from spawning the restarted server to it listening, clusters restored. */
  restartMs: number[];
  /** Lost writes and missing clusters; empty when nothing was lost. */
  failures: string[];
}

/** What a key may hold: its last acknowledged value, or one written after it. */
interface KeyState {
  acked: string | null;
  unanswered: Set<string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The owner tokens the creations answered, by cluster id: every request is the owner's. */
const tokens = new Map<string, string>();

async function json(base: string, method: string, path: string, body?: object) {
  const token = tokens.get(/^\/api\/clusters\/([a-z0-9]+)/.exec(path)?.[1] ?? '');
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

/** One writer: writes its keys in turn until `stopped`, keeping what each may hold. */
async function writer(
  server: () => string,
  cluster: string,
  keys: Map<string, KeyState>,
  label: string,
  stopped: () => boolean,
): Promise<number> {
  let acknowledged = 0;
  for (let n = 0; !stopped(); n++) {
    const [key, state] = [...keys][n % keys.size];
    const value = `${label}.${n}`;
    state.unanswered.add(value);
    const reply = await json(server(), 'PUT', `/api/clusters/${cluster}/kv/${key}`, { value }).catch(
      () => null,
    );
    if (reply?.status === 200) {
      state.acked = value;
      state.unanswered.clear();
      acknowledged++;
    } else if (reply?.status === 503)
      state.unanswered.delete(value); // did not take effect
    else if (reply === null)
      return acknowledged; // the server is gone
    else if (reply.status !== 504)
      throw new Error(`PUT ${key}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return acknowledged;
}

/** Reads `key` linearizably, waiting out an election after the restart. */
async function readBack(base: string, cluster: string, key: string): Promise<string | null | undefined> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const reply = await json(base, 'GET', `/api/clusters/${cluster}/kv/${key}`);
    if (reply.status === 200) return String(reply.body?.value);
    if (reply.status === 404 && reply.body?.error === 'RAFTLAB_ERR_KEY_NOT_FOUND') return null;
    await sleep(100);
  }
  return undefined;
}

export async function killCycles(options: KillCyclesOptions): Promise<KillCyclesReport> {
  const { dataPath, cycles, seed } = options;
  const clusters = options.clusters ?? 3;
  const writers = options.writersPerCluster ?? 3;
  const keysPerWriter = options.keysPerWriter ?? 4;
  // Seeded, so a replayed campaign kills at the same moments.
  const random = new Random(seed);
  const env = { RAFTLAB_DATA: dataPath };
  const report: KillCyclesReport = { acknowledged: 0, restartMs: [], failures: [] };
  let server: ServerProcess = await startServer(env);
  try {
    const ids: string[] = [];
    for (let c = 0; c < clusters; c++) {
      const created = await json(server.base, 'POST', '/api/clusters', {
        nodes: 3,
        seed: seed + c,
        options: { speed: 1 },
      });
      if (created.status !== 201) throw new Error(`create: ${created.status}`);
      const id = String(created.body!.id);
      tokens.set(id, String((created.body!.owner as { token: string }).token));
      ids.push(id);
    }
    // Each writer owns its keys, in every cluster: cluster → writer → key → what it may hold.
    const state = ids.map(() =>
      Array.from({ length: writers }, (_, w) => {
        const keys = new Map<string, KeyState>();
        for (let k = 0; k < keysPerWriter; k++)
          keys.set(`w${w}-k${k}`, { acked: null, unanswered: new Set() });
        return keys;
      }),
    );
    for (let cycle = 1; cycle <= cycles && report.failures.length === 0; cycle++) {
      let stopped = false;
      const running = server;
      const writes = ids.flatMap((id, c) =>
        state[c].map((keys, w) =>
          writer(
            () => running.base,
            id,
            keys,
            `${cycle}-${w}`,
            () => stopped,
          ),
        ),
      );
      const killAfter = random.int(400, 1600);
      await sleep(killAfter);
      running.child.kill('SIGKILL');
      await running.exited;
      stopped = true;
      const acknowledged = (await Promise.all(writes)).reduce((sum, n) => sum + n, 0);
      report.acknowledged += acknowledged;

      const spawned = performance.now();
      server = await startServer(env);
      report.restartMs.push(Math.round(performance.now() - spawned));
      for (const [c, id] of ids.entries()) {
        const found = await json(server.base, 'GET', `/api/clusters/${id}`);
        if (found.status !== 200) {
          report.failures.push(`cycle ${cycle}: cluster ${id} is gone after the restart (${found.status})`);
          continue;
        }
        for (const keys of state[c])
          for (const [key, may] of keys) {
            const read = await readBack(server.base, id, key);
            const allowed =
              read === null ? may.acked === null : read === may.acked || may.unanswered.has(read!);
            if (read === undefined || !allowed)
              report.failures.push(
                `cycle ${cycle}: cluster ${id} key ${key} reads ${read === undefined ? '(no answer)' : JSON.stringify(read)}; acknowledged ${JSON.stringify(may.acked)}`,
              );
          }
      }
      options.log?.(
        `cycle ${cycle}: killed after ${killAfter} ms, ${acknowledged} writes acknowledged, restarted in ${report.restartMs.at(-1)} ms, ${report.failures.length === 0 ? 'all read back' : 'LOST WRITES'}`,
      );
    }
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  return report;
}
