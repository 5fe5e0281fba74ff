/**
 * How the browser benchmarks read a page's cost: Chrome's main-thread counters over CDP,
 * and a requestAnimationFrame meter for frame intervals.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { sleep } from './harness';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function frameStats(timestamps: number[]) {
  const intervals = timestamps.slice(1).map((t, i) => t - timestamps[i]);
  const sorted = [...intervals].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    frames: timestamps.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/*
 * Code that runs in the page is passed as source text: tsx (esbuild) would wrap
 * functions with a `__name` helper that does not exist in the page.
 */
const START_FRAMES = `(() => {
  window.__frames = [];
  window.__stop = false;
  const tick = (t) => {
    window.__frames.push(t);
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_FRAMES = `(() => { window.__stop = true; return window.__frames; })()`;

/** Starts recording every animation frame's timestamp in the page. */
export const startFrames = (page: Page) => page.evaluate(START_FRAMES);
/** Stops the recording; returns the timestamps. */
export const stopFrames = (page: Page) => page.evaluate(STOP_FRAMES) as Promise<number[]>;

/** Main-thread time per second: wall time in tasks, its CPU part, and script. */
export interface MainThread {
  busy: number;
  cpu: number;
  script: number;
}

/** Reads Chrome's main-thread counters (Performance.getMetrics) of the page behind `cdp`. */
export async function mainThreadMeter(cdp: CDPSession) {
  await cdp.send('Performance.enable');
  const metric = async (name: string) =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0) as number;
  /** Main-thread time per second over the next `ms`. */
  const measure = async (ms: number): Promise<MainThread> => {
    const task0 = await metric('TaskDuration');
    const script0 = await metric('ScriptDuration');
    const cpu0 = await metric('ThreadTime');
    const t0 = performance.now();
    await sleep(ms);
    const seconds = (performance.now() - t0) / 1000;
    const per = async (name: string, start: number) => (((await metric(name)) - start) * 1000) / seconds;
    return {
      busy: await per('TaskDuration', task0),
      script: await per('ScriptDuration', script0),
      // CPU time, unlike TaskDuration (wall time inside tasks), does not grow when another
      // process takes the core: the number to compare changes by on a busy machine.
      cpu: await per('ThreadTime', cpu0),
    };
  };
  return { metric, measure };
}

/**
 * The whole browser's CPU time by process type (browser, renderer, GPU, utility), from
 * SystemInfo.getProcessInfo: what moving work off the page's main thread (to a worker,
 * the compositor, the GPU process) does not hide. `measure(ms)` gives ms/s over `ms`.
 */
export async function browserCpuMeter(browser: Browser) {
  const cdp = await browser.newBrowserCDPSession();
  const read = async () => {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    const byType: Record<string, number> = {};
    for (const p of processInfo) byType[p.type] = (byType[p.type] ?? 0) + p.cpuTime;
    return byType;
  };
  const measure = async (ms: number): Promise<Record<string, number>> => {
    const before = await read();
    const t0 = performance.now();
    await sleep(ms);
    const after = await read();
    const seconds = (performance.now() - t0) / 1000;
    const out: Record<string, number> = {};
    let total = 0;
    for (const [type, cpu] of Object.entries(after)) {
      const perS = ((cpu - (before[type] ?? 0)) * 1000) / seconds;
      out[type] = Math.round(perS);
      total += perS;
    }
    return { total: Math.round(total), ...out };
  };
  return { measure };
}
