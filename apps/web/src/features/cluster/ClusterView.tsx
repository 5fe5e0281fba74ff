/**
 * The ring: link lines and nodes in one SVG, with the election timers and the messages in
 * flight in two more stacked on top of it (same viewBox, same box). React owns the
 * structure; the message and timer layers draw their own children every frame. They are
 * separate SVGs, each its own compositor layer, because a change anywhere in an SVG
 * repaints all of it: redrawing nine timer arcs inside the ring repainted every node,
 * caption and link each frame, about 2.6 ms of main-thread CPU a frame at 1× with 9
 * nodes (bench:web: 585 ms/s busy with the arcs, 300 without).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { useSpotlitNodes } from '../lesson/spotlight';
import type { MessageInFlight } from '@raftlab/protocol';
import { useShallow } from 'zustand/react/shallow';
import { useRaft } from '../../store/store';
import { nodePairs, selectLeader, selectLinkDown } from '../../store/selectors';
import { MessagePopover } from '../network/MessagePopover';
import { ProgressLabels } from './ProgressLabels';
import { LinkLine } from '../network/LinkLine';
import { MessageLayer } from '../network/MessageLayer';
import { useDirectionToggle, useLinkToggle } from '../network/useNetworkActions';
import { placeCaptions } from './captions';
import { ringLayout } from './layout';
import { NodeGlyph } from './NodeGlyph';
import { TimerLayer } from './TimerLayer';
import './cluster.css';

const WIDTH = 560;
const HEIGHT = 440;

export function ClusterView() {
  const nodeIds = useRaft(useShallow((s) => s.nodeIds));
  const nodes = useRaft((s) => s.nodes);
  const selected = useRaft((s) => s.selected);
  const spotlit = useSpotlitNodes();
  const select = useRaft((s) => s.select);
  const highlighted = useRaft((s) => s.highlighted);
  const leader = useRaft(selectLeader);
  const wrapper = useRef<HTMLDivElement>(null);
  const [inspected, setInspected] = useState<{
    message: MessageInFlight;
    at: { x: number; y: number };
    pinned: boolean;
  } | null>(null);
  const onInspect = useCallback(
    (message: MessageInFlight | null, anchor: Element | null, pinned: boolean) => {
      setInspected((current) => {
        if (!message || !anchor || !wrapper.current) return current?.pinned ? current : null;
        if (current?.pinned && !pinned) return current;
        const box = anchor.getBoundingClientRect();
        const origin = wrapper.current.getBoundingClientRect();
        return { message, pinned, at: { x: box.right - origin.left + 8, y: box.top - origin.top - 8 } };
      });
    },
    [],
  );
  /** Per pair, a→b down then b→a down, flattened so useShallow can compare it. */
  const linksDown = useRaft(
    useShallow((s) =>
      nodePairs(s.nodeIds).flatMap(([a, b]) => [selectLinkDown(s, a, b), selectLinkDown(s, b, a)]),
    ),
  );
  const toggleLink = useLinkToggle();
  const toggleDirection = useDirectionToggle();
  const layout = useMemo(() => ringLayout(nodeIds, WIDTH, HEIGHT), [nodeIds]);
  const captions = useMemo(() => placeCaptions(layout), [layout]);
  const pairs = useMemo(() => nodePairs(nodeIds), [nodeIds]);

  return (
    <div className="ring-wrap" ref={wrapper}>
      <svg className="ring" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label="Cluster">
        <g className="links">
          {pairs.map(([a, b], i) => (
            <LinkLine
              key={`${a}-${b}`}
              a={a}
              b={b}
              from={layout.positions.get(a)!}
              to={layout.positions.get(b)!}
              abDown={linksDown[2 * i] ?? false}
              baDown={linksDown[2 * i + 1] ?? false}
              onToggle={toggleLink}
              onToggleDirection={toggleDirection}
            />
          ))}
        </g>
        {leader?.progress && <ProgressLabels leader={leader} layout={layout} captions={captions} />}
        <g className="nodes">
          {nodeIds.map((id) =>
            nodes[id] ? (
              <NodeGlyph
                key={id}
                node={nodes[id]}
                at={layout.positions.get(id)!}
                radius={layout.nodeRadius}
                caption={captions.get(id)!}
                selected={selected === id}
                flagged={highlighted.includes(id)}
                spotlit={spotlit.includes(id)}
                onSelect={select}
              />
            ) : null,
          )}
        </g>
      </svg>
      <svg className="ring__overlay" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
        <TimerLayer layout={layout} />
      </svg>
      <svg className="ring__overlay" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
        <MessageLayer layout={layout} onInspect={onInspect} />
      </svg>
      {inspected && (
        <MessagePopover
          message={inspected.message}
          at={inspected.at}
          pinned={inspected.pinned}
          onClose={() => setInspected(null)}
        />
      )}
    </div>
  );
}
