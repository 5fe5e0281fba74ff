/**
 * The markers under the timeline's slider, thinned to what the strip's width can show
 * (timelineModel.ts): each group is one button at its most important marker, with a
 * tooltip listing what it holds; clicking it shows that moment. The buttons stay out of
 * the tab order (the slider's Shift+arrows reach every marker, thinned or not) but are
 * in the accessibility tree, named by their markers.
 */
import type { Marker } from '@raftlab/protocol';
import { memo, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { MarkerGlyph } from './MarkerGlyph';
import { groupTitle, MARKER_NAMES, thinMarkers, thinningEnd, type MarkerGroup } from './timelineModel';

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

interface MarkerButtonProps {
  /** The marker the group shows and goes to. */
  lead: Marker;
  /** Where it is on the thinning scale, 0 to 1. */
  x: number;
  /** The group holds more than its lead. */
  more: boolean;
  /** What it holds, for its accessible name. */
  label: string;
  /** Shows a moment. */
  onPick: (at: number) => void;
  /** The pointer is over the group led by the marker at this moment. */
  onHover: (at: number) => void;
}

/** One group's button, at its place on the thinning scale (which a growing end leaves alone). */
const MarkerButton = memo(function MarkerButton({
  lead,
  x,
  more,
  label,
  onPick,
  onHover,
}: MarkerButtonProps) {
  return (
    <button
      type="button"
      tabIndex={-1}
      className="marker"
      style={{ left: `${x * 100}%`, '--marker-colour': `var(--marker-${lead.kind})` } as CSSProperties}
      aria-label={label}
      onPointerEnter={() => onHover(lead.at)}
      onClick={() => onPick(lead.at)}
    >
      <MarkerGlyph kind={lead.kind} />
      {more && <span className="marker__more" aria-hidden="true" />}
    </button>
  );
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
  const scaleEnd = thinningEnd(end);
  const groups = useMemo(
    () => thinMarkers(markers, scaleEnd, width, GROUP_GAP_PX),
    [markers, scaleEnd, width],
  );
  // By moment, not by group: the groups are made anew as markers arrive.
  const [hovered, setHovered] = useState<number | null>(null);
  const tipAt = hovered ?? current;
  const tip = tipAt === null ? null : groupOf(markers, groups, tipAt);
  const tipX = tip && end > 0 ? Math.min(1, tip.lead.at / end) : 0;
  return (
    <div className="marker-strip" ref={ref} onPointerLeave={() => setHovered(null)}>
      {/* The buttons sit on the thinning scale, which spans more than the strip while the
          live end is below it: as the end grows only this box's width changes, so a frame
          restyles no button (changing each one's place restyled them all, every frame). */}
      <div className="marker-strip__window">
        <div
          className="marker-strip__scale"
          style={{ width: `calc((100% - 16px) * ${scaleEnd / Math.max(1, end)})` }}
        >
          {groups.map((g) => (
            <MarkerButton
              key={`${g.from}-${g.lead.at}`}
              lead={g.lead}
              x={g.x}
              more={g.count > 1}
              label={groupTitle(markers, g).replaceAll('\n', '; ')}
              onPick={onPick}
              onHover={setHovered}
            />
          ))}
        </div>
      </div>
      {tip && (
        <div
          className={`marker-tip${tipX > 0.7 ? ' marker-tip--left' : ''}`}
          style={{ left: `${tipX * 100}%` }}
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
