/** A line of the event feed, and how consecutive lines about different nodes join. */
import type { DropReason } from '../types';
import { list, nodeWord, range } from './phrases';

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
  /** Set on sentences that come in bursts, which the feed folds into one line (features/feed/feedFold.ts). */
  burst?: FeedBurst;
}

/**
 * What a line of a burst is about, as data: a link restored or cut (a heal restores a
 * dozen at once), a message lost for one reason (a cut link loses every message sent
 * across it). Lines of one burst have equal keys.
 */
export type FeedBurst = { kind: 'link'; up: boolean } | { kind: 'dropped'; reason: DropReason };

/**
 * Sentences that differ only in one node, like a leader's AppendEntries to each
 * follower, join into one when they come in a row: `sentence` said of `members`. Plain
 * data, like the rest of the store: the text is rendered by `groupText`.
 */
export interface FeedGroup {
  key: string;
  members: number[];
  sentence: GroupSentence;
}

/** The sentences that join: a leader's entries sent to followers, and the followers' acceptances. */
export type GroupSentence =
  | { kind: 'sent'; leader: number; first: number; last: number; prevLogIndex: number; prevLogTerm: number }
  | { kind: 'accepted'; leader: number; matchIndex: number };

/** `sentence` said of `members` (one member or several). */
export function groupText(sentence: GroupSentence, members: number[]): string {
  switch (sentence.kind) {
    case 'sent': {
      const { leader, first, last, prevLogIndex, prevLogTerm } = sentence;
      return `Node ${leader} sent ${range(first, last)} to ${nodeWord(members)} ${list(members)} after index ${prevLogIndex} (term ${prevLogTerm})`;
    }
    case 'accepted':
      return members.length === 1
        ? `Node ${members[0]} accepted node ${sentence.leader}'s entries: its log matches up to index ${sentence.matchIndex}`
        : `Nodes ${list(members)} accepted node ${sentence.leader}'s entries: their logs match up to index ${sentence.matchIndex}`;
  }
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
    text: groupText(a.sentence, members),
    nodes: [...new Set([...last.nodes, ...next.nodes])],
    group: { ...a, members },
  };
}
