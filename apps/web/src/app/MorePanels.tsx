/**
 * Presenter mode's disclosure under the ring: the expert panels (logs, feed, safety,
 * history, tables, charts, the legend, manual delivery, branches) fold away behind it,
 * one press from view. A button with aria-expanded rather than <details>, because what
 * it opens lies in two places: under the ring and in the controls column.
 */
export interface MorePanelsProps {
  /** Whether the folded panels are shown. */
  open: boolean;
  onToggle: () => void;
  /** The ids of the regions it shows and hides (aria-controls). */
  controls: string;
}

export function MorePanels({ open, onToggle, controls }: MorePanelsProps) {
  return (
    <div className="more-panels">
      <button type="button" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> More panels
      </button>
      {!open && (
        <span className="muted">
          logs, feed, safety, history, tables, charts, legend, manual delivery, branches
        </span>
      )}
    </div>
  );
}
