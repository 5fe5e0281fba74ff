/**
 * The markers under the timeline's slider, thinned to what the strip's width can show
 * (timelineModel.ts): each group is one button at its most important marker, with a
 * tooltip listing what it holds; clicking it shows that moment. The buttons stay out of
 * the tab order (the slider's Shift+arrows reach every marker, thinned or not) but are
 * in the accessibility tree, named by their markers.
 */
import type { Marker } from '@raftlab/protocol';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { MarkerGlyph } from './MarkerGlyph';
import { groupTitle, MARKER_NAMES, thinMarkers, type MarkerGroup } from './timelineModel';

export interface MarkerStripProps {
  /** Every marker, sorted by moment. */
  markers: readonly Marker[];
  /** The last moment of the timeline (the strip's right edge). */
  end: number;
  /** A moment whose marker keeps its tooltip up (the one shown, while the slider has the focus), or null. */
  current: number | null;
  /** Shows a moment. */
  onPick: (at: number) => void;
}

/** Pixels a group needs to itself: a glyph and a little air. */
const GROUP_GAP_PX = 9;

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The groups' buttons: drawn again only when the groups change, not with the tooltip. */
const MarkerButtons = memo(function MarkerButtons({
  markers,
  groups,
  onPick,
  onHover,
}: {
  /** Every marker, sorted by moment. */
  markers: readonly Marker[];
  /** Their groups (thinMarkers). */
  groups: readonly MarkerGroup[];
  /** Shows a moment. */
  onPick: (at: number) => void;
  /** The pointer is over the group led by the marker at this moment. */
  onHover: (at: number) => void;
}) {
  return groups.map((g) => (
    <button
      key={`${g.from}-${g.lead.at}`}
      type="button"
      tabIndex={-1}
      className={`marker marker--${g.lead.kind}`}
      style={{ left: `${g.x * 100}%` }}
      aria-label={groupTitle(markers, g).replaceAll('\n', '; ')}
      onPointerEnter={() => onHover(g.lead.at)}
      onClick={() => onPick(g.lead.at)}
    >
      <MarkerGlyph kind={g.lead.kind} />
      {g.count > 1 && <span className="marker__more" aria-hidden="true" />}
    </button>
  ));
});

/** The group holding moment `at` (the one led by it, for a hovered group), or null. */
function groupOf(markers: readonly Marker[], groups: readonly MarkerGroup[], at: number): MarkerGroup | null {
  return (
    groups.find((g) => g.lead.at === at || (markers[g.from].at <= at && at <= markers[g.to - 1].at)) ?? null
  );
}

export const MarkerStrip = memo(function MarkerStrip({ markers, end, current, onPick }: MarkerStripProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const groups = useMemo(() => thinMarkers(markers, end, width, GROUP_GAP_PX), [markers, end, width]);
  // By moment, not by group: the groups are made anew as markers arrive.
  const [hovered, setHovered] = useState<number | null>(null);
  const tipAt = hovered ?? current;
  const tip = tipAt === null ? null : groupOf(markers, groups, tipAt);
  return (
    <div className="marker-strip" ref={ref} onPointerLeave={() => setHovered(null)}>
      <MarkerButtons markers={markers} groups={groups} onPick={onPick} onHover={setHovered} />
      {tip && (
        <div
          className={`marker-tip${tip.x > 0.7 ? ' marker-tip--left' : ''}`}
          style={{ left: `${tip.x * 100}%` }}
          role="tooltip"
        >
          <strong>{MARKER_NAMES[tip.lead.kind]}</strong>
          {groupTitle(markers, tip)
            .split('\n')
            .map((line, i) => (
              <span key={i}>{line}</span>
            ))}
        </div>
      )}
    </div>
  );
});
