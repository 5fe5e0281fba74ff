/**
 * Slow motion (issue 15): what the page costs while a lesson runs the cluster at the
 * default 0.02×, where every message glides across the ring for about a second of wall
 * time, so something moves in every frame.
 *
 * A 5-node cluster elects its leader at 1× (at 0.02× that takes several seconds of
 * wall time), is slowed to SLOW_SPEED and written to every SLOW_WRITE_MS of wall time;
 * after a few seconds to settle, main-thread busy time is read over 10 s without the
 * frame meter, then frame intervals over another 10 s with it (as the live run does),
 * then, over 5 s of a trace, the frames a worker paints (the ring's canvas).
 *
 * Measured twice: on the dashboard, and on a lesson's page (`/learn/file`, the lesson
 * SLOW_LESSON opened from a file as a teacher's would be): the lesson panel beside the
 * ring, the engine watching the store, the clock run by the step's `until` at 0.02×.
 * `BENCH_ONLY=slow` measures only these; BENCH_TRACE and BENCH_PROFILE apply to the
 * lesson's page then.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  adoptOwner,
  createCluster,
  openDashboard,
  ownerJsonHeaders,
  ownerUrl,
  sleep,
  startWriter,
} from './harness';
import {
  browserCpuMeter,
  frameStats,
  mainThreadMeter,
  startFrames,
  stopFrames,
  type MainThread,
} from './page_metrics';
import { profileTop, traceBreakdown, workerFrames } from './trace';

export const SLOW_NODES = 5;
export const SLOW_SPEED = Number(process.env.BENCH_SLOW_SPEED ?? 0.02);
export const SLOW_WRITE_MS = 2_000;
const MEASURE_MS = 10_000;

export interface SlowResult {
  /** What page was open: the dashboard of a cluster, or a lesson's. */
  page: 'dashboard' | 'lesson';
  nodes: number;
  speed: number;
  writeEveryMs: number;
  mainThread: MainThread;
  /** The whole browser's CPU ms/s over the same 10 s, by process type and in total. */
  browserCpu: Record<string, number>;
  withFrameMeter: MainThread;
  frameIntervalMs: ReturnType<typeof frameStats>;
  /**
   * The frames a worker painted (the ring's canvas since it moved off the main thread),
   * traced over 5 s: null when the page has no such worker.
   */
  canvasFrames: Awaited<ReturnType<typeof workerFrames>>;
  /** Messages in flight when the measurement ended: slow motion keeps the ring full. */
  messagesInFlight: number;
}

/**
 * A lesson of the documented format (docs/lessons.md): five nodes elect a leader at 1×,
 * then the second step runs the clock at SLOW_SPEED until a million entries are applied,
 * which never happens in the bench's minute, so the wait lasts the whole measurement.
 */
const SLOW_LESSON = {
  id: 'slow-motion',
  title: 'Slow motion (the benchmark)',
  summary: 'Five servers, written to every two seconds, watched at 0.02×.',
  section: { label: '§5.3', href: 'https://raft.github.io/raft.pdf#page=6' },
  minutes: 1,
  cluster: { seed: 41, nodes: SLOW_NODES },
  speed: SLOW_SPEED,
  steps: [
    { title: 'A leader first', text: 'The servers elect a leader.', speed: 1, until: { leader: 'any' } },
    {
      title: 'Writes in slow motion',
      text: 'Each write is an entry the leader sends to every follower in AppendEntries.',
      until: { nodes: { applied: { atLeast: 1_000_000 } }, count: 'all' },
    },
  ],
};

async function electedCluster(base: string): Promise<string> {
  const id = await createCluster(base, SLOW_NODES, 1);
  const url = `${base}/api/clusters/${id}`;
  for (let i = 0; i < 100; i++) {
    const { view } = (await (await fetch(url)).json()) as { view: { nodes: { role: string }[] } };
    if (view.nodes.some((n) => n.role === 'leader')) break;
    await sleep(100);
  }
  await fetch(`${url}/clock`, {
    method: 'PUT',
    headers: ownerJsonHeaders(id),
    body: JSON.stringify({ speed: SLOW_SPEED }),
  });
  return id;
}

/** The dashboard of a 5-node cluster at SLOW_SPEED, written every SLOW_WRITE_MS. */
export async function measureSlow(browser: Browser, base: string): Promise<SlowResult> {
  const id = await electedCluster(base);
  const writer = startWriter(base, id, SLOW_WRITE_MS);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await openDashboard(context, ownerUrl(base, id));
    return await measureOpenPage(context, page, base, id, 'dashboard');
  } finally {
    writer.stop();
    await context.close();
  }
}

/** SLOW_LESSON's page, opened from a file, in its slow step, written every SLOW_WRITE_MS. */
export async function measureSlowLesson(browser: Browser, base: string): Promise<SlowResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let writer: ReturnType<typeof startWriter> | undefined;
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${base}/learn`);
    const started = page.waitForResponse((r) => r.url().endsWith('/api/lesson-runs'));
    await page.getByLabel('Open a lesson file').setInputFiles({
      name: 'slow-motion.lesson.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(SLOW_LESSON)),
    });
    const run = (await (await started).json()) as { id: string; owner: { token: string; link: string } };
    adoptOwner(run.id, run.owner);
    const panel = page.getByRole('region', { name: 'Lesson' });
    await panel.getByRole('button', { name: 'Next' }).click({ timeout: 30_000 });
    await panel.getByText(`Step 2 of ${SLOW_LESSON.steps.length}`).waitFor();
    writer = startWriter(base, run.id, SLOW_WRITE_MS);
    return await measureOpenPage(context, page, base, run.id, 'lesson');
  } finally {
    writer?.stop();
    await context.close();
  }
}

async function measureOpenPage(
  context: BrowserContext,
  page: Page,
  base: string,
  id: string,
  kind: SlowResult['page'],
): Promise<SlowResult> {
  // Long enough for two writes to be on their way and the page's code to be optimised.
  await sleep(4_000);
  if (process.env.BENCH_SCREENSHOT)
    await page.screenshot({ path: process.env.BENCH_SCREENSHOT.replace(/(\.png)?$/, `-${kind}.png`) });
  const cdp = await context.newCDPSession(page);
  const meter = await mainThreadMeter(cdp);
  const processes = await browserCpuMeter(context.browser()!);
  const [mainThread, browserCpu] = await Promise.all([
    meter.measure(MEASURE_MS),
    processes.measure(MEASURE_MS),
  ]);
  await startFrames(page);
  const withFrameMeter = await meter.measure(MEASURE_MS);
  const frameIntervalMs = frameStats(await stopFrames(page));
  const canvasFrames = await workerFrames(cdp, 5_000);
  const state = (await (await fetch(`${base}/api/clusters/${id}`)).json()) as {
    clock: { paused: boolean };
    view: { messages: unknown[] };
  };
  if (state.clock.paused) throw new Error(`the ${kind}'s clock stopped during the measurement`);
  if (process.env.BENCH_ONLY === 'slow' && kind === 'lesson') {
    if (process.env.BENCH_TRACE) console.log('main thread, ms/s by kind:', await traceBreakdown(cdp, 5_000));
    if (process.env.BENCH_PROFILE) console.log((await profileTop(cdp, 5_000)).join('\n'));
  }
  return {
    page: kind,
    nodes: SLOW_NODES,
    speed: SLOW_SPEED,
    writeEveryMs: SLOW_WRITE_MS,
    mainThread,
    browserCpu,
    withFrameMeter,
    frameIntervalMs,
    canvasFrames,
    messagesInFlight: state.view.messages.length,
  };
}
