import { describe, expect, it } from 'vitest';
import { visibleFeed } from './feedFilter';
import type { FeedItem } from './narrate';

const item = (id: number, category: FeedItem['category'], nodes: number[]): FeedItem => ({
  id,
  t: id,
  category,
  text: `item ${id}`,
  rule: '§5.2',
  nodes,
});

describe('visibleFeed', () => {
  const feed = [item(1, 'election', [1]), item(2, 'heartbeat', [1, 2]), item(3, 'vote', [2, 3])];
  it('shows the newest first and hides heartbeats when asked', () => {
    expect(visibleFeed(feed, { hideHeartbeats: false, node: null }, 10).map((i) => i.id)).toEqual([3, 2, 1]);
    expect(visibleFeed(feed, { hideHeartbeats: true, node: null }, 10).map((i) => i.id)).toEqual([3, 1]);
  });
  it('keeps to one node, and to the limit', () => {
    expect(visibleFeed(feed, { hideHeartbeats: false, node: 2 }, 10).map((i) => i.id)).toEqual([3, 2]);
    expect(visibleFeed(feed, { hideHeartbeats: false, node: null }, 1).map((i) => i.id)).toEqual([3]);
  });
});
