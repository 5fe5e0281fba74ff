import { describe, expect, it } from 'vitest';
import { visibleFeed } from './feedFilter';
import type { FeedItem } from '../../store/narration/feedItem';

const item = (id: number, category: FeedItem['category'], nodes: number[]): FeedItem => ({
  id,
  t: id,
  category,
  text: `item ${id}`,
  rule: '§5.2',
  nodes,
});

describe('visibleFeed', () => {
  const feed = [item(1, 'election', [1]), item(3, 'vote', [2, 3]), item(5, 'commit', [1])];
  const heartbeats = [item(2, 'heartbeat', [1, 2]), item(4, 'heartbeat', [1, 3])];
  const ids = (items: FeedItem[]) => items.map((i) => i.id);
  it('merges the heartbeat ring in by sequence, newest first, unless heartbeats are hidden', () => {
    expect(ids(visibleFeed(feed, heartbeats, { hideHeartbeats: false, node: null }, 10))).toEqual([
      5, 4, 3, 2, 1,
    ]);
    expect(ids(visibleFeed(feed, heartbeats, { hideHeartbeats: true, node: null }, 10))).toEqual([5, 3, 1]);
  });
  it('keeps to one node, and to the limit', () => {
    expect(ids(visibleFeed(feed, heartbeats, { hideHeartbeats: false, node: 2 }, 10))).toEqual([3, 2]);
    expect(ids(visibleFeed(feed, heartbeats, { hideHeartbeats: false, node: null }, 2))).toEqual([5, 4]);
  });
});
