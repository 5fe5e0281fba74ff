/**
 * The ring: link lines and nodes in one SVG that React owns, with the election timers
 * and the messages in flight on a canvas over it (same box, the viewBox fitted the same
 * way) that a worker paints (features/ring/). Nothing on the ring's SVG changes per
 * frame: an SVG changed anywhere repaints all of it, and the moving parts drawn as SVG
 * cost the page's main thread style, layout, paint and layerize every frame (at 0.02×,
 * where something always moves, most of the page's time: README, Performance).
 */
import { useCallback, useMemo, useState } from 'react';
import { useSpotlitNodes } from '../lesson/spotlight';
import type { MessageInFlight } from '@raftlab/protocol';
import { useShallow } from 'zustand/react/shallow';
import { useRaft } from '../../store/store';
import { nodePairs, selectLeader, selectLinkDown, selectMayControl } from '../../store/selectors';
import { MessagePopover } from '../network/MessagePopover';
import { ProgressLabels } from './ProgressLabels';
import { LinkLine } from '../network/LinkLine';
import { RingCanvas } from '../ring/RingCanvas';
import { useDirectionToggle, useLinkToggle } from '../network/useNetworkActions';
import { placeCaptions } from './captions';
import { ringLayout, type Point } from './layout';
import { NodeGlyph } from './NodeGlyph';
import { ringView, type RingMode } from './ringView';
import './cluster.css';

export interface ClusterViewProps {
  /** Where the ring is drawn, which picks its view (ringView.ts). */
  mode?: RingMode;
}

export function ClusterView({ mode = 'dashboard' }: ClusterViewProps) {
  const nodeIds = useRaft(useShallow((s) => s.nodeIds));
  const nodes = useRaft((s) => s.nodes);
  const selected = useRaft((s) => s.selected);
  const spotlit = useSpotlitNodes();
  const select = useRaft((s) => s.select);
  const highlighted = useRaft((s) => s.highlighted);
  const leader = useRaft(selectLeader);
  const [inspected, setInspected] = useState<{
    message: MessageInFlight;
    at: { x: number; y: number };
    pinned: boolean;
  } | null>(null);
  const onInspect = useCallback((message: MessageInFlight | null, anchor: Point | null, pinned: boolean) => {
    setInspected((current) => {
      if (!message || !anchor) return current?.pinned ? current : null;
      if (current?.pinned && !pinned) return current;
      return { message, pinned, at: { x: anchor.x + 8, y: anchor.y - 8 } };
    });
  }, []);
  const closeInspected = useCallback(() => setInspected(null), []);
  /** Per pair, a→b down then b→a down, flattened so useShallow can compare it. */
  const linksDown = useRaft(
    useShallow((s) =>
      nodePairs(s.nodeIds).flatMap(([a, b]) => [selectLinkDown(s, a, b), selectLinkDown(s, b, a)]),
    ),
  );
  const control = useRaft(selectMayControl);
  const toggleLink = useLinkToggle();
  const toggleDirection = useDirectionToggle();
  const view = ringView(mode, nodeIds.length);
  const layout = useMemo(() => ringLayout(nodeIds, view.width, view.height, view.type), [nodeIds, view]);
  const captions = useMemo(() => placeCaptions(layout), [layout]);
  const pairs = useMemo(() => nodePairs(nodeIds), [nodeIds]);

  return (
    <div className="ring-wrap">
      <svg className="ring" viewBox={`0 0 ${view.width} ${view.height}`} role="group" aria-label="Cluster">
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
              disabled={!control}
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
                type={layout.type}
                selected={selected === id}
                flagged={highlighted.includes(id)}
                spotlit={spotlit.includes(id)}
                onSelect={select}
              />
            ) : null,
          )}
        </g>
      </svg>
      <RingCanvas layout={layout} onInspect={onInspect} />
      {inspected && (
        <MessagePopover
          message={inspected.message}
          at={inspected.at}
          pinned={inspected.pinned}
          onClose={closeInspected}
        />
      )}
    </div>
  );
}
