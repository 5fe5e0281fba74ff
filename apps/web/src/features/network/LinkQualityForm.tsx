/** Per-link loss, duplication and latency, for one direction or both. */
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../api/actions';
import { useRaft } from '../../store/store';
import { linkQualityBody } from './presets';
import { NodeSelect } from './NodeSelect';

export function LinkQualityForm() {
  const nodeIds = useRaft(useShallow((s) => s.nodeIds));
  const [from, setFrom] = useState(1);
  const [to, setTo] = useState(2);
  const [loss, setLoss] = useState('0');
  const [duplicate, setDuplicate] = useState('0');
  const [latencyMin, setLatencyMin] = useState('');
  const [latencyMax, setLatencyMax] = useState('');
  const [bothWays, setBothWays] = useState(true);
  const valid = from !== to && nodeIds.includes(from) && nodeIds.includes(to);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    const min = Number(latencyMin);
    const max = Number(latencyMax || latencyMin);
    const latencyMs = latencyMin === '' ? null : { min, max: Math.max(min, max) };
    void actions.setNetwork(
      linkQualityBody(
        from,
        to,
        { lossPercent: Number(loss) || 0, duplicatePercent: Number(duplicate) || 0, latencyMs },
        bothWays,
      ),
      `change link ${from}→${to}`,
    );
  };
  const numberInput = (label: string, value: string, set: (v: string) => void, placeholder = '') => (
    <label>
      <span>{label}</span>
      <input
        type="number"
        min={0}
        max={label.endsWith('%') ? 100 : 10000}
        step="any"
        value={value}
        placeholder={placeholder}
        onChange={(e) => set(e.target.value)}
      />
    </label>
  );
  return (
    <form className="link-quality" onSubmit={onSubmit} aria-label="Link quality">
      <NodeSelect label="From" nodeIds={nodeIds} value={from} onChange={setFrom} />
      <NodeSelect label="To" nodeIds={nodeIds} value={to} onChange={setTo} />
      {numberInput('Loss %', loss, setLoss)}
      {numberInput('Duplicate %', duplicate, setDuplicate)}
      {numberInput('Latency min (ms)', latencyMin, setLatencyMin, 'default')}
      {numberInput('Latency max (ms)', latencyMax, setLatencyMax, 'default')}
      <label className="checkbox">
        <input type="checkbox" checked={bothWays} onChange={(e) => setBothWays(e.target.checked)} />
        <span>Both directions</span>
      </label>
      <button type="submit" disabled={!valid}>
        Apply to link
      </button>
    </form>
  );
}
