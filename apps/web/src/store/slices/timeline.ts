/**
 * The timeline slice: the cluster's markers, which moment the page shows (null while it
 * shows the live cluster), what the person asked to see that is not shown yet, and the
 * cluster's lineage.
 *
 * The past arrives as ordinary frames carrying `moment` (a snapshot a little before the
 * moment, then the events up to it), through the same reducers as the live stream, so
 * there is no second way of drawing a state. Asking for a moment only records it here
 * (`seek`); the stream (api/stream.ts) sends it, one seek at a time.
 */
import { LIMITS, type Lineage, type Marker, type PastMoment } from '@raftlab/protocol';
import type { StateCreator } from 'zustand';
import type { Slice } from '../draft';
import type { RaftStore } from '../store';

export interface TimelineState {
  /** Moments worth finding again, oldest first (bounded: the newest stay). */
  markers: Marker[];
  /** The moment shown, with the live end of the timeline then; null while the page is live. */
  moment: PastMoment | null;
  /**
   * What the person asked to see that the page does not show yet: a moment, or the live
   * cluster; null when what is shown is what was asked for. The slider shows it.
   */
  seeking: number | 'live' | null;
  /** Where this cluster was forked or rewound away from. */
  parent: Lineage | null;
  /** The branch that keeps the future replaced by this page's last rewind, for its notice. */
  keptBranch: Lineage | null;
  /** The person is dragging the timeline's slider (the reading panels refresh less meanwhile). */
  scrubbing: boolean;
}

export interface TimelineActions {
  /** Asks for moment `at` (the stream sends the request; the reducers show the answer). */
  seek(at: number): void;
  /** Asks for the live cluster again. */
  goLive(): void;
  /** The stream has nothing left to ask for: what is shown is the last moment asked for. */
  seekSettled(): void;
  /** A rewind from this page kept the replaced future as `branch` (null clears the notice). */
  setKeptBranch(branch: Lineage | null): void;
  setScrubbing(scrubbing: boolean): void;
}

const bounded = (markers: Marker[]): Marker[] =>
  markers.length > LIMITS.maxMarkersInSnapshot ? markers.slice(-LIMITS.maxMarkersInSnapshot) : markers;

/**
 * `markers` and the newly made ones, in the order of moments. New markers mostly come
 * after the last, but a failed linearizability check is marked at the completion that
 * broke the history, which the check may find a while later (apps/server markers.ts).
 */
function merged(markers: readonly Marker[], fresh: readonly Marker[]): Marker[] {
  const all = markers.concat(fresh);
  for (let i = Math.max(1, markers.length); i < all.length; i++)
    if (all[i].at < all[i - 1].at) return all.sort((a, b) => a.at - b.at); // stable: a moment's keep their order
  return all;
}

export const timeline: Slice<TimelineState> = {
  initial: () => ({
    markers: [],
    moment: null,
    seeking: null,
    parent: null,
    keptBranch: null,
    scrubbing: false,
  }),
  snapshot: (state, frame) => ({
    // Live snapshots carry every marker; a frame of the past leaves them as they were.
    markers: frame.markers ? bounded(frame.markers) : state.markers,
    moment: frame.moment ?? null,
    seeking: !frame.moment && state.seeking === 'live' ? null : state.seeking,
    parent: frame.parent ?? (frame.moment ? state.parent : null),
  }),
  endFrame: (d, frame) => {
    if (frame.moment) {
      d.s.moment = frame.moment;
      return;
    }
    if (frame.markers && frame.markers.length > 0) d.s.markers = bounded(merged(d.s.markers, frame.markers));
  },
};

export const timelineActions: StateCreator<RaftStore, [], [], TimelineActions> = (set) => ({
  seek: (at) => set({ seeking: Math.max(0, Math.round(at)) }),
  goLive: () => set((s) => ({ seeking: s.moment === null && s.seeking === null ? null : 'live' })),
  seekSettled: () => set((s) => (typeof s.seeking === 'number' ? { seeking: null } : {})),
  setKeptBranch: (keptBranch) => set({ keptBranch }),
  setScrubbing: (scrubbing) => set({ scrubbing }),
});
