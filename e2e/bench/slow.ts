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
 * `BENCH_ONLY=slow` measures only this; BENCH_TRACE and BENCH_PROFILE apply to it then.
 */
import type { Browser } from 'playwright-core';
import { createCluster, openDashboard, ownerJsonHeaders, ownerUrl, sleep, startWriter } from './harness';
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

export async function measureSlow(browser: Browser, base: string): Promise<SlowResult> {
  const id = await electedCluster(base);
  const writer = startWriter(base, id, SLOW_WRITE_MS);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await openDashboard(context, ownerUrl(base, id));
    // Long enough for two writes to be on their way and the page's code to be optimised.
    await sleep(4_000);
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
    const cdp = await context.newCDPSession(page);
    const meter = await mainThreadMeter(cdp);
    const processes = await browserCpuMeter(browser);
    const [mainThread, browserCpu] = await Promise.all([
      meter.measure(MEASURE_MS),
      processes.measure(MEASURE_MS),
    ]);
    await startFrames(page);
    const withFrameMeter = await meter.measure(MEASURE_MS);
    const frameIntervalMs = frameStats(await stopFrames(page));
    const canvasFrames = await workerFrames(cdp, 5_000);
    const state = (await (await fetch(`${base}/api/clusters/${id}`)).json()) as {
      view: { messages: unknown[] };
    };
    if (process.env.BENCH_ONLY === 'slow') {
      if (process.env.BENCH_TRACE)
        console.log('main thread, ms/s by kind:', await traceBreakdown(cdp, 5_000));
      if (process.env.BENCH_PROFILE) console.log((await profileTop(cdp, 5_000)).join('\n'));
    }
    return {
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
  } finally {
    writer.stop();
    await context.close();
  }
}
