/**
 * The page's handle on the ring's painter: a worker that owns the canvas where the
 * browser can hand a canvas over (OffscreenCanvas), else the same RingScene painted in
 * the page's own animation frames. Either way the page only posts updates.
 */
import { FrameScheduler } from '../frameScheduler';
import type { PainterMessage } from './ring.worker';
import { epochNow, RingScene, type SceneUpdate } from './scene';

export interface Painter {
  post(update: SceneUpdate): void;
  stop(): void;
}

function workerPainter(canvas: HTMLCanvasElement): Painter | null {
  if (typeof Worker === 'undefined' || !('transferControlToOffscreen' in canvas)) return null;
  const worker = new Worker(new URL('./ring.worker.ts', import.meta.url), { type: 'module' });
  const offscreen = canvas.transferControlToOffscreen();
  worker.postMessage({ canvas: offscreen } satisfies PainterMessage, [offscreen]);
  return { post: (update) => worker.postMessage(update), stop: () => worker.terminate() };
}

function pagePainter(canvas: HTMLCanvasElement): Painter {
  const ctx = canvas.getContext('2d');
  const scene = new RingScene();
  const scheduler = new FrameScheduler(
    (callback) => requestAnimationFrame(callback),
    (handle) => cancelAnimationFrame(handle),
    () => {
      if (ctx) scheduler.wake(scene.paint(ctx, epochNow()));
    },
  );
  return {
    post: (update) => {
      scene.apply(update);
      scheduler.wake(0);
    },
    stop: () => scheduler.stop(),
  };
}

/*
 * A canvas can be handed to a worker only once, and React's StrictMode (in development)
 * runs an effect, its cleanup and the effect again on the same canvas: so a released
 * painter stops a moment later, unless its canvas is held again first.
 */
const painters = new WeakMap<
  HTMLCanvasElement,
  { painter: Painter; stopping?: ReturnType<typeof setTimeout> }
>();

/** The painter of `canvas`, started on first use. */
export function holdPainter(canvas: HTMLCanvasElement): Painter {
  const held = painters.get(canvas);
  if (held) {
    clearTimeout(held.stopping);
    return held.painter;
  }
  const painter = workerPainter(canvas) ?? pagePainter(canvas);
  painters.set(canvas, { painter });
  return painter;
}

export function releasePainter(canvas: HTMLCanvasElement): void {
  const held = painters.get(canvas);
  if (!held) return;
  held.stopping = setTimeout(() => {
    held.painter.stop();
    painters.delete(canvas);
  }, 0);
}
