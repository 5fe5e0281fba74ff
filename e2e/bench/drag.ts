/**
 * Dragging the timeline's slider (issue 14): how many distinct moments the dashboard
 * shows per second while a person sweeps the slider across the whole run, and the frame
 * intervals meanwhile.
 *
 * A 5-node cluster is run at the top speed with a write every 50 ms (a few virtual
 * minutes: crashes and elections come from a crash every few seconds), then paused; the
 * page is opened and the mouse drags the thumb from start to end in DRAG_MS, then back,
 * moving as often as the browser takes the moves. A moment counts as shown when the banner's event number changes
 * (the store applies a moment in one update, so that is when the whole page has it).
 */
import type { Browser, Page } from 'playwright-core';
import { createCluster, ownerHeaders, ownerJsonHeaders, ownerUrl, sleep, startWriter } from './harness';

const DRAG_MS = 3_000;
const RUNS = Number(process.env.BENCH_DRAG_RUNS ?? 5);

interface DragRun {
  momentsPerSecond: number;
  frameP95: number;
  frames: number;
}

export interface DragResult {
  events: number;
  /** Each run drags the thumb from the start to the end, then back. */
  runs: { forward: DragRun; backward: DragRun }[];
  /** Medians over every drag, either way. */
  momentsPerSecond: number;
  frameP95: number;
  /** Medians of each direction: a backward seek restores a checkpoint, a forward one may run on from the last. */
  forward: { momentsPerSecond: number; frameP95: number };
  backward: { momentsPerSecond: number; frameP95: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Records, in the page, each change of the moment shown and every animation frame. */
const START = `(() => {
  window.__shown = [];
  window.__frames = [];
  window.__stop = false;
  const el = document.querySelector('.timeline__mode');
  new MutationObserver(() => {
    const text = el.querySelector('.timeline__past .timeline__where')?.textContent ?? '';
    const last = window.__shown[window.__shown.length - 1];
    if (text && text !== last?.text) window.__shown.push({ t: performance.now(), text });
  }).observe(el, { subtree: true, childList: true, characterData: true });
  const tick = (t) => {
    window.__frames.push(t);
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP = `(() => { window.__stop = true; return { shown: window.__shown, frames: window.__frames }; })()`;

async function prepare(base: string): Promise<{ id: string; events: number }> {
  const id = await createCluster(base, 5, 20);
  const writer = startWriter(base, id, 50);
  const post = (path: string) =>
    fetch(`${base}/api/clusters/${id}${path}`, { method: 'POST', headers: ownerHeaders(id) });
  for (let i = 0; i < 6; i++) {
    await sleep(1_500);
    const state = (await (await fetch(`${base}/api/clusters/${id}`)).json()) as {
      view: { nodes: { id: number; role: string; up: boolean }[] };
    };
    const leader = state.view.nodes.find((n) => n.role === 'leader' && n.up);
    if (leader) await post(`/nodes/${leader.id}/crash`);
    await sleep(1_000);
    for (const n of state.view.nodes) if (!n.up) await post(`/nodes/${n.id}/restart`);
  }
  writer.stop();
  await fetch(`${base}/api/clusters/${id}/clock`, {
    method: 'PUT',
    headers: ownerJsonHeaders(id),
    body: JSON.stringify({ paused: true }),
  });
  const clock = ((await (await fetch(`${base}/api/clusters/${id}`)).json()) as { clock: { seq: number } })
    .clock;
  return { id, events: clock.seq };
}

/** Drags the thumb across the whole track, from one end (`from`, 0 or 1) to the other. */
async function dragOnce(page: Page, from: 0 | 1): Promise<DragRun> {
  const box = (await page.getByRole('slider', { name: 'Timeline' }).boundingBox())!;
  const y = box.y + box.height / 2;
  const x = (f: number) => box.x + 8 + (box.width - 16) * (from === 0 ? f : 1 - f);
  await page.mouse.move(x(0), y);
  await page.mouse.down();
  await sleep(300);
  await page.evaluate(START);
  const start = performance.now();
  // As fast as the browser takes them: each move is answered once the page has handled
  // it (Chrome delivers moves aligned with its frames, so about one a frame).
  for (let elapsed = 0; elapsed < DRAG_MS; elapsed = performance.now() - start) {
    await page.mouse.move(x(elapsed / DRAG_MS), y);
  }
  await page.mouse.move(x(1), y);
  await page.mouse.up();
  const seconds = (performance.now() - start) / 1000;
  await sleep(300);
  const { shown, frames } = (await page.evaluate(STOP)) as { shown: { t: number }[]; frames: number[] };
  // A drag that let go at an end must show that end: the first moment, or the live cluster.
  const ended = (await page.locator('.timeline__mode').textContent()) ?? '';
  const expected = from === 0 ? /^Live/ : /^Viewing the pastevent 0 ·/;
  if (!expected.test(ended))
    throw new Error(`the drag let go at the ${from === 0 ? 'end' : 'start'} but the page shows "${ended}"`);
  const intervals = frames
    .slice(1)
    .map((t, i) => t - frames[i])
    .sort((a, b) => a - b);
  return {
    momentsPerSecond: Math.round((shown.length / seconds) * 10) / 10,
    frameP95: Math.round(intervals[Math.floor(intervals.length * 0.95)] * 10) / 10,
    frames: frames.length,
  };
}

/** Prepares the run, then drags RUNS times each way. */
export async function measureDrag(browser: Browser, base: string): Promise<DragResult> {
  const { id, events } = await prepare(base);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(ownerUrl(base, id));
  await page.getByRole('status', { name: 'Connection: Live' }).waitFor();
  await sleep(1_000);
  // One drag each way first, not counted: the page's code is not yet optimised, nor the
  // server's timeline warmed.
  await dragOnce(page, 0);
  await dragOnce(page, 1);
  const runs: DragResult['runs'] = [];
  for (let i = 0; i < RUNS; i++) {
    const forward = await dragOnce(page, 0);
    runs.push({ forward, backward: await dragOnce(page, 1) });
    await sleep(500);
  }
  await context.close();
  const medians = (drags: DragRun[]) => ({
    momentsPerSecond: median(drags.map((r) => r.momentsPerSecond)),
    frameP95: median(drags.map((r) => r.frameP95)),
  });
  return {
    events,
    runs,
    ...medians(runs.flatMap((r) => [r.forward, r.backward])),
    forward: medians(runs.map((r) => r.forward)),
    backward: medians(runs.map((r) => r.backward)),
  };
}
