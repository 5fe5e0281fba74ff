/** How a narrated sentence enters the frame: numbered, and filed in the feed or the heartbeats' ring. */
import type { FrameDraft } from '../draft';
import { joinFeedItems, type FeedBurst, type FeedCategory, type FeedGroup, type FeedItem } from './feedItem';

/** What a sentence may carry besides its words: how it joins the next, which burst it is of. */
export interface SayExtra {
  group?: FeedGroup;
  burst?: FeedBurst;
}

export function say(
  d: FrameDraft,
  t: number,
  category: FeedCategory,
  text: string,
  rule: string,
  nodes: number[],
  { group, burst }: SayExtra = {},
): void {
  const item: FeedItem = {
    id: d.s.nextFeedId++,
    t,
    category,
    text,
    rule,
    nodes,
    ...(group ? { group } : {}),
    ...(burst ? { burst } : {}),
  };
  if (category === 'heartbeat') d.heartbeats.push(item);
  else pushJoined(d.narrated, item);
}

/**
 * Appends `item`, or joins it with the last one (a leader's entries to eight followers
 * are one sentence, not eight). Only within one batch: in slow motion a batch holds a
 * moment and each follower's answer shows as it comes; at 10× a quarter of a second,
 * and the feed gets a readable line per step of the protocol rather than forty.
 */
function pushJoined(feed: FeedItem[], item: FeedItem): void {
  const joined = joinFeedItems(feed[feed.length - 1], item);
  if (joined) feed[feed.length - 1] = joined;
  else feed.push(item);
}
