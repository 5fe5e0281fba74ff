/** The link between two nodes: a button that cuts both directions, or restores them. */
import type { KeyboardEvent } from 'react';
import type { LinkState } from '../../store/selectors';
import type { Point } from '../cluster/layout';

export interface LinkLineProps {
  /** Lower node id of the pair. */
  a: number;
  /** Higher node id of the pair. */
  b: number;
  /** Centre of node a. */
  from: Point;
  /** Centre of node b. */
  to: Point;
  /** Whether both, one or neither direction is down. */
  state: LinkState;
  /** Toggles the link: cut it when up, restore it otherwise. */
  onToggle: (a: number, b: number, cut: boolean) => void;
}

export function LinkLine({ a, b, from, to, state, onToggle }: LinkLineProps) {
  const toggle = () => onToggle(a, b, state === 'up');
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle();
    }
  };
  const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  return (
    <g
      className={`link link--${state}`}
      role="button"
      tabIndex={0}
      aria-label={`Link between node ${a} and node ${b}`}
      aria-pressed={state !== 'up'}
      onClick={toggle}
      onKeyDown={onKeyDown}
    >
      <title>{state === 'up' ? `Cut link ${a}–${b}` : `Restore link ${a}–${b}`}</title>
      <line className="link__hit" x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
      <line className="link__line" x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
      {state !== 'up' && (
        <g className="link__mark" transform={`translate(${mid.x},${mid.y})`}>
          <circle r={8} />
          <path d="M-4,-4L4,4M4,-4L-4,4" />
        </g>
      )}
    </g>
  );
}
