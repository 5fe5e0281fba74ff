/** A line of the event feed, and how consecutive lines about different nodes join. */

export type FeedCategory =
  'election' | 'vote' | 'replication' | 'heartbeat' | 'commit' | 'client' | 'fault' | 'network' | 'safety';

export interface FeedItem {
  /** Local sequence number, increasing. */
  id: number;
  /** Virtual time, µs. */
  t: number;
  category: FeedCategory;
  text: string;
  /** The rule cited, e.g. `§5.4.1`. */
  rule: string;
  /** Nodes the sentence is about (for filtering by the selected node). */
  nodes: number[];
  /** Set on sentences that join with the next one like them (see `joinFeedItems`). */
  group?: FeedGroup;
}

/**
 * Sentences that differ only in one node, like a leader's AppendEntries to each
 * follower, join into one when they come in a row: `phrase` says it of `members`.
 */
export interface FeedGroup {
  key: string;
  members: number[];
  phrase: (members: number[]) => string;
}

/**
 * `next` said of `last`'s members too, when both are of one group and `next` adds a
 * member: the one sentence that replaces them. Otherwise null.
 */
export function joinFeedItems(last: FeedItem | undefined, next: FeedItem): FeedItem | null {
  const a = last?.group;
  const b = next.group;
  if (!last || !a || !b || a.key !== b.key || b.members.some((m) => a.members.includes(m))) return null;
  const members = [...a.members, ...b.members];
  return {
    ...last,
    text: a.phrase(members),
    nodes: [...new Set([...last.nodes, ...next.nodes])],
    group: { ...a, members },
  };
}
