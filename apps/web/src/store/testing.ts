/** Frames for the store's tests (not used by the app): nodes, snapshots and event batches. */
import type { Entry, EventsFrame, NodeView, SimEvent, SnapshotFrame } from '@raftlab/protocol';

export const clock = { now: 1_000, speed: 0.02, paused: false };

export function nodeView(id: number, over: Partial<NodeView> = {}): NodeView {
  return {
    id,
    up: true,
    role: 'follower',
    term: 1,
    vote: 0,
    leader: 0,
    commit: 0,
    applied: 0,
    lastIndex: 0,
    snapshotIndex: 0,
    timerStart: 0,
    timerEnd: 200_000,
    progress: null,
    log: [],
    kv: {},
    ...over,
  };
}

export const entry = (index: number, term: number, data = '{}'): Entry => ({
  index,
  term,
  kind: 'command',
  data,
});

/** A 3-node cluster's snapshot: node 1 holds entries 1 and 2, and the link 1 → 2 is down. */
export function snapshot(over: Partial<SnapshotFrame['view']> = {}): SnapshotFrame {
  return {
    type: 'snapshot',
    clusterId: 'abc',
    clock,
    history: [],
    view: {
      now: 1_000,
      config: {
        nodes: 3,
        seed: 1,
        tickUs: 10_000,
        electionTick: 15,
        heartbeatTick: 3,
        preVote: true,
        checkQuorum: true,
        latency: { minUs: 15_000, maxUs: 25_000 },
        clientAttemptTimeoutUs: 500_000,
        clientTimeoutUs: 2_000_000,
        bugs: [],
        maxEntriesPerMessage: 64,
        snapshotEvery: 100,
      },
      nodes: [nodeView(3), nodeView(1, { log: [entry(1, 1), entry(2, 1)] }), nodeView(2)],
      linksDown: [[1, 2]],
      messages: [],
      linkQualities: [],
      violations: [],
      ...over,
    },
  };
}

let seq = 0;
/** A simulator event without its sequence number, which `events` adds. */
export type Unsequenced = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, 'seq'> : never) : never;
/** A batch of events at virtual time 2 ms, numbered in order. */
export const events = (...evs: Unsequenced[]): EventsFrame => ({
  type: 'events',
  clock: { ...clock, now: 2_000 },
  events: evs.map((e) => ({ ...e, seq: ++seq }) as SimEvent),
});

/** An empty AppendEntries in flight from `from` to `to`. */
export const heartbeat = (id: number, from: number, to: number) => ({
  id,
  sentAt: 1_000,
  deliverAt: 21_000,
  msg: {
    type: 'AppendEntries' as const,
    from,
    to,
    term: 1,
    prevLogIndex: 0,
    prevLogTerm: 0,
    entries: [],
    leaderCommit: 0,
  },
});
