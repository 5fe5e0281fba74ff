/**
 * The link between two nodes, drawn as two halves: the half at node a's end stands for
 * the direction a → b (a's messages to b), the half at b's end for b → a. A click cuts
 * (or restores) both directions; a Shift+click cuts or restores only the direction of
 * the half clicked, i.e. from the nearer node. A cut half is dashed red, and a one-way
 * cut carries a barred arrow (↛) at the middle, so the direction reads without colour. From the
 * keyboard, Enter or Space toggles both directions; the Network panel's one-way form
 * reaches a single direction.
 */
import type { KeyboardEvent, MouseEvent } from 'react';
import { lerpPoint, type Point } from '../cluster/layout';
import './links.css';

export interface LinkLineProps {
  /** Lower node id of the pair. */
  a: number;
  /** Higher node id of the pair. */
  b: number;
  /** Centre of node a. */
  from: Point;
  /** Centre of node b. */
  to: Point;
  /** a → b is down. */
  abDown: boolean;
  /** b → a is down. */
  baDown: boolean;
  /** Cut (cut=true) or restore both directions of a–b. */
  onToggle: (a: number, b: number, cut: boolean) => void;
  /** Cut (cut=true) or restore the one direction from → to. */
  onToggleDirection: (from: number, to: number, cut: boolean) => void;
  /** The page may not change the network (a viewer's): the link only says how it is. */
  disabled?: boolean;
}

/** What the link's state means, in words (its tooltip and its accessible description). */
export function describeLink(a: number, b: number, abDown: boolean, baDown: boolean): string {
  const dir = (x: number, y: number, down: boolean) => `node ${x} to node ${y} ${down ? 'cut' : 'up'}`;
  return `${dir(a, b, abDown)}; ${dir(b, a, baDown)}. Click: cut or restore both directions; Shift+click near a node: only its direction.`;
}

/**
 * The mark of a one-way cut, at the link's middle: an arrow from the sender running into
 * a wall before the receiver (→|), so the blocked direction reads without colour.
 */
function OneWayMark({
  at,
  angle,
}: {
  /** The link's middle. */ at: Point;
  /** Sender → receiver, degrees. */ angle: number;
}) {
  const d = 'M-9,0H4M-1,-5L5,0L-1,5M9,-8V8';
  return (
    <g className="link__mark link__mark--one-way" transform={`translate(${at.x},${at.y}) rotate(${angle})`}>
      <path className="link__halo" d={d} />
      <path d={d} />
    </g>
  );
}

export function LinkLine({
  a,
  b,
  from,
  to,
  abDown,
  baDown,
  onToggle,
  onToggleDirection,
  disabled = false,
}: LinkLineProps) {
  const both = abDown && baDown;
  const onClick = (e: MouseEvent) => {
    if (disabled) return;
    const half = (e.target as Element).closest('[data-from]');
    if (e.shiftKey && half) {
      const x = Number(half.getAttribute('data-from'));
      const y = Number(half.getAttribute('data-to'));
      onToggleDirection(x, y, !(x === a ? abDown : baDown));
      return;
    }
    onToggle(a, b, !(abDown || baDown));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (disabled) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onToggle(a, b, !(abDown || baDown));
    }
  };
  const mid = lerpPoint(from, to, 0.5);
  const angle = (Math.atan2(to.y - from.y, to.x - from.x) * 180) / Math.PI;
  const description = describeLink(a, b, abDown, baDown);
  const half = (x: number, y: number, start: Point, down: boolean) => (
    <g className={`link__half${down ? ' link__half--down' : ''}`} data-from={x} data-to={y}>
      <line className="link__hit" x1={start.x} y1={start.y} x2={mid.x} y2={mid.y} />
      <line className="link__line" x1={start.x} y1={start.y} x2={mid.x} y2={mid.y} />
    </g>
  );
  return (
    <g
      className={`link${both ? ' link--cut' : abDown || baDown ? ' link--one-way' : ''}${disabled ? ' link--disabled' : ''}`}
      role="button"
      tabIndex={0}
      aria-disabled={disabled || undefined}
      aria-label={`Link between node ${a} and node ${b}`}
      aria-pressed={both ? true : abDown || baDown ? 'mixed' : false}
      aria-description={description}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <title>{description}</title>
      {/* The keyboard focus, drawn only while the link has it (links.css): a band in the
          focus colour with the panel's colour inside, an outline around both halves. */}
      <line className="link__focus" x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
      <line className="link__focus-gap" x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
      {half(a, b, from, abDown)}
      {half(b, a, to, baDown)}
      {both && (
        <g className="link__mark" transform={`translate(${mid.x},${mid.y})`}>
          <circle r={8} />
          <path d="M-4,-4L4,4M4,-4L-4,4" />
        </g>
      )}
      {!both && (abDown || baDown) && <OneWayMark at={mid} angle={abDown ? angle : angle + 180} />}
    </g>
  );
}
