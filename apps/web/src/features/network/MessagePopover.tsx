/**
 * A message's fields (Figure 2's names), shown on hover or pinned by a click; pinned, it
 * offers to take the message in hand (drop, duplicate, deliver now, delay).
 */
import type { MessageInFlight } from '@raftlab/protocol';
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
          <button type="button" className="small" onClick={onClose} aria-label="Close message details">
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
