/**
 * A frame's working copy of the state, and the contract every slice of the store keeps.
 *
 * Handlers are pure at the frame's edge: they write only to the draft, never to the
 * state they were given, so the same state and the same frame always give the same
 * result. Inside the frame they write in place to copies the frame owns: a frame at 10×
 * carries hundreds of events, so each collection is copied at most once per frame, at
 * its first write, and only if the frame touches it — never once per event.
 */
import type { EventsFrame, SimEvent, SnapshotFrame } from '@raftlab/protocol';
import type { FeedItem } from './narration/feedItem';
import type { RaftState } from './types';

/** The state's fields that hold a list, a map, or a record keyed by id or `from-to`. */
export type CollectionKey = {
  [K in keyof RaftState]: RaftState[K] extends object
    ? RaftState[K] extends unknown[] | Map<unknown, unknown>
      ? K
      : number extends keyof RaftState[K]
        ? K
        : string extends keyof RaftState[K]
          ? K
          : never
    : never;
}[keyof RaftState];

export class FrameDraft {
  /** The next state: a shallow copy of the one the frame started from. */
  readonly s: RaftState;
  /** This frame's sentences for the feed, joined within the frame only (see `pushJoined`). */
  readonly narrated: FeedItem[] = [];
  /** This frame's heartbeat sentences, for their own ring. */
  readonly heartbeats: FeedItem[] = [];
  /** This frame's sentences for the live region. */
  readonly announce: string[] = [];
  private readonly copied = new Set<CollectionKey>();

  /**
   * @param past the frame shows a moment of the past (its events lead up to it): what
   *   is news live, such as an announcement, is not news then.
   */
  constructor(
    state: RaftState,
    readonly past = false,
  ) {
    this.s = { ...state };
  }

  /** The frame's own copy of a collection, to write to: made at the first call, reused after. */
  edit<K extends CollectionKey>(key: K): RaftState[K] {
    if (!this.copied.has(key)) {
      this.copied.add(key);
      this.s[key] = copyOf(this.s[key]);
    }
    return this.s[key];
  }
}

function copyOf<T>(value: T): T {
  if (Array.isArray(value)) return value.slice() as T;
  if (value instanceof Map) return new Map(value) as T;
  return { ...value };
}

export type EventOf<K extends SimEvent['type']> = Extract<SimEvent, { type: K }>;

/** A slice's share of each event type it cares about. */
export type EventHandlers = { [K in SimEvent['type']]?: (d: FrameDraft, e: EventOf<K>) => void };

/**
 * One concern of the store: its state, what a snapshot makes of it, how each event
 * changes it, and what it does once a frame's events are in (bounds, tallies, samples).
 * Every slice writes only its own fields; it may read the others'.
 */
export interface Slice<S> {
  initial(): S;
  /**
   * Its fields after a snapshot (the first frame, or a resync), from the state before
   * and the frame; fields it leaves out keep their value.
   */
  snapshot?(state: RaftState, frame: SnapshotFrame, receivedAt: number): Partial<S>;
  events?: EventHandlers;
  endFrame?(d: FrameDraft, frame: EventsFrame, receivedAt: number): void;
}
