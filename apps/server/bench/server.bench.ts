/**
 * `npm run bench:server` — what one server holds (issue 16, "Capacity, measured"); a
 * benchmark, never a test.
 *
 * Each run starts the real server (main.ts, as `npm start` runs it, with probe.ts loaded
 * to read its event loop, CPU and RSS), creates CLUSTERS clusters of the default size at
 * the default speed (0.02×), opens one WebSocket viewer on each that reads every frame,
 * and PUTs a key to each cluster every WRITE_EVERY_MS (staggered). After WARMUP_MS it
 * measures for MEASURE_MS: the server's event-loop delay p99 and CPU, and, from this
 * process, the latency of `/healthz` asked every 100 ms. RSS is read at the end, and
 * before any cluster exists, for the cost of one cluster.
 *
 * Then restore (restore.ts): CLUSTERS clusters run RESTORE_VIRTUAL_S each into a data
 * file, and a new app started on it.
 *
 * Medians of RUNS runs; prints a table and writes bench-results/server.json.
 * Env: RUNS (3), CLUSTERS (200), MEASURE_MS (30000), RESTORE_VIRTUAL_S (60).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { measureRestore, type RestoreResult } from './restore';

const RUNS = Number(process.env.RUNS ?? 3);
const CLUSTERS = Number(process.env.CLUSTERS ?? 200);
const MEASURE_MS = Number(process.env.MEASURE_MS ?? 30_000);
// At 0.02× an election takes several wall seconds: writes are answered once leaders exist.
const WARMUP_MS = 20_000;
const WRITE_EVERY_MS = 5_000;
const HEALTH_EVERY_MS = 100;
const RESTORE_VIRTUAL_S = Number(process.env.RESTORE_VIRTUAL_S ?? 60);

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const PROBE = fileURLToPath(new URL('./probe.ts', import.meta.url));

interface Probe {
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  cpuMsPerS: number;
  rssMb: number;
}

interface CapacityRun {
  clusters: number;
  lagP99Ms: number;
  lagMaxMs: number;
  healthP50Ms: number;
  healthP99Ms: number;
  cpuMsPerS: number;
  rssMb: number;
  idleRssMb: number;
  rssPerClusterMb: number;
  framesPerS: number;
  viewerMbPerS: number;
  writesPerS: number;
  writesOk: number;
  writesFailed: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The server with the probe loaded; `probe()` asks it for a line and resolves with it. */
async function startServer(): Promise<{ base: string; child: ChildProcess; probe: () => Promise<Probe> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', PROBE, MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      RAFTLAB_DATA: ':memory:',
      RAFTLAB_MAX_CLUSTERS: String(CLUSTERS + 10),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const waiting: Array<(probe: Probe) => void> = [];
  let out = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      for (let newline = out.indexOf('\n'); newline >= 0; newline = out.indexOf('\n')) {
        const line = out.slice(0, newline);
        out = out.slice(newline + 1);
        const running = /running at (http:\/\/\S+?)\/?$/.exec(line);
        if (running) resolve(running[1]);
        if (line.startsWith('PROBE ')) waiting.shift()?.(JSON.parse(line.slice(6)) as Probe);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const probe = () =>
    new Promise<Probe>((resolve) => {
      waiting.push(resolve);
      child.kill('SIGUSR2');
    });
  return { base, child, probe };
}

async function capacityRun(): Promise<CapacityRun> {
  const { base, child, probe } = await startServer();
  const sockets: WebSocket[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    await sleep(1000);
    const idleRssMb = (await probe()).rssMb;
    const ids: string[] = [];
    /** Each cluster's owner token: a write needs it (plugins/access.ts). */
    const tokens = new Map<string, string>();
    for (let c = 0; c < CLUSTERS; c++) {
      const res = await fetch(`${base}/api/clusters`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seed: c + 1 }),
      });
      if (res.status !== 201) throw new Error(`create ${c}: ${res.status} ${await res.text()}`);
      const made = (await res.json()) as { id: string; owner: { token: string } };
      ids.push(made.id);
      tokens.set(made.id, made.owner.token);
    }
    const traffic = { frames: 0, bytes: 0 };
    for (const id of ids) {
      const socket = new WebSocket(`${base.replace('http', 'ws')}/api/clusters/${id}/stream`);
      socket.on('message', (data: Buffer) => {
        traffic.frames++;
        traffic.bytes += data.length;
      });
      sockets.push(socket);
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    }
    const writes = { ok: 0, failed: 0 };
    ids.forEach((id, c) => {
      let n = 0;
      const write = () =>
        void fetch(`${base}/api/clusters/${id}/kv/k${n++ % 20}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(id)}` },
          body: JSON.stringify({ value: String(n) }),
        })
          .then((res) => (res.ok ? writes.ok++ : writes.failed++))
          .catch(() => writes.failed++);
      // Staggered, so the writes spread over the interval rather than arrive at once.
      timers.push(
        setTimeout(() => timers.push(setInterval(write, WRITE_EVERY_MS)), (c * WRITE_EVERY_MS) / CLUSTERS),
      );
    });
    await sleep(WARMUP_MS);
    await probe(); // starts the measured span
    const framesBefore = traffic.frames;
    const bytesBefore = traffic.bytes;
    const writesBefore = writes.ok + writes.failed;
    const health: number[] = [];
    const started = performance.now();
    while (performance.now() - started < MEASURE_MS) {
      const asked = performance.now();
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      health.push(performance.now() - asked);
      await sleep(Math.max(0, HEALTH_EVERY_MS - (performance.now() - asked)));
    }
    const seconds = (performance.now() - started) / 1000;
    const measured = await probe();
    return {
      clusters: CLUSTERS,
      lagP99Ms: round(measured.lagP99Ms),
      lagMaxMs: round(measured.lagMaxMs),
      healthP50Ms: round(percentile(health, 50)),
      healthP99Ms: round(percentile(health, 99)),
      cpuMsPerS: Math.round(measured.cpuMsPerS),
      rssMb: Math.round(measured.rssMb),
      idleRssMb: Math.round(idleRssMb),
      rssPerClusterMb: round((measured.rssMb - idleRssMb) / CLUSTERS, 2),
      framesPerS: Math.round((traffic.frames - framesBefore) / seconds),
      viewerMbPerS: round((traffic.bytes - bytesBefore) / 2 ** 20 / seconds, 2),
      writesPerS: round((writes.ok + writes.failed - writesBefore) / seconds),
      writesOk: writes.ok,
      writesFailed: writes.failed,
    };
  } finally {
    timers.forEach((timer) => clearInterval(timer));
    sockets.forEach((socket) => socket.terminate());
    child.kill('SIGKILL');
  }
}

const load = loadavg()[0];
const capacity: CapacityRun[] = [];
for (let run = 1; run <= RUNS; run++) {
  capacity.push(await capacityRun());
  console.log(`capacity run ${run}/${RUNS}:`, JSON.stringify(capacity.at(-1)));
}
const restore: RestoreResult[] = [];
for (let run = 1; run <= RUNS; run++) {
  restore.push(await measureRestore(CLUSTERS, RESTORE_VIRTUAL_S));
  console.log(`restore run ${run}/${RUNS}:`, JSON.stringify(restore.at(-1)));
}

const med = (pick: (run: CapacityRun) => number) => median(capacity.map(pick));
const range = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)}`;
const rows = [
  ['event-loop delay p99', `${med((r) => r.lagP99Ms)} ms`, range(capacity.map((r) => r.lagP99Ms)), '≤ 50 ms'],
  ['/healthz p99', `${med((r) => r.healthP99Ms)} ms`, range(capacity.map((r) => r.healthP99Ms)), '≤ 50 ms'],
  ['/healthz p50', `${med((r) => r.healthP50Ms)} ms`, range(capacity.map((r) => r.healthP50Ms)), '—'],
  ['server CPU', `${med((r) => r.cpuMsPerS)} ms/s`, range(capacity.map((r) => r.cpuMsPerS)), '—'],
  ['server RSS', `${med((r) => r.rssMb)} MB`, range(capacity.map((r) => r.rssMb)), '—'],
  [
    'RSS per cluster',
    `${med((r) => r.rssPerClusterMb)} MB`,
    range(capacity.map((r) => r.rssPerClusterMb)),
    '—',
  ],
  ['frames to viewers', `${med((r) => r.framesPerS)} /s`, range(capacity.map((r) => r.framesPerS)), '—'],
  [
    `restore ${CLUSTERS} clusters × ${RESTORE_VIRTUAL_S} virtual s`,
    `${Math.round(median(restore.map((r) => r.restoreMs)))} ms`,
    range(restore.map((r) => Math.round(r.restoreMs))),
    '≤ 10,000 ms',
  ],
];
console.log(
  `\n${CLUSTERS} clusters at 0.02×, one viewer each, a write per cluster every ${WRITE_EVERY_MS / 1000} s; ` +
    `${RUNS} runs, load average ${load.toFixed(2)} at the start, ${availableParallelism()} cores`,
);
console.table(rows.map(([measure, median, runs, target]) => ({ measure, median, runs, target })));

const outDir = new URL('../../../bench-results/', import.meta.url);
mkdirSync(outDir, { recursive: true });
writeFileSync(
  new URL('server.json', outDir),
  JSON.stringify({ date: new Date().toISOString(), loadAverage: load, capacity, restore }, null, 2) + '\n',
);
