/**
 * Messages in flight, animated along the links from sentAt to deliverAt. Imperative:
 * store.subscribe notices new drops; requestAnimationFrame moves the glyphs.
 */
import { useCallback, useEffect, useRef } from 'react';
import { raftStore } from '../../store/store';
import type { DroppedMessage } from '../../store/types';
import { flightProgress } from '../clock/vclock';
import { useAnimationFrame } from '../animation';
import type { RingLayout } from '../cluster/layout';
import { drawBursts, drawMessages, newBurstElement, type Burst } from './renderMessages';

export interface MessageLayerProps {
  /** Ring geometry the messages travel on. */
  layout: RingLayout;
}

export function MessageLayer({ layout }: MessageLayerProps) {
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

  const draw = useCallback(
    (vnow: number, wallNow: number) => {
      if (messagesRef.current) {
        drawMessages(messagesRef.current, glyphs.current, layout, raftStore.getState().messages, vnow);
      }
      if (burstsRef.current) drawBursts(burstsRef.current, bursts.current, layout, wallNow);
    },
    [layout],
  );
  useAnimationFrame(draw);

  return (
    <g className="message-layer" aria-hidden="true">
      <g ref={messagesRef} />
      <g ref={burstsRef} />
    </g>
  );
}
