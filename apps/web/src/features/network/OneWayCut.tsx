/**
 * The keyboard way to a one-way cut (the ring's Shift+click): pick From and To and cut,
 * or restore, only that direction. The button says which it will do.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRaft } from '../../store/store';
import { selectLinkDown } from '../../store/selectors';
import { useDirectionToggle } from './useNetworkActions';
import { NodeSelect } from './NodeSelect';

export function OneWayCut() {
  const nodeIds = useRaft(useShallow((s) => s.nodeIds));
  const [from, setFrom] = useState(1);
  const [to, setTo] = useState(2);
  const down = useRaft((s) => selectLinkDown(s, from, to));
  const toggle = useDirectionToggle();
  const valid = from !== to && nodeIds.includes(from) && nodeIds.includes(to);
  return (
    <details className="link-quality__details">
      <summary id="one-way-heading">One direction only</summary>
      <p className="hint">
        Cut only the sender’s messages to the receiver (or Shift+click a line near the sender).
      </p>
      <div className="one-way" role="group" aria-labelledby="one-way-heading">
        <NodeSelect label="From" nodeIds={nodeIds} value={from} onChange={setFrom} />
        <span className="one-way__arrow" aria-hidden="true">
          ↛
        </span>
        <NodeSelect label="To" nodeIds={nodeIds} value={to} onChange={setTo} />
        <button type="button" disabled={!valid} onClick={() => toggle(from, to, !down)}>
          {down ? 'Restore one way' : 'Cut one way'}
        </button>
      </div>
    </details>
  );
}
