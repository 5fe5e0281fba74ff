/**
 * The ring: link lines (bottom), messages in flight, election timers, and the nodes
 * (top). React owns the structure; the message and timer layers draw their own children.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRaft } from '../../store/store';
import { nodePairs, selectLinkState } from '../../store/selectors';
import { LinkLine } from '../network/LinkLine';
import { MessageLayer } from '../network/MessageLayer';
import { useLinkToggle } from '../network/useNetworkActions';
import { ringLayout } from './layout';
import { NodeGlyph } from './NodeGlyph';
import { TimerLayer } from './TimerLayer';

const WIDTH = 560;
const HEIGHT = 440;

export function ClusterView() {
  const nodeIds = useRaft(useShallow((s) => s.nodeIds));
  const nodes = useRaft((s) => s.nodes);
  const selected = useRaft((s) => s.selected);
  const select = useRaft((s) => s.select);
  const linkStates = useRaft(
    useShallow((s) => nodePairs(s.nodeIds).map(([a, b]) => selectLinkState(s, a, b))),
  );
  const toggleLink = useLinkToggle();
  const layout = useMemo(() => ringLayout(nodeIds, WIDTH, HEIGHT), [nodeIds]);
  const pairs = useMemo(() => nodePairs(nodeIds), [nodeIds]);

  return (
    <svg className="ring" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label="Cluster">
      <g className="links">
        {pairs.map(([a, b], i) => (
          <LinkLine
            key={`${a}-${b}`}
            a={a}
            b={b}
            from={layout.positions.get(a)!}
            to={layout.positions.get(b)!}
            state={linkStates[i] ?? 'up'}
            onToggle={toggleLink}
          />
        ))}
      </g>
      <MessageLayer layout={layout} />
      <g className="nodes">
        {nodeIds.map((id) =>
          nodes[id] ? (
            <NodeGlyph
              key={id}
              node={nodes[id]}
              at={layout.positions.get(id)!}
              radius={layout.nodeRadius}
              selected={selected === id}
              onSelect={select}
            />
          ) : null,
        )}
      </g>
      <TimerLayer layout={layout} />
    </svg>
  );
}
