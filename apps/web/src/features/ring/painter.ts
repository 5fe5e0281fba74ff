/**
 * The page's handle on the ring's painter: a worker that owns the canvas. Every browser
 * the build targets (Vite's baseline-widely-available: Chrome 111, Firefox 114, Safari
 * 16.4) hands a canvas to a module worker (OffscreenCanvas), so there is no painter on
 * the page's own thread to fall back to.
 */
import type { PainterMessage } from './ring.worker';
import type { SceneUpdate } from './scene';

export interface Painter {
  post(update: SceneUpdate): void;
  stop(): void;
}

function startPainter(canvas: HTMLCanvasElement): Painter {
  const worker = new Worker(new URL('./ring.worker.ts', import.meta.url), { type: 'module' });
  const offscreen = canvas.transferControlToOffscreen();
  worker.postMessage({ canvas: offscreen } satisfies PainterMessage, [offscreen]);
  return { post: (update) => worker.postMessage(update), stop: () => worker.terminate() };
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
  const painter = startPainter(canvas);
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
