/**
 * The ring's painter, off the page's main thread: it owns the canvas the page handed
 * over (transferControlToOffscreen), keeps a RingScene from the page's updates and
 * paints it in its own animation frames, which reach the screen without the page's
 * style, layout, paint or layerize steps. In slow motion something moves in every frame,
 * and those steps for the messages' and arcs' SVG were most of the page's main-thread
 * time (bench:web, BENCH_ONLY=slow; see the README's performance section).
 */
import { FrameScheduler } from '../frameScheduler';
import { epochNow, RingScene, type SceneUpdate } from './scene';

/** A message from the page: an update, with the canvas in the first one. */
export type PainterMessage = SceneUpdate & { canvas?: OffscreenCanvas };

/** The parts of a dedicated worker's global scope used here (the DOM lib types `self` as a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PainterMessage>) => void) | null;
  requestAnimationFrame?: (callback: (wallNow: number) => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
}

const scope = self as unknown as WorkerScope;
const scene = new RingScene();
let ctx: OffscreenCanvasRenderingContext2D | null = null;

// A worker's animation frames follow the display (Chromium, Firefox); elsewhere a
// 16 ms timer stands in, and the frame is shown when the task ends.
const scheduler = new FrameScheduler(
  scope.requestAnimationFrame
    ? (callback) => scope.requestAnimationFrame!(callback)
    : (callback) => Number(setTimeout(() => callback(performance.now()), 16)),
  (handle) => (scope.cancelAnimationFrame ? scope.cancelAnimationFrame(handle) : clearTimeout(handle)),
  () => {
    if (ctx) scheduler.wake(scene.paint(ctx, epochNow()));
  },
);

scope.onmessage = (event) => {
  const { canvas, ...update } = event.data;
  if (canvas) ctx = canvas.getContext('2d');
  scene.apply(update);
  scheduler.wake(0);
};
