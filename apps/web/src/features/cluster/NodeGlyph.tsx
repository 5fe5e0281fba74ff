/** One node on the ring: a selectable button showing id, role, term and vote. */
import type { KeyboardEvent } from 'react';
import type { NodeState } from '@raftlab/protocol';
import { nodeLabel, ringWord, roleWord } from '../../store/selectors';
import type { CaptionPlacement } from './captions';
import type { Point } from './layout';
import type { RingType } from './ringView';

export interface NodeGlyphProps {
  /** The node's latest state. */
  node: NodeState;
  /** Centre of the node in SVG coordinates. */
  at: Point;
  /** Radius of the node's body. */
  radius: number;
  /** Where the term and vote caption goes (see `placeCaptions`). */
  caption: CaptionPlacement;
  /** The sizes of the words, which `placeCaptions` planned for. */
  type: RingType;
  /** Whether this node is the one the actions panel acts on. */
  selected: boolean;
  /** Picked out by the Safety panel (involved in a violation). */
  flagged?: boolean;
  /** What the lesson's step speaks of (features/lesson). */
  spotlit?: boolean;
  /** Called when the node is clicked or activated with Enter / Space. */
  onSelect: (id: number) => void;
}

export function NodeGlyph({
  node,
  at,
  radius,
  caption,
  type,
  selected,
  flagged = false,
  spotlit = false,
  onSelect,
}: NodeGlyphProps) {
  const role = roleWord(node);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(node.id);
    }
  };
  const vote = node.vote > 0 ? `voted ${node.vote}` : 'no vote';
  return (
    <g
      className={`node node--${role}${node.voter ? '' : ' node--non-voter'}${selected ? ' node--selected' : ''}${flagged ? ' node--flagged' : ''}`}
      transform={`translate(${at.x},${at.y})`}
      role="button"
      tabIndex={0}
      aria-label={nodeLabel(node)}
      aria-pressed={selected}
      onClick={() => onSelect(node.id)}
      onKeyDown={onKeyDown}
    >
      {spotlit && <circle className="node__spot" r={radius + 23} />}
      {flagged && <circle className="node__flag" r={radius + 19} />}
      {selected && <circle className="node__halo" r={radius + 15} />}
      {/* Drawn only while the node has the keyboard focus (cluster.css): outside the timer
          arc (radius + 4 to + 10), over the selection's halo, inside the crown's place. */}
      <circle className="node__focus" r={radius + 15} />
      <circle className="node__track" r={radius + 7} />
      {/* Its fill, border and the words' colour come from its role (cluster.css). */}
      <circle className="node__body" r={radius} />
      {role === 'crashed' && (
        <path
          className="node__cross"
          d={`M${-radius * 0.5},${-radius * 0.5}L${radius * 0.5},${radius * 0.5}M${radius * 0.5},${-radius * 0.5}L${-radius * 0.5},${radius * 0.5}`}
        />
      )}
      {role === 'leader' && (
        <path
          className="node__crown"
          d="M-11,-7 L-11,3 L11,3 L11,-7 L5.5,-1 L0,-9 L-5.5,-1 Z"
          transform={`translate(0,${-radius - 22})`}
        />
      )}
      {/* The id's baseline a little above the centre, the role's under it. */}
      <text className="node__id" y={-type.id / 5} style={{ fontSize: type.id }}>
        {node.id}
      </text>
      <text className="node__role" y={type.role + 1} style={{ fontSize: type.role }}>
        {ringWord(node)}
      </text>
      <text
        className="node__caption"
        x={caption.x}
        y={caption.y}
        style={{ textAnchor: caption.anchor, fontSize: type.caption }}
      >
        <tspan x={caption.x}>term {node.term}</tspan>
        <tspan x={caption.x} dy={type.captionLine}>
          {vote}
        </tspan>
      </text>
    </g>
  );
}
