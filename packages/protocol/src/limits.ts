/**
 * Every limit the server enforces, in one place, so the README, the schemas and the
 * tests all quote the same numbers.
 */
import { MAX_NODES } from '@raftlab/sim/catalogue';

export const LIMITS = {
  /** Nodes per cluster (the most a cluster may also grow to by membership changes). */
  minNodes: 1,
  maxNodes: MAX_NODES,
  /**
   * Clusters alive at once on one server, the last resort: clusters expire by age
   * (RAFTLAB_IDLE_TTL_MINUTES). `npm run bench:server` holds 200 with a viewer each on
   * two cores in about 210 MB; a cluster's timeline may grow to 24 MB of checkpoints.
   */
  maxClusters: 256,
  /**
   * Key length in characters, counted as UTF-16 code units (JavaScript's `.length`;
   * an emoji outside the BMP counts 2). Every string limit counts the same way.
   */
  maxKeyLength: 256,
  /** Value length in characters (UTF-16 code units). */
  maxValueLength: 4096,
  /**
   * Keys in a cluster's store, and its keys' and values' lengths summed (UTF-16 code
   * units), at most: checked on the fullest node, counting the writes in flight. They
   * bound what every view and snapshot frame carries of the nodes' tables.
   */
  maxKeysPerCluster: 1_000,
  maxStoreLength: 131_072,
  /** Largest HTTP request body in bytes (a trace upload is the largest legitimate body). */
  maxBodyBytes: 1_048_576,
  /** Inputs in one uploaded trace. */
  maxTraceInputs: 20_000,
  /** Events an uploaded trace may take to its last input (it is computed at once: about 2 s). */
  maxTraceEvents: 2_000_000,
  /** Clock speed: virtual seconds per wall second. */
  minSpeed: 0.001,
  maxSpeed: 20,
  /** WebSocket viewers of one cluster at once (a class of 30 on one projected cluster, twice over). */
  maxViewersPerCluster: 64,
  /** Largest WebSocket frame a viewer may send, in bytes. */
  maxClientFrameBytes: 4096,
  /**
   * Bytes queued on one viewer's socket before the server stops sending it anything:
   * events (it is resynced later with a snapshot), and pongs and error frames (dropped).
   */
  maxViewerBufferBytes: 1_048_576,
  /**
   * Frames one viewer may send per second, on average over a burst of twice as many;
   * past it the server closes the socket with code 1008 (policy violation). A page
   * dragging the timeline sends a seek per pointer move at most (120 a second on a
   * 120 Hz screen); what a seek costs is bounded apart (apps/server's seek_pacer.ts).
   */
  maxClientFramesPerSecond: 120,
  /** Event batches per second per viewer, at most. */
  maxFramesPerSecond: 30,
  /** Log entries per node included in a snapshot frame / GET of a cluster (the newest ones). */
  maxLogEntriesInView: 2000,
  /**
   * And at most this much of their data per node (UTF-16 code units, the newest entries):
   * with snapshots off, a node's log keeps every value ever written.
   */
  maxLogLengthInView: 131_072,
  /** Client operations in a snapshot frame (the newest ones); GET /history returns them all. */
  maxHistoryInSnapshot: 500,
  /** Virtual milliseconds one POST /clock/advance may run (one virtual hour). */
  maxAdvanceMs: 3_600_000,
  /** Events one POST /clock/advance may process; it stops early past them. */
  maxAdvanceEvents: 5_000_000,
  /** Events a seek of the stream replays before the moment asked for, for the feed and charts. */
  seekLeadEvents: 300,
  /** Markers a snapshot frame carries (the newest). */
  maxMarkersInSnapshot: 5_000,
  /** A message in flight may be delayed by hand by at most this much (virtual ms). */
  maxMessageDelayMs: 60_000,
  /** Client operations in flight per cluster. */
  maxPendingOps: 256,
} as const;
