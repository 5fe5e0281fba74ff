/** Frames for the store's tests (not used by the app): nodes, snapshots and event batches. */
import type { Entry, EventsFrame, NodeView, SimEvent, SnapshotFrame } from '@raftlab/protocol';
import { DEFAULT_SIM_CONFIG, Simulation } from '@raftlab/sim';

export const clock = { now: 1_000, seq: 0, speed: 0.02, paused: false };

/** A fresh node as the simulator reports it. */
const freshNode: NodeView = new Simulation({ nodes: 1 }).view().nodes[0];

/** Node `id` in term 1, a follower with an election timer running from 0 to 200 ms, and `over`. */
export function nodeView(id: number, over: Partial<NodeView> = {}): NodeView {
  return { ...freshNode, id, term: 1, timerStart: 0, timerEnd: 200_000, log: [], kv: {}, ...over };
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
      config: { ...DEFAULT_SIM_CONFIG, nodes: 3 },
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
