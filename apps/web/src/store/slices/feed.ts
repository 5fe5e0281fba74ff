/**
 * The feed slice: every event narrated in plain words with the rule it follows, in two
 * bounded rings, and the narrator's memory (see `narration/`).
 *
 * Narration reads the state *before* each event (a refused vote is explained by what the
 * voter knew when it answered), so this slice's handlers run first (`reducers.ts`).
 */
import type { Slice } from '../draft';
import { BOUNDS } from '../types';
import { eventNarration } from '../narration/events';
import type { FeedItem } from '../narration/feedItem';
import { initialMemory, memoryAfterSnapshot, trimMemory, type NarratorMemory } from '../narration/memory';
import { messageNarration, narrateHeartbeats } from '../narration/messages';

export interface FeedState extends NarratorMemory {
  /** Narrated events, oldest first (a bounded ring: the oldest fall off). */
  feed: FeedItem[];
  /**
   * Narrated heartbeats (and their answers), in a ring of their own: at 10× they are
   * most of the events, and sharing one ring with the rest would push every election,
   * commit and client operation out of the feed within a fraction of a second.
   */
  heartbeats: FeedItem[];
  /** The id the next sentence gets (in either ring: the feed merges them by id). */
  nextFeedId: number;
}

export const feed: Slice<FeedState> = {
  initial: () => ({ feed: [], heartbeats: [], nextFeedId: 1, ...initialMemory() }),
  // The feed itself stays through a resync: it is this page's record of what happened.
  // A moment of the past starts it afresh (its events frame tells what led there), and
  // so does coming back from the past.
  snapshot: (state, frame) => ({
    ...memoryAfterSnapshot(frame.view.messages),
    ...(frame.moment || state.moment ? { feed: [], heartbeats: [] } : {}),
  }),
  events: { ...messageNarration, ...eventNarration },
  endFrame: (d, frame) => {
    if (frame.heartbeats) narrateHeartbeats(d, frame.heartbeats);
    const s = d.s;
    if (d.narrated.length > 0) s.feed = s.feed.concat(d.narrated).slice(-BOUNDS.feed);
    if (d.heartbeats.length > 0) {
      s.heartbeats = s.heartbeats.concat(d.heartbeats.slice(-BOUNDS.heartbeats)).slice(-BOUNDS.heartbeats);
    }
    trimMemory(d);
  },
};
