/**
 * The messages in flight as buttons, for the keyboard and screen readers: the canvas
 * draws the glyphs, this list names them (`AppendEntries 1→3 term 4, entries 5..7`).
 * While the clock is paused each button lies, transparent, over its glyph, so a screen
 * reader's focus box and a test's aim land on the message (running, the glyphs move
 * every frame and the buttons are not moved after them: restyling thirty buttons ten
 * times a second cost more than the canvas); it lets the pointer through, since the
 * canvas's hit test decides what a click is for. One button is in the tab order and the arrow keys move between them
 * (a roving tab index): thirty tab stops would stand between a person and the rest of
 * the page. Enter or Space pins the message's details.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageInFlight } from '@raftlab/protocol';
import { useShallow } from 'zustand/react/shallow';
import { useRaft } from '../../store/store';
import type { RingLayout } from '../cluster/layout';
import { describeMessage, KIND_STYLE } from '../network/messageStyle';
import { fitViewBox, glyphPoint, toGlyph } from './geometry';
import { useMessageSpotlight } from '../lesson/spotlight';

export interface MessageListProps {
  /** Ring geometry, to place each button over its glyph. */
  layout: RingLayout;
  /** The canvas's box in CSS px; null until measured. */
  box: { width: number; height: number } | null;
  reducedMotion: boolean;
  /** A button was activated: pin that message's details. */
  onPin: (message: MessageInFlight) => void;
  /** The message whose button has the focus, or null when the focus left the list. */
  onFocusChange: (id: number | null) => void;
}

const ARROWS: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

export function MessageList({ layout, box, reducedMotion, onPin, onFocusChange }: MessageListProps) {
  // The clock's time only while paused, where it places the buttons: running, it changes
  // with every frame and would re-render the list for nothing.
  const { messages, paused, now } = useRaft(
    useShallow((s) => ({
      messages: s.messages,
      paused: s.clock.paused,
      now: s.clock.paused ? s.clock.now : 0,
    })),
  );
  const spotlight = useMessageSpotlight();
  const listRef = useRef<HTMLUListElement>(null);
  const [current, setCurrent] = useState<number | null>(null);
  /** Where the focused button stood, to keep the focus in the list when its message goes. */
  const focusedIndex = useRef<number | null>(null);
  const list = Object.values(messages);
  const tabStop = list.some((m) => m.id === current) ? current : (list[0]?.id ?? null);

  useLayoutEffect(() => {
    const ul = listRef.current;
    if (!ul || focusedIndex.current === null || ul.contains(document.activeElement)) return;
    // The focused message was delivered or dropped: its neighbour takes the focus.
    const buttons = ul.querySelectorAll('button');
    const next = buttons[Math.min(focusedIndex.current, buttons.length - 1)];
    (next ?? ul).focus();
  });

  const fit = box ? fitViewBox(box.width, box.height, layout) : null;
  // Paused, the clock's time is where the glyphs stand.
  const placed = paused && fit !== null;
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const step = ARROWS[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const buttons = listRef.current?.querySelectorAll('button');
    if (buttons?.length) buttons[(index + step + buttons.length) % buttons.length].focus();
  };

  return (
    <ul
      className="msg-list"
      aria-label="Messages in flight"
      ref={listRef}
      tabIndex={-1}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) {
          focusedIndex.current = null;
          onFocusChange(null);
        }
      }}
    >
      {list.map((m, index) => {
        const size = KIND_STYLE[toGlyph(m).kind].size + 2;
        const at = fit && glyphPoint(layout, toGlyph(m), now, reducedMotion);
        const spot = spotlight?.(m) ?? false;
        return (
          <li key={m.id}>
            <button
              type="button"
              className="msg-list__button"
              tabIndex={m.id === tabStop ? 0 : -1}
              data-message-id={m.id}
              data-message-type={m.msg.type}
              data-spotlit={spot || undefined}
              aria-description={spot ? 'The lesson speaks of this message' : undefined}
              style={
                placed && at && fit
                  ? {
                      left: fit.x + (at.x - size) * fit.scale,
                      top: fit.y + (at.y - size) * fit.scale,
                      width: 2 * size * fit.scale,
                      height: 2 * size * fit.scale,
                    }
                  : undefined
              }
              onFocus={() => {
                focusedIndex.current = index;
                setCurrent(m.id);
                onFocusChange(m.id);
              }}
              onKeyDown={(e) => onKeyDown(e, index)}
              onClick={() => onPin(m)}
            >
              {describeMessage(m.msg)}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
