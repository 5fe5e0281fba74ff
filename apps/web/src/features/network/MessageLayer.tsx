/**
 * Messages in flight, animated along the links from sentAt to deliverAt. Imperative:
 * store.subscribe notices new drops; requestAnimationFrame moves the glyphs.
 */
import { useCallback, useEffect, useRef } from 'react';
import { raftStore } from '../../store/store';
import type { DroppedMessage } from '../../store/types';
import type { MessageInFlight } from '@raftlab/protocol';
import { flightProgress } from '../clock/vclock';
import { useAnimationFrame } from '../animation';
import type { RingLayout } from '../cluster/layout';
import { drawBursts, drawMessages, newBurstElement, type Burst } from './renderMessages';
import './messages.css';

export interface MessageLayerProps {
  /** Ring geometry the messages travel on. */
  layout: RingLayout;
  /**
   * Called with the message under the pointer (hover) or clicked (pinned), with the
   * glyph's element to anchor a popover to; null when the pointer leaves a glyph.
   */
  onInspect: (m: MessageInFlight | null, anchor: Element | null, pinned: boolean) => void;
}

/** The message record behind a glyph the pointer event hit, if any. */
function hitMessage(target: EventTarget | null): { m: MessageInFlight; el: Element } | null {
  const el = target instanceof Element ? target.closest('[data-message-id]') : null;
  if (!el) return null;
  const m = raftStore.getState().messages[Number(el.getAttribute('data-message-id'))];
  return m ? { m, el } : null;
}

function anyMoving(messages: Record<number, MessageInFlight>, vnow: number): boolean {
  for (const key in messages) if (messages[key].deliverAt > vnow) return true;
  return false;
}

export function MessageLayer({ layout, onInspect }: MessageLayerProps) {
  const messagesRef = useRef<SVGGElement>(null);
  const burstsRef = useRef<SVGGElement>(null);
  const glyphs = useRef(new Map<number, SVGGElement>());
  const bursts = useRef(new Map<Burst, SVGGElement>());

  useEffect(() => {
    let seen = new Set<DroppedMessage>(raftStore.getState().drops);
    let snapshotSeq = raftStore.getState().snapshotSeq;
    return raftStore.subscribe((s) => {
      if (s.snapshotSeq !== snapshotSeq) {
        snapshotSeq = s.snapshotSeq;
        seen = new Set(s.drops);
        return;
      }
      const now = performance.now();
      for (const drop of s.drops) {
        if (seen.has(drop)) continue;
        const progress = flightProgress(drop.message.sentAt, drop.message.deliverAt, drop.t);
        bursts.current.set({ message: drop.message, progress, startedAt: now }, newBurstElement());
      }
      seen = new Set(s.drops);
    });
  }, []);

  const reducedMotion = useRef(false);
  useEffect(() => {
    const query = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    if (!query) return;
    reducedMotion.current = query.matches;
    const onChange = () => (reducedMotion.current = query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const draw = useCallback(
    (vnow: number, wallNow: number) => {
      const { messages, clock } = raftStore.getState();
      if (messagesRef.current) {
        drawMessages(messagesRef.current, glyphs.current, layout, messages, vnow, reducedMotion.current);
      }
      if (burstsRef.current) drawBursts(burstsRef.current, bursts.current, layout, wallNow);
      // Draw again next frame while a glyph moves or a burst fades; a message that has
      // arrived waits at the receiver for its delivery event, which changes the store.
      return bursts.current.size > 0 || (!clock.paused && anyMoving(messages, vnow))
        ? 0
        : Number.POSITIVE_INFINITY;
    },
    [layout],
  );
  useAnimationFrame(draw);

  return (
    <g className="message-layer" aria-hidden="true">
      <g
        ref={messagesRef}
        onPointerOver={(e) => {
          const hit = hitMessage(e.target);
          if (hit) onInspect(hit.m, hit.el, false);
        }}
        onPointerOut={(e) => {
          if (hitMessage(e.target)) onInspect(null, null, false);
        }}
        onClick={(e) => {
          const hit = hitMessage(e.target);
          if (hit) {
            e.stopPropagation();
            onInspect(hit.m, hit.el, true);
          }
        }}
      />
      <g ref={burstsRef} />
    </g>
  );
}
