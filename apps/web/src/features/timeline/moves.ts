/**
 * Moving through the timeline: to a moment, one event either way, to the next marker or
 * the next trouble. Moments are asked of the store (the stream fetches them); the end of
 * the timeline is the live cluster, so a move there goes back to live.
 */
import { actions } from '../../api/actions';
import { selectMayControl, selectSliderAt, selectTimelineEnd } from '../../store/selectors';
import { raftStore, type RaftStore } from '../../store/store';
import { adjacentMarker, nextTrouble } from './timelineModel';

/** Shows moment `at` (the live cluster at or past the end). */
export function seekTo(at: number): void {
  const s = raftStore.getState();
  if (at >= selectTimelineEnd(s)) s.goLive();
  else s.seek(Math.max(0, at));
}

/**
 * Whether a step of `delta` events can be taken: while viewing the past, or paused. A
 * step forward from the live end runs the cluster, which a page without control may
 * not; moving through the past is only looking.
 */
export function canStep(s: RaftStore, delta: 1 | -1): boolean {
  if (s.connection !== 'live') return false;
  if (s.moment !== null || s.seeking !== null) return true;
  if (delta > 0) return s.clock.paused && selectMayControl(s);
  return s.clock.paused && s.clock.seq > 0;
}

/**
 * One event either way. In the past that is the next or previous moment; live and
 * paused, a step forward runs the cluster one event (there is no later moment yet) and
 * a step back goes into the past.
 */
export function stepBy(delta: 1 | -1): void {
  const s = raftStore.getState();
  if (!canStep(s, delta)) return;
  if (s.moment === null && s.seeking === null && delta > 0) void actions.step();
  else seekTo(selectSliderAt(s) + delta);
}

/** To the nearest marker after (1) or before (-1) where the slider stands. */
export function jumpToMarker(dir: 1 | -1): void {
  const s = raftStore.getState();
  const marker = adjacentMarker(s.markers, selectSliderAt(s), dir);
  if (marker) seekTo(marker.at);
}

/** To the next safety violation or linearizability failure (the first again after the last). */
export function jumpToTrouble(): void {
  const s = raftStore.getState();
  const marker = nextTrouble(s.markers, s.moment === null && s.seeking === null ? null : selectSliderAt(s));
  if (marker) seekTo(marker.at);
}
