/** Which narrated events the feed shows, newest first. */
import type { FeedItem } from '../../store/narration/feedItem';

export interface FeedFilter {
  hideHeartbeats: boolean;
  /** Only events about this node; null shows all. */
  node: number | null;
}

/**
 * The newest `limit` items that pass the filter, newest first: from `feed` and, unless
 * hidden, `heartbeats` (its own ring), merged by sequence number.
 */
export function visibleFeed(
  feed: readonly FeedItem[],
  heartbeats: readonly FeedItem[],
  filter: FeedFilter,
  limit: number,
): FeedItem[] {
  const out: FeedItem[] = [];
  let i = feed.length - 1;
  let j = filter.hideHeartbeats ? -1 : heartbeats.length - 1;
  while (out.length < limit && (i >= 0 || j >= 0)) {
    const takeHeartbeat = i < 0 || (j >= 0 && heartbeats[j].id > feed[i].id);
    const item = takeHeartbeat ? heartbeats[j--] : feed[i--];
    if (filter.node !== null && !item.nodes.includes(filter.node)) continue;
    out.push(item);
  }
  return out;
}
