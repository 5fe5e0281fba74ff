/**
 * The buttons that take a message in flight in hand (in its pinned details): drop it,
 * send it once more, deliver it now, or delay it by a chosen amount.
 */
import { useState } from 'react';
import { messageActions, type MessageAction } from '../../api/messages';
import { useRaft } from '../../store/store';
import { Acting } from '../access/Acting';
import './manual.css';

const HAND_ACTIONS: ReadonlyArray<readonly [MessageAction, string]> = [
  ['drop', 'Drop'],
  ['duplicate', 'Duplicate'],
  ['deliver', 'Deliver now'],
];

/** Delays offered, in virtual ms. */
export const DELAYS_MS = [20, 100, 500, 2000] as const;

export function MessageHand({ id, onDone }: { id: number; onDone: () => void }) {
  const live = useRaft((s) => s.connection === 'live');
  const [delay, setDelay] = useState<number>(DELAYS_MS[1]);
  const act = (done: Promise<boolean>) => void done.then((ok) => ok && onDone());
  return (
    <div className="hand" role="group" aria-label={`Message ${id} in hand`}>
      <Acting>
        {HAND_ACTIONS.map(([action, label]) => (
          <button
            key={action}
            type="button"
            className="small"
            disabled={!live}
            onClick={() => act(messageActions.act(id, action))}
          >
            {label}
          </button>
        ))}
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
      </Acting>
    </div>
  );
}
