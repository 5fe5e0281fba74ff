/**
 * The timeline under the header: a slider over the cluster's whole life (0 to the live
 * end, which grows while the cluster runs), its markers, and while the page shows the
 * past, the banner that says so with `Back to live`. `Fork` makes a new cluster at the
 * moment shown; `Jump to violation` appears once the timeline has trouble on it.
 *
 * Keyboard, on the slider: ←/→ one event, Shift+←/Shift+→ the previous/next marker,
 * Home the first moment, End the live cluster (PageUp/PageDown: a tenth of the run).
 */
import { useShallow } from 'zustand/react/shallow';
import { useEffect, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { selectSliderAt, selectTimelineEnd } from '../../store/selectors';
import { useRaft, type RaftStore } from '../../store/store';
import { BranchNote } from './BranchNote';
import { ForkButton } from './ForkButton';
import { MarkerStrip } from './MarkerStrip';
import { jumpToMarker, jumpToTrouble, seekTo } from './moves';
import { formatCount, formatSeconds, isTrouble, markersAt, momentText } from './timelineModel';
import './timeline.css';

const selectBar = (s: RaftStore) => ({
  end: selectTimelineEnd(s),
  at: selectSliderAt(s),
  moment: s.moment,
  now: s.clock.now,
  markers: s.markers,
  ready: s.connection === 'live',
});

const hasTrouble = (s: RaftStore) => s.markers.some(isTrouble);

function onSliderKey(e: KeyboardEvent<HTMLInputElement>): void {
  if (!e.shiftKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
  e.preventDefault();
  jumpToMarker(e.key === 'ArrowRight' ? 1 : -1);
}

export function TimelineBar() {
  const { end, at, moment, now, markers, ready } = useRaft(useShallow(selectBar));
  const trouble = useRaft(hasTrouble);
  const goLive = useRaft((s) => s.goLive);
  const setScrubbing = useRaft((s) => s.setScrubbing);
  // A drag ends wherever the pointer is let go (or the window loses it).
  useEffect(() => {
    const end = () => setScrubbing(false);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
    window.addEventListener('blur', end);
    return () => {
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
      window.removeEventListener('blur', end);
    };
  }, [setScrubbing]);
  const past = moment !== null;
  // The marker at the moment shown keeps its tooltip up while the slider has the focus.
  const [focused, setFocused] = useState(false);
  const shownAt = moment?.at ?? end;
  const valueText = momentText(at, end, now, at === shownAt ? markersAt(markers, at) : []);
  return (
    <section className={`timeline${past ? ' timeline--past' : ''}`} aria-label="Timeline controls">
      <div className="timeline__row">
        <div className="timeline__mode">
          {past ? (
            <span className="timeline__past">
              <strong>Viewing the past</strong>
              <span className="timeline__where">
                event {formatCount(moment.at)} · {formatSeconds(now)}
              </span>
            </span>
          ) : (
            <span className="timeline__live">
              <strong>Live</strong>
              <span className="timeline__where">event {formatCount(end)}</span>
            </span>
          )}
        </div>
        <div className="timeline__track">
          <input
            type="range"
            className="timeline__slider"
            aria-label="Timeline"
            aria-valuetext={valueText}
            aria-keyshortcuts="Shift+ArrowLeft Shift+ArrowRight"
            min={0}
            max={end}
            step={1}
            value={at}
            style={{ '--timeline-at': end > 0 ? at / end : 0 } as CSSProperties}
            disabled={!ready}
            onChange={(e) => seekTo(Number(e.target.value))}
            onKeyDown={onSliderKey}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            onPointerDown={() => setScrubbing(true)}
          />
          <MarkerStrip
            markers={markers}
            end={end}
            current={past && focused ? moment.at : null}
            onPick={seekTo}
          />
        </div>
        <div className="timeline__actions">
          {/* Always laid out, hidden while live: the slider's track must not shrink under
              the pointer the moment a drag leaves the live end. */}
          <button
            type="button"
            className={`small primary${past ? '' : ' timeline__held-place'}`}
            onClick={goLive}
            disabled={!past}
          >
            Back to live
          </button>
          {trouble && (
            <button type="button" className="small danger" onClick={jumpToTrouble}>
              Jump to violation
            </button>
          )}
          <ForkButton />
        </div>
      </div>
      <BranchNote />
    </section>
  );
}
