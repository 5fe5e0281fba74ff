/** A labelled choice of one node, for the network forms (one-way cut, link quality). */
export interface NodeSelectProps {
  /** The visible label, which is also the select's accessible name. */
  label: string;
  /** Node ids to offer, in ring order. */
  nodeIds: readonly number[];
  value: number;
  onChange: (id: number) => void;
}

export function NodeSelect({ label, nodeIds, value, onChange }: NodeSelectProps) {
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {nodeIds.map((id) => (
          <option key={id} value={id}>
            Node {id}
          </option>
        ))}
      </select>
    </label>
  );
}
