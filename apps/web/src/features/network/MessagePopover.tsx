/**
 * A message's fields (Figure 2's names), shown on hover or pinned by a click; pinned, it
 * offers to take the message in hand (drop, duplicate, deliver now, delay) and takes the
 * keyboard focus, which goes back where it was when it closes. It closes when its
 * message is delivered or dropped: the details of a message gone are not its actions.
 */
import { useEffect, useRef } from 'react';
import type { MessageInFlight } from '@raftlab/protocol';
import { useRaft } from '../../store/store';
import { MessageHand } from '../manual/MessageHand';
import { describeInFlight } from './messageFields';
import './popover.css';

export interface MessagePopoverProps {
  /** The message as it was when inspected (it may since have been delivered). */
  message: MessageInFlight;
  /** Position inside the ring panel, px. */
  at: { x: number; y: number };
  /** Pinned by a click: it stays (with a Close button) until closed. */
  pinned: boolean;
  onClose: () => void;
}

export function MessagePopover({ message, at, pinned, onClose }: MessagePopoverProps) {
  const inFlight = useRaft((s) => s.messages[message.id] !== undefined);
  useEffect(() => {
    if (!inFlight) onClose();
  }, [inFlight, onClose]);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!pinned) return;
    const before = document.activeElement;
    closeButton.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [pinned]);
  if (!inFlight) return null;
  const { title, fields } = describeInFlight(message);
  return (
    <div
      className="msg-popover"
      role="dialog"
      aria-label="Message details"
      style={{ left: at.x, top: at.y }}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="msg-popover__head">
        <strong>{title}</strong>
        {pinned && (
          <button
            type="button"
            className="small"
            ref={closeButton}
            onClick={onClose}
            aria-label="Close message details"
          >
            ×
          </button>
        )}
      </div>
      <dl>
        {fields.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {pinned && <MessageHand id={message.id} onDone={onClose} />}
    </div>
  );
}
