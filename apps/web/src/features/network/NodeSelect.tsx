/**
 * A labelled choice of one node: for the network forms (one-way cut, link quality), and
 * with a first choice of no node in particular (`anyLabel`, the value null) for the KV
 * form's stale read.
 */
interface CommonProps {
  /** The visible label, which is also the select's accessible name. */
  label: string;
  /** Node ids to offer, in ring order. */
  nodeIds: readonly number[];
  className?: string;
}

export type NodeSelectProps = CommonProps &
  (
    | { value: number; onChange: (id: number) => void; anyLabel?: undefined }
    | { value: number | null; onChange: (id: number | null) => void; anyLabel: string }
  );

export function NodeSelect(props: NodeSelectProps) {
  const { label, nodeIds, className } = props;
  const choose = (text: string) => {
    if (props.anyLabel === undefined) props.onChange(Number(text));
    else props.onChange(text === '' ? null : Number(text));
  };
  return (
    <label className={className}>
      <span>{label}</span>
      <select value={props.value ?? ''} onChange={(e) => choose(e.target.value)}>
        {props.anyLabel !== undefined && <option value="">{props.anyLabel}</option>}
        {nodeIds.map((id) => (
          <option key={id} value={id}>
            Node {id}
          </option>
        ))}
      </select>
    </label>
  );
}
