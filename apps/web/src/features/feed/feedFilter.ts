/** Which narrated events the feed shows, newest first. */
import type { FeedItem } from './narrate';

export interface FeedFilter {
  hideHeartbeats: boolean;
  /** Only events about this node; null shows all. */
  node: number | null;
}

/** The newest `limit` items that pass the filter, newest first. */
export function visibleFeed(feed: readonly FeedItem[], filter: FeedFilter, limit: number): FeedItem[] {
  const out: FeedItem[] = [];
  for (let i = feed.length - 1; i >= 0 && out.length < limit; i--) {
    const item = feed[i];
    if (filter.hideHeartbeats && item.category === 'heartbeat') continue;
    if (filter.node !== null && !item.nodes.includes(filter.node)) continue;
    out.push(item);
  }
  return out;
}
