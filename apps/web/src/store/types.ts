/**
 * The dashboard's state, rebuilt from the server's stream: the records its slices hold,
 * and the whole state they compose. Every field is plain data; only the actions in
 * `store.ts` replace it, through the pure reducers in `reducers.ts`.
 */
import type { Clock, Entry, MessageInFlight, ReadConsistency, SimEvent, Verdict } from '@raftlab/protocol';
import type { AccessState } from './slices/access';
import type { AnnouncerState } from './slices/announcer';
import type { ChartsState } from './slices/charts';
import type { ClusterState } from './slices/cluster';
import type { FeedState } from './slices/feed';
import type { HistoryState } from './slices/history';
import type { KvState } from './slices/kv';
import type { LogsState } from './slices/logs';
import type { MessagesState } from './slices/messages';
import type { SafetyState } from './slices/safety';
import type { TimelineState } from './slices/timeline';
import type { UiState } from './slices/ui';

/** Where the WebSocket is: `live` once a snapshot has arrived on the current socket. */
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'closed';

/** The server's clock plus the wall time (performance.now(), ms) at which it was received. */
export interface ClockState extends Clock {
  receivedAt: number;
}

/** Why a message died on the way (the protocol's message-dropped reasons). */
export type DropReason = Extract<SimEvent, { type: 'message-dropped' }>['reason'];

/** A message that died on the way, kept briefly so the network layer can draw a burst. */
export interface DroppedMessage {
  message: MessageInFlight;
  /** Virtual time (µs) at which it was dropped. */
  t: number;
  reason: DropReason;
}

/** One answer (or error) to a request made from the KV form. */
export interface KvResultRow {
  /** Local sequence number, newest highest. */
  id: number;
  op: 'put' | 'get' | 'delete' | 'cas';
  key: string;
  /** The value sent (put) or returned (get); null for delete or an absent key. */
  value: string | null;
  ok: boolean;
  index?: number;
  term?: number;
  node?: number;
  /** For cas: whether the swap happened. */
  swapped?: boolean;
  /** Reads only: the consistency level asked for (a stale read may be out of date). */
  consistency?: ReadConsistency;
  /** Stale reads only: the node the reader chose to read from (absent: any). */
  readFrom?: number;
  /** Error text for a failed request (no leader, timed out, not found, ...). */
  error?: string;
  /** The request timed out (504): its operation may still take effect. */
  timedOut?: boolean;
  /**
   * The client operation the request became, as the history lists it, when it became one:
   * its final status is the history's (features/kv/resultView.ts).
   */
  opId?: number;
}

/** Entries a node deleted (a conflicting suffix), kept briefly so the log can flash them out. */
export interface Truncation {
  id: number;
  node: number;
  entries: Entry[];
}

/** One point of the charts: each node's term and the highest commit index at virtual time t. */
export interface ChartSample {
  t: number;
  terms: Record<number, number>;
  commit: number;
}

/** A leader elected, for the charts' election marks. */
export interface ElectionMark {
  t: number;
  node: number;
  term: number;
}

/** A sentence for the ARIA live region. */
export interface Announcement {
  id: number;
  text: string;
}

/**
 * The whole state: the slices' fields side by side in one flat object, as zustand's
 * slices pattern composes them, so a component selects `s.nodes` whichever slice owns it.
 * Each slice (in `slices/`) documents its fields.
 */
export type RaftState = ClusterState &
  KvState &
  LogsState &
  MessagesState &
  HistoryState &
  SafetyState &
  ChartsState &
  AnnouncerState &
  FeedState &
  TimelineState &
  UiState &
  AccessState;

/**
 * How far a pending operation has got: the node its current attempt went to and, for a
 * write, the leader and log index that hold its command (committed and applied follow
 * from that node's commit and applied indexes).
 */
export interface OpStage {
  attempt: number;
  node: number;
  proposed: { node: number; index: number; term: number } | null;
}

/** The state of the history check (GET /api/clusters/:id/history). */
export interface HistoryCheck {
  /** A request is out; the previous verdict stays shown meanwhile. */
  checking: boolean;
  verdict: Verdict | null;
  /**
   * What the verdict covers, to tell when it is out of date: every operation up to
   * `maxOpId` except those still pending then. Kept as ids, not a count, because the
   * store's history is bounded (and a resync brings only the newest operations).
   */
  covered: CheckedOps;
  /** Why the last request failed, or null. */
  error: string | null;
}

/** The operations a history check saw: the highest opId, and which of them were pending. */
export interface CheckedOps {
  maxOpId: number;
  pending: number[];
}

/** Bounds that keep the client's memory flat however long it runs. */
export const BOUNDS = {
  logEntriesPerNode: 100_000,
  messages: 2000,
  drops: 50,
  history: 500,
  results: 100,
  announcements: 5,
  violations: 100,
  feed: 1000,
  heartbeats: 300,
  truncations: 24,
  samples: 400,
  elections: 100,
} as const;

export const linkKey = (from: number, to: number): string => `${from}-${to}`;
