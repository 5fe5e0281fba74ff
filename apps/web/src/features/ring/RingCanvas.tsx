/**
 * The ring's moving parts — messages in flight, drop bursts, election-timer arcs — on
 * one canvas over the ring, painted by a worker (painter.ts, ring.worker.ts). The page posts what
 * changed with each store change; nothing here runs per frame. A click or hover is
 * hit-tested against the glyphs where they are drawn (geometry.ts), and the messages
 * are also buttons for the keyboard and screen readers (MessageList).
 *
 * A message is only clicked where a person aims at it: the pointer must have moved onto
 * its glyph (the hover shows its details) before the press, so a glyph gliding under a
 * pointer that rests on a link does not take the link's click; and a link's own line
 * always keeps its clicks (LINK_BAND in geometry.ts).
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { MessageInFlight } from '@raftlab/protocol';
import { raftStore } from '../../store/store';
import type { RaftStore } from '../../store/store';
import type { DroppedMessage } from '../../store/types';
import type { Point, RingLayout } from '../cluster/layout';
import { extrapolate, flightProgress } from '../clock/vclock';
import { KIND_STYLE } from '../network/messageStyle';
import { fitViewBox, glyphPoint, messageAt, toGlyph, type Glyph } from './geometry';
import { holdPainter, releasePainter, type Painter } from './painter';
import { readPalette, watchPalette } from './palette';
import { epochNow, type SceneUpdate } from './scene';
import { MessageList } from './MessageList';
import { useMessageSpotlight, type MessageSpotlight } from '../lesson/spotlight';
import './ring.css';

export interface RingCanvasProps {
  /** Ring geometry the messages travel on and the arcs sit around. */
  layout: RingLayout;
  /**
   * Called with the message under the pointer (hover) or clicked (pinned), with the
   * top right of its glyph in the ring's px to anchor a popover to; null when the
   * pointer leaves it.
   */
  onInspect: (m: MessageInFlight | null, anchor: Point | null, pinned: boolean) => void;
}

/** What changed in the store that the painter shows. */
function storeUpdate(s: RaftStore, prev: RaftStore | null): SceneUpdate {
  const update: SceneUpdate = {};
  if (s.clock !== prev?.clock)
    update.clock = { ...s.clock, receivedAt: s.clock.receivedAt + performance.timeOrigin };
  if (s.messages !== prev?.messages) update.glyphs = Object.values(s.messages).map(toGlyph);
  if (s.nodes !== prev?.nodes || s.nodeIds !== prev?.nodeIds) {
    update.timers = s.nodeIds.map((id) => {
      const node = s.nodes[id];
      return { id, up: node?.up ?? false, start: node?.timerStart ?? null, end: node?.timerEnd ?? null };
    });
  }
  return update;
}

/** The ids of the messages in flight a lesson's step speaks of (none outside a lesson). */
function spotlitIds(s: RaftStore, spotlight: MessageSpotlight): number[] {
  return spotlight
    ? Object.values(s.messages)
        .filter(spotlight)
        .map((m) => m.id)
    : [];
}

const sameIds = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** Bursts for the drops of `s` not seen before. */
function newBursts(s: RaftStore, seen: ReadonlySet<DroppedMessage>): SceneUpdate['bursts'] {
  const now = epochNow();
  return s.drops
    .filter((drop) => !seen.has(drop))
    .map(({ message, t }) => ({
      from: message.msg.from,
      to: message.msg.to,
      progress: flightProgress(message.sentAt, message.deliverAt, t),
      startedAt: now,
    }));
}

/** The top right of a glyph's box as drawn now, in the ring's px: where its details open. */
function anchorOf(
  canvas: HTMLCanvasElement,
  layout: RingLayout,
  glyph: Glyph,
  reduced: boolean,
): Point | null {
  const vnow = extrapolate(raftStore.getState().clock, performance.now());
  const at = glyphPoint(layout, glyph, vnow, reduced);
  const fit = fitViewBox(canvas.clientWidth, canvas.clientHeight, layout);
  const size = KIND_STYLE[glyph.kind].size;
  return at && { x: fit.x + (at.x + size) * fit.scale, y: fit.y + (at.y - size) * fit.scale };
}

/** The media query is made once: matchMedia on every render cost about 2 ms/s in slow motion. */
const reducedMotionQuery =
  typeof window === 'undefined' ? undefined : window.matchMedia?.('(prefers-reduced-motion: reduce)');

function watchReducedMotion(onChange: () => void): () => void {
  reducedMotionQuery?.addEventListener('change', onChange);
  return () => reducedMotionQuery?.removeEventListener('change', onChange);
}

function useReducedMotion(): boolean {
  return useSyncExternalStore(watchReducedMotion, () => reducedMotionQuery?.matches ?? false);
}

export function RingCanvas({ layout, onInspect }: RingCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painter = useRef<Painter | null>(null);
  const glyphs = useRef<Glyph[]>([]);
  const [box, setBox] = useState<{ width: number; height: number } | null>(null);
  const reducedMotion = useReducedMotion();
  const spotlight = useMessageSpotlight();
  const spotlightRef = useRef<MessageSpotlight>(spotlight);
  const spotlit = useRef<number[]>([]);
  /** Tells the painter which messages the lesson speaks of, when that changed. */
  const postSpotlit = useCallback((s: RaftStore) => {
    const ids = spotlitIds(s, spotlightRef.current);
    if (sameIds(ids, spotlit.current)) return;
    spotlit.current = ids;
    painter.current?.post({ spotlit: ids });
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const held = holdPainter(canvas);
    painter.current = held;
    const first = storeUpdate(raftStore.getState(), null);
    glyphs.current = first.glyphs ?? [];
    held.post({ ...first, palette: readPalette() });
    const stopPalette = watchPalette((palette) => held.post({ palette }));
    const resize = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      held.post({ size: { width, height, dpr: window.devicePixelRatio || 1 } });
      setBox({ width, height });
    });
    resize.observe(canvas);
    let seen = new Set<DroppedMessage>(raftStore.getState().drops);
    const unsubscribe = raftStore.subscribe((s, prev) => {
      const update = storeUpdate(s, prev);
      if (update.glyphs) glyphs.current = update.glyphs;
      // A snapshot (a reconnect, a seek) shows no bursts for the drops it brings.
      if (s.drops !== prev.drops && s.snapshotSeq === prev.snapshotSeq) update.bursts = newBursts(s, seen);
      if (s.drops !== prev.drops) seen = new Set(s.drops);
      if (Object.keys(update).length > 0) held.post(update);
      if (s.messages !== prev.messages) postSpotlit(s);
    });
    return () => {
      unsubscribe();
      resize.disconnect();
      stopPalette();
      releasePainter(canvas);
    };
  }, [postSpotlit]);
  useEffect(() => {
    spotlightRef.current = spotlight;
    postSpotlit(raftStore.getState());
  }, [spotlight, postSpotlit]);
  useEffect(() => painter.current?.post({ layout }), [layout]);
  useEffect(() => painter.current?.post({ reducedMotion }), [reducedMotion]);
  usePointer(canvasRef, layout, glyphs, reducedMotion, onInspect);

  const onFocusChange = useCallback((focusId: number | null) => painter.current?.post({ focusId }), []);
  const onPin = useCallback(
    (m: MessageInFlight) =>
      onInspect(m, anchorOf(canvasRef.current!, layout, toGlyph(m), reducedMotion), true),
    [onInspect, layout, reducedMotion],
  );
  return (
    <>
      <canvas className="ring__canvas" ref={canvasRef} aria-hidden="true" />
      <MessageList
        layout={layout}
        box={box}
        reducedMotion={reducedMotion}
        onPin={onPin}
        onFocusChange={onFocusChange}
      />
    </>
  );
}

/**
 * Hover and clicks on the glyphs, listened for on the ring's wrapper in the capture
 * phase: a press on a message stops there, before it reaches the link or node under it.
 */
function usePointer(
  canvasRef: React.RefObject<HTMLCanvasElement | null>,
  layout: RingLayout,
  glyphs: React.RefObject<Glyph[]>,
  reducedMotion: boolean,
  onInspect: RingCanvasProps['onInspect'],
) {
  useEffect(() => {
    const canvas = canvasRef.current;
    const wrapper = canvas?.parentElement;
    if (!canvas || !wrapper) return;
    let hovered: Glyph | null = null;
    let pressed: Glyph | null = null;
    let pointer: { clientX: number; clientY: number } | null = null;
    const vnow = () => extrapolate(raftStore.getState().clock, performance.now());
    const hitAt = (e: { clientX: number; clientY: number }) => {
      const rect = canvas.getBoundingClientRect();
      const f = fitViewBox(rect.width, rect.height, layout);
      if (f.scale === 0) return null;
      const p = { x: (e.clientX - rect.left - f.x) / f.scale, y: (e.clientY - rect.top - f.y) / f.scale };
      return messageAt(glyphs.current, layout, vnow(), p, reducedMotion);
    };
    const anchor = (g: Glyph | null) => g && anchorOf(canvas, layout, g, reducedMotion);
    const hover = (g: Glyph | null) => {
      if (g?.id === hovered?.id) return;
      hovered = g;
      wrapper.classList.toggle('ring-wrap--on-message', g !== null);
      const m = g && raftStore.getState().messages[g.id];
      onInspect(m ?? null, anchor(g), false);
    };
    // Over the ring itself, not over what lies above the canvas (a message's details).
    const onRing = (e: Event) => e.target instanceof Element && e.target.closest('.ring') !== null;
    const onMove = (e: PointerEvent) => {
      pointer = e;
      hover(onRing(e) ? hitAt(e) : null);
    };
    const onDown = (e: PointerEvent) => {
      if (!onRing(e)) return;
      // A touch has no hover to aim with: the glyph under the finger is aimed at.
      if (e.pointerType !== 'mouse') hover(hitAt(e));
      const hit = hitAt(e);
      pressed = hit && hit.id === hovered?.id ? hit : null;
      if (pressed) {
        e.preventDefault(); // no focus moves to the link under it
        e.stopPropagation();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (!pressed) return;
      e.preventDefault();
      e.stopPropagation();
      const m = raftStore.getState().messages[pressed.id];
      if (m) onInspect(m, anchor(pressed), true);
      pressed = null;
    };
    const onLeave = () => {
      pointer = null;
      hover(null);
    };
    // A glyph that glides away from a resting pointer is no longer hovered; one that
    // glides under it is not hovered either (that is not aiming).
    const unsubscribe = raftStore.subscribe(() => {
      if (hovered && (!pointer || hitAt(pointer)?.id !== hovered.id)) hover(null);
    });
    wrapper.addEventListener('pointermove', onMove);
    wrapper.addEventListener('pointerdown', onDown, true);
    wrapper.addEventListener('click', onClick, true);
    wrapper.addEventListener('pointerleave', onLeave);
    return () => {
      unsubscribe();
      wrapper.removeEventListener('pointermove', onMove);
      wrapper.removeEventListener('pointerdown', onDown, true);
      wrapper.removeEventListener('click', onClick, true);
      wrapper.removeEventListener('pointerleave', onLeave);
      wrapper.classList.remove('ring-wrap--on-message');
    };
  }, [canvasRef, layout, glyphs, reducedMotion, onInspect]);
}
