/**
 * The buttons that take a message in flight in hand (in its pinned details): drop it,
 * send it once more, deliver it now, or delay it by a chosen amount.
 */
import { useState } from 'react';
import { messageActions } from '../../api/messages';
import { useRaft } from '../../store/store';
import './manual.css';

/** Delays offered, in virtual ms. */
export const DELAYS_MS = [20, 100, 500, 2000] as const;

export function MessageHand({ id, onDone }: { id: number; onDone: () => void }) {
  const inFlight = useRaft((s) => s.messages[id] !== undefined);
  const live = useRaft((s) => s.connection === 'live');
  const [delay, setDelay] = useState<number>(DELAYS_MS[1]);
  if (!inFlight) return <p className="hand__gone">Delivered or dropped: no longer in flight.</p>;
  const act = (done: Promise<boolean>) => void done.then((ok) => ok && onDone());
  return (
    <div className="hand" role="group" aria-label={`Message ${id} in hand`}>
      <button
        type="button"
        className="small"
        disabled={!live}
        onClick={() => act(messageActions.act(id, 'drop'))}
      >
        Drop
      </button>
      <button
        type="button"
        className="small"
        disabled={!live}
        onClick={() => act(messageActions.act(id, 'duplicate'))}
      >
        Duplicate
      </button>
      <button
        type="button"
        className="small"
        disabled={!live}
        onClick={() => act(messageActions.act(id, 'deliver'))}
      >
        Deliver now
      </button>
      <span className="hand__delay">
        <button
          type="button"
          className="small"
          disabled={!live}
          onClick={() => act(messageActions.delay(id, delay))}
        >
          Delay
        </button>
        <select aria-label="Delay by" value={delay} onChange={(e) => setDelay(Number(e.target.value))}>
          {DELAYS_MS.map((ms) => (
            <option key={ms} value={ms}>
              {ms < 1000 ? `${ms} ms` : `${ms / 1000} s`}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
