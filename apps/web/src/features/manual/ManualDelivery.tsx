/**
 * Manual delivery: time stands still and the person picks what happens next, as in a
 * model checker's explorer — any message in flight delivered (or dropped) now, any
 * node's election timeout fired, or the next event in time. Enough to build a split
 * vote (§5.2) or Figure 8 (§5.4.2) by hand; every choice is an input of the trace, so
 * the run replays exactly and can be scrubbed.
 */
import { useState } from 'react';
import type { MessageInFlight } from '@raftlab/protocol';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../api/actions';
import { messageActions } from '../../api/messages';
import { stepBy } from '../timeline/moves';
import { useRaft } from '../../store/store';
import { Acting } from '../access/Acting';
import './manual.css';

/** Messages listed at most; the rest are counted. */
const MAX_LISTED = 24;

/** What an AppendEntries carries, so a heartbeat and a replication can be told apart. */
function carrying(msg: MessageInFlight['msg']): string {
  if (msg.type !== 'AppendEntries') return '';
  const n = msg.entries.length;
  return n === 0 ? ' (heartbeat)' : ` (${n} ${n === 1 ? 'entry' : 'entries'})`;
}

export function ManualDelivery() {
  const paused = useRaft((s) => s.clock.paused);
  const live = useRaft((s) => s.connection === 'live');
  const [chosen, setChosen] = useState(false);
  // Playing the clock again ends manual delivery: time moves by itself once more.
  const on = chosen && paused;
  const toggle = (next: boolean) => {
    setChosen(next);
    if (next && !paused) void actions.setPaused(true);
  };
  return (
    <section className="panel manual" aria-labelledby="manual-heading">
      <h2 id="manual-heading">Manual delivery</h2>
      <Acting>
        <label className="manual__switch">
          <input type="checkbox" checked={on} disabled={!live} onChange={(e) => toggle(e.target.checked)} />
          Manual delivery
        </label>
        {!on && (
          <p className="hint">
            Stop time and choose, one by one, which message arrives or which timer fires.
          </p>
        )}
        {on && (
          <>
            <p className="hint">Time stands still. Pick what happens next:</p>
            <NextEvents />
          </>
        )}
      </Acting>
    </section>
  );
}

/**
 * What may happen next, one button each. Its own component so that the store's messages
 * are only watched while manual delivery is on: they change with nearly every frame.
 */
function NextEvents() {
  const messages = useRaft(
    useShallow((s) => Object.values(s.messages).sort((a, b) => a.deliverAt - b.deliverAt || a.id - b.id)),
  );
  const timers = useRaft(
    useShallow((s) => s.nodeIds.filter((id) => s.nodes[id]?.up && s.nodes[id]?.role !== 'leader')),
  );
  const leaders = useRaft(
    useShallow((s) => s.nodeIds.filter((id) => s.nodes[id]?.up && s.nodes[id]?.role === 'leader')),
  );
  return (
    <ul className="manual__list" aria-label="Next events">
      {messages.slice(0, MAX_LISTED).map((m) => {
        const name = `${m.msg.type} ${m.msg.from} → ${m.msg.to}${carrying(m.msg)}`;
        return (
          <li key={m.id}>
            <span className="manual__what">
              {name}
              <span className="manual__when">due {(m.deliverAt / 1e6).toFixed(3)} s</span>
            </span>
            <button
              type="button"
              className="small"
              aria-label={`Deliver ${name}`}
              onClick={() => void messageActions.act(m.id, 'deliver')}
            >
              Deliver
            </button>
            <button
              type="button"
              className="small"
              aria-label={`Drop ${name}`}
              onClick={() => void messageActions.act(m.id, 'drop')}
            >
              Drop
            </button>
          </li>
        );
      })}
      {messages.length > MAX_LISTED && (
        <li className="hint">and {messages.length - MAX_LISTED} more in flight</li>
      )}
      {leaders.map((id) => (
        <li key={`beat-${id}`}>
          <span className="manual__what">Node {id}: heartbeat timeout</span>
          <button
            type="button"
            className="small"
            aria-label={`Send heartbeats from node ${id}`}
            onClick={() => void messageActions.heartbeat(id)}
          >
            Heartbeat
          </button>
        </li>
      ))}
      {timers.map((id) => (
        <li key={`timer-${id}`}>
          <span className="manual__what">Node {id}: election timeout</span>
          <button
            type="button"
            className="small"
            aria-label={`Time out node ${id}`}
            onClick={() => void actions.timeout(id)}
          >
            Time out
          </button>
        </li>
      ))}
      <li>
        <span className="manual__what">Whatever comes next in time</span>
        {/* In the past the next event is already known: a step there shows it (timeline/moves.ts). */}
        <button type="button" className="small" onClick={() => stepBy(1)}>
          Step
        </button>
      </li>
    </ul>
  );
}
