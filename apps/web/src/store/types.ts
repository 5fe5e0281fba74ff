/**
 * The dashboard's state, rebuilt from the server's stream. Every slice is plain data;
 * only the actions in `store.ts` replace it, through the pure reducers in `reducers.ts`.
 */
import type {
  Clock,
  Entry,
  HistoryOp,
  MessageInFlight,
  NodeState,
  ReadConsistency,
  SimConfig,
  Verdict,
  Violation,
} from '@raftlab/protocol';
import type { FeedItem, Narrator } from '../features/feed/narrate';

/** Where the WebSocket is: `live` once a snapshot has arrived on the current socket. */
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'closed';

/** The server's clock plus the wall time (performance.now(), ms) at which it was received. */
export interface ClockState extends Clock {
  receivedAt: number;
}

/** A message that died on the way, kept briefly so the network layer can draw a burst. */
export interface DroppedMessage {
  message: MessageInFlight;
  /** Virtual time (µs) at which it was dropped. */
  t: number;
  reason: 'link-down' | 'node-down' | 'loss';
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
  /** Error text for a failed request (no leader, timed out, not found, ...). */
  error?: string;
}

/** Entries a node deleted (a conflicting suffix), kept briefly so the log can flash them out. */
export interface Truncation {
  id: number;
  node: number;
  entries: Entry[];
}

/** The applied key-value table of a node at some applied index (from a snapshot). */
export interface KvBase {
  kv: Record<string, string>;
  applied: number;
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

export interface RaftState {
  clusterId: string | null;
  connection: ConnectionStatus;
  clock: ClockState;
  config: SimConfig | null;
  /** Node ids in ring order. */
  nodeIds: number[];
  nodes: Record<number, NodeState>;
  /** The newest entries of each node's log, ascending and contiguous. */
  logs: Record<number, Entry[]>;
  /** Messages in flight by id; delivered and dropped ones are removed. */
  messages: Record<number, MessageInFlight>;
  /** The newest dropped messages (bounded). */
  drops: DroppedMessage[];
  /** Directed links that are down, keyed `from-to`. */
  linksDown: Record<string, true>;
  history: HistoryOp[];
  /** Where each pending operation is (the client's attempt, the leader's proposal), by opId. */
  stages: Record<number, OpStage>;
  results: KvResultRow[];
  selected: number | null;
  announcements: Announcement[];
  /**
   * The commit index last read out, and the wall time (ms) it was, so commits are
   * announced at most once per COMMIT_ANNOUNCE_GAP_MS instead of with every batch.
   */
  commitAnnounced: { index: number; at: number };
  /** The linearizability checker's last verdict on the history, fetched on demand. */
  check: HistoryCheck;
  /** Safety violations the simulator reported (bounded). */
  violations: Violation[];
  /** The last failed control action, shown until the next one. */
  notice: string | null;
  /** Bumped on every snapshot, so imperative layers know to drop what they drew. */
  snapshotSeq: number;
  /** Narrated events, oldest first (a bounded ring: the oldest fall off). */
  feed: FeedItem[];
  /**
   * Narrated heartbeats (and their answers), in a ring of their own: at 10× they are
   * most of the events, and sharing one ring with the rest would push every election,
   * commit and client operation out of the feed within a fraction of a second.
   */
  heartbeats: FeedItem[];
  /** The narrator's bounded memory (recent messages, votes); owned by this store. */
  narrator: Narrator;
  /** Nodes picked out by the Safety panel (a violation's nodes). */
  highlighted: number[];
  /** A log index picked out by the client history (an operation's entry). */
  highlightIndex: number | null;
  /** Recently deleted log suffixes, newest last (bounded). */
  truncations: Truncation[];
  /** Each node's key-value table as of the last snapshot; committed entries replay on top. */
  kvBase: Record<number, KvBase>;
  /** Chart history, oldest first (bounded). */
  samples: ChartSample[];
  elections: ElectionMark[];
}

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
