/**
 * `npm run bench:web` — the dashboard's speed, measured (a benchmark, not a test).
 *
 * 1. Builds the web app and starts the real server on a free port.
 * 2. Creates a 9-node cluster at 10× speed and PUTs a key every 100 ms for the whole run.
 * 3. Opens the dashboard in Chromium (1280×800) and reads Chrome's TaskDuration and
 *    ThreadTime (CDP Performance.getMetrics) before and after 10 s: main-thread busy
 *    milliseconds per second, and its CPU time, which a busy machine inflates less.
 *    Then, for another 10 s, records every requestAnimationFrame timestamp in the page:
 *    frame-interval p50/p95/p99 (and the busy time again, with that meter running).
 * 4. Serves a page a synthetic snapshot whose nodes hold 100,000 log entries each
 *    (through a routed WebSocket) and scrolls the log view end to start, timing frames.
 *    `BENCH_ONLY=scroll` measures only this.
 * 5. Drags the timeline's slider across a 5-node run of a few virtual minutes (drag.ts):
 *    distinct moments shown per second and frame p95, medians of BENCH_DRAG_RUNS drags.
 *    `BENCH_ONLY=drag` measures only this.
 * 6. Slow motion (slow.ts): a 5-node cluster at 0.02× written every 2 s, main-thread busy
 *    time and frame intervals, on the dashboard and on a lesson's page (where the issue's
 *    target applies). `BENCH_ONLY=slow` measures only these.
 * 7. Gzips the built JS bundle.
 * Prints a table and writes bench-results/web.json.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import {
  createCluster,
  launchBrowser,
  openDashboard,
  ownerUrl,
  root,
  sleep,
  startServer,
  startWriter,
} from './harness';
import { measureDrag } from './drag';
import { frameStats, mainThreadMeter, startFrames, stopFrames } from './page_metrics';
import { measureSlow, measureSlowLesson, type SlowResult } from './slow';
import { profileTop, traceBreakdown } from './trace';
const MEASURE_MS = 10_000;
const NODES = 9;
const SPEED = Number(process.env.BENCH_SPEED ?? 10);
const LOG_ENTRIES = 100_000;
const LOG_NODES = 3;

/** Three seconds of fast scrolling, 900 px a frame, from the newest entries towards the start. */
const SCROLL_LOG = `(async () => {
  const el = document.querySelector('.log-scroll');
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < 3000) {
    el.scrollLeft = Math.max(0, el.scrollLeft - 900);
    steps++;
    await new Promise((r) => requestAnimationFrame(r));
  }
  return { steps, scrollWidth: el.scrollWidth, cells: document.querySelectorAll('.log-cell').length };
})()`;

function bundleSize() {
  const dir = join(root, 'apps/web/dist/assets');
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const bytes = readFileSync(join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { rawKB: Math.round(raw / 102.4) / 10, gzipKB: Math.round(gzip / 102.4) / 10 };
}

/** A snapshot frame of LOG_NODES nodes, each with LOG_ENTRIES committed entries. */
function bigSnapshot(): string {
  const log = Array.from({ length: LOG_ENTRIES }, (_, i) => ({
    index: i + 1,
    term: 1 + Math.floor(i / 5000),
    kind: 'command',
    data: JSON.stringify({
      clientId: 1 + (i % 4),
      seq: i,
      op: { type: 'put', key: `k${i % 97}`, value: String(i) },
    }),
  }));
  const nodes = Array.from({ length: LOG_NODES }, (_, n) => ({
    id: n + 1,
    up: true,
    role: n === 0 ? 'leader' : 'follower',
    term: 20,
    vote: 1,
    leader: 1,
    commit: LOG_ENTRIES,
    applied: LOG_ENTRIES,
    lastIndex: LOG_ENTRIES,
    timerStart: null,
    timerEnd: null,
    progress: null,
    log,
    kv: {},
    sessions: [],
    snapshotState: { kv: {}, sessions: [] },
  }));
  return JSON.stringify({
    type: 'snapshot',
    clusterId: 'bench100k',
    clock: { now: 1_000_000, speed: 1, paused: true },
    history: [],
    view: {
      now: 1_000_000,
      config: {
        nodes: LOG_NODES,
        seed: 1,
        tickUs: 10_000,
        electionTick: 15,
        heartbeatTick: 3,
        preVote: true,
        checkQuorum: true,
        latency: { minUs: 15_000, maxUs: 25_000 },
        clientAttemptTimeoutUs: 500_000,
        clientTimeoutUs: 2_000_000,
        bugs: [],
      },
      nodes: nodes.map((n) => ({ ...n, kv: { [`k${n.id}`]: 'v' } })),
      linksDown: [],
      messages: [],
      linkQualities: [],
      violations: [],
    },
  });
}

/** Scrolls the log view of a page served a 100,000-entry snapshot; its frame intervals. */
async function measureScroll(context: BrowserContext, base: string) {
  const scrollPage = await context.newPage();
  scrollPage.on('crash', () => console.error('The 100k-entry page crashed'));
  scrollPage.on('pageerror', (e) => console.error('page error:', e.message));
  const snapshot = bigSnapshot();
  await scrollPage.routeWebSocket(/\/stream$/, (ws) => {
    ws.send(snapshot);
  });
  await scrollPage.goto(`${base}/c/bench100k`);
  await scrollPage.getByRole('status', { name: 'Connection: Live' }).waitFor({ timeout: 60_000 });
  await scrollPage.locator('.log-cell').first().waitFor();
  await sleep(1_000);
  await startFrames(scrollPage);
  const scroll = (await scrollPage.evaluate(SCROLL_LOG)) as {
    steps: number;
    scrollWidth: number;
    cells: number;
  };
  const scrollFrames = frameStats(await stopFrames(scrollPage));
  await scrollPage.close();
  return { scroll, scrollFrames };
}

async function main(): Promise<void> {
  const server = await startServer();
  const { base } = server;
  let writer: ReturnType<typeof startWriter> | undefined;
  const browser = await launchBrowser();
  try {
    if (process.env.BENCH_ONLY === 'drag') {
      const drag = await measureDrag(browser, base);
      console.log(`${drag.events} events:`, JSON.stringify(drag.runs));
      console.log(
        `drag: ${drag.momentsPerSecond} moments/s, frame p95 ${drag.frameP95} ms (medians); forward ${drag.forward.momentsPerSecond}/s, backward ${drag.backward.momentsPerSecond}/s`,
      );
      return;
    }
    if (process.env.BENCH_ONLY === 'slow') {
      printSlow(await measureSlow(browser, base));
      printSlow(await measureSlowLesson(browser, base));
      return;
    }
    if (process.env.BENCH_ONLY === 'scroll') {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const { scrollFrames } = await measureScroll(context, base);
      console.log(`scroll: frame p50 ${scrollFrames.p50} p95 ${scrollFrames.p95} p99 ${scrollFrames.p99} ms`);
      return;
    }
    const id = await createCluster(base, NODES, SPEED);
    writer = startWriter(base, id, Number(process.env.BENCH_WRITE_MS ?? 100));

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openDashboard(context, ownerUrl(base, id));
    await sleep(2_000);
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
    const cdp = await context.newCDPSession(page);
    const { metric, measure: mainThread } = await mainThreadMeter(cdp);
    // Busy time first, without the frame meter: the meter's own requestAnimationFrame
    // callback makes the browser run its pre-paint, layerize and commit steps every frame,
    // which the dashboard, drawing only when something changes, would not.
    const { busy, script, cpu } = await mainThread(MEASURE_MS);
    await startFrames(page);
    const metered = await mainThread(MEASURE_MS);
    const frames = await stopFrames(page);
    const heapMB = (await metric('JSHeapUsedSize')) / 1048576;
    const live = frameStats(frames);
    const breakdown = process.env.BENCH_TRACE ? await traceBreakdown(cdp, 5_000) : null;
    if (breakdown) console.log('main thread, ms/s by kind:', breakdown);
    if (process.env.BENCH_PROFILE) console.log((await profileTop(cdp, 5_000)).join('\n'));
    if (process.env.BENCH_ONLY === 'live') {
      // For comparing changes quickly: the live numbers only, no scroll run, no JSON.
      console.log(
        `busy ${Math.round(busy)} cpu ${Math.round(cpu)} script ${Math.round(script)} ms/s; with the frame meter: busy ${Math.round(metered.busy)} cpu ${Math.round(metered.cpu)}`,
      );
      return;
    }
    writer.stop();
    const { sent: writes, ok: writesOk } = writer.counts;
    await page.close();

    const { scroll, scrollFrames } = await measureScroll(context, base);

    const drag = await measureDrag(browser, base);
    const slow = await measureSlow(browser, base);
    const slowLesson = await measureSlowLesson(browser, base);
    const bundle = bundleSize();
    const results = {
      date: new Date().toISOString(),
      config: {
        nodes: NODES,
        speed: SPEED,
        writeEveryMs: Number(process.env.BENCH_WRITE_MS ?? 100),
        measureMs: MEASURE_MS,
        viewport: '1280x800',
      },
      live: {
        frameIntervalMs: live,
        mainThreadBusyMsPerS: Math.round(busy),
        mainThreadCpuMsPerS: Math.round(cpu),
        withFrameMeter: {
          mainThreadBusyMsPerS: Math.round(metered.busy),
          mainThreadCpuMsPerS: Math.round(metered.cpu),
        },
        scriptMsPerS: Math.round(script),
        jsHeapMB: Math.round(heapMB * 10) / 10,
        writesSent: writes,
        writesOk,
      },
      logScroll100k: {
        entriesPerNode: LOG_ENTRIES,
        nodes: LOG_NODES,
        ...scroll,
        frameIntervalMs: scrollFrames,
      },
      timelineDrag: drag,
      slowMotion: roundSlow(slow),
      slowMotionLesson: roundSlow(slowLesson),
      bundle,
      targets: {
        p95Ms: 16.7,
        busyMsPerS: 150,
        bundleGzipKB: 250,
        dragMomentsPerS: 20,
        dragFrameP95Ms: 33,
        slowBusyMsPerS: 120,
        slowFrameP95Ms: 17,
      },
    };
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(join(root, 'bench-results/web.json'), JSON.stringify(results, null, 2) + '\n');
    const row = (name: string, value: string, target: string) =>
      console.log(`${name.padEnd(44)} ${value.padStart(12)}   ${target}`);
    console.log('');
    row('metric', 'value', 'target');
    row('-'.repeat(44), '-'.repeat(12), '------');
    row(`live 9 nodes ×${SPEED}: frame interval p50 (ms)`, String(live.p50), '');
    row('live: frame interval p95 (ms)', String(live.p95), '≤ 16.7');
    row('live: frame interval p99 (ms)', String(live.p99), '');
    row('live: main-thread busy (ms/s)', String(Math.round(busy)), '≤ 150');
    row('live: main-thread CPU (ms/s)', String(Math.round(cpu)), '');
    row(
      'live, frame meter on: busy / CPU (ms/s)',
      `${Math.round(metered.busy)} / ${Math.round(metered.cpu)}`,
      '',
    );
    row('live: script (ms/s)', String(Math.round(script)), '');
    row('live: JS heap (MB)', String(Math.round(heapMB * 10) / 10), '');
    row('live: writes sent / ok', `${writes} / ${writesOk}`, '');
    row('100k-entry log scroll: frame p50 (ms)', String(scrollFrames.p50), '');
    row('100k-entry log scroll: frame p95 (ms)', String(scrollFrames.p95), '≤ 16.7');
    row('100k-entry log scroll: frame p99 (ms)', String(scrollFrames.p99), '');
    row(`timeline drag (${drag.events} events): moments/s`, String(drag.momentsPerSecond), '≥ 20');
    row('timeline drag: frame interval p95 (ms)', String(drag.frameP95), '≤ 33');
    row(
      'timeline drag forward / backward: moments/s',
      `${drag.forward.momentsPerSecond} / ${drag.backward.momentsPerSecond}`,
      '',
    );
    for (const result of [slowLesson, slow]) slowRows(row, result);
    row('JS bundle, gzipped (kB)', String(bundle.gzipKB), '≤ 250');
    console.log('\nWrote bench-results/web.json');
  } finally {
    writer?.stop();
    await browser.close();
    server.stop();
  }
}

/** The table's rows for one slow-motion run; the targets are the lesson's. */
function slowRows(row: (name: string, value: string, target: string) => void, slow: SlowResult): void {
  const at = `slow motion, ${slow.page}`;
  const target = (t: string) => (slow.page === 'lesson' ? t : '');
  row(`${at} 5 nodes ×${slow.speed}: busy (ms/s)`, String(Math.round(slow.mainThread.busy)), target('≤ 120'));
  row(`${at}: main-thread CPU (ms/s)`, String(Math.round(slow.mainThread.cpu)), '');
  row(`${at}: frame interval p95 (ms)`, String(slow.frameIntervalMs.p95), target('≤ 17'));
  if (slow.canvasFrames) {
    row(
      `${at}: canvas frames/s, p95 (ms)`,
      `${slow.canvasFrames.framesPerSecond}, ${slow.canvasFrames.p95}`,
      '',
    );
  }
}

/** The slow-motion numbers as the JSON keeps them: ms/s rounded. */
function roundSlow(slow: SlowResult) {
  const ms = (m: SlowResult['mainThread']) => ({
    busyMsPerS: Math.round(m.busy),
    cpuMsPerS: Math.round(m.cpu),
    scriptMsPerS: Math.round(m.script),
  });
  return { ...slow, mainThread: ms(slow.mainThread), withFrameMeter: ms(slow.withFrameMeter) };
}

function printSlow(slow: SlowResult): void {
  const { mainThread: m, withFrameMeter: f, frameIntervalMs: frames } = slow;
  console.log(
    `slow motion on the ${slow.page}, ${slow.nodes} nodes ×${slow.speed}, a write every ${slow.writeEveryMs} ms: busy ${Math.round(m.busy)} cpu ${Math.round(m.cpu)} script ${Math.round(m.script)} ms/s; with the frame meter: busy ${Math.round(f.busy)} cpu ${Math.round(f.cpu)}; frame p50 ${frames.p50} p95 ${frames.p95} p99 ${frames.p99} ms; ${slow.messagesInFlight} messages in flight`,
  );
  console.log('browser CPU (ms/s) by process:', JSON.stringify(slow.browserCpu));
  const canvas = slow.canvasFrames;
  console.log(
    canvas
      ? `the ring's canvas (worker): ${canvas.framesPerSecond} frames/s, interval p50 ${canvas.p50} p95 ${canvas.p95} ms, worker CPU ${canvas.cpuMsPerS} ms/s`
      : 'no worker painted animation frames',
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
