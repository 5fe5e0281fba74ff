/** The cluster slice: which cluster, its clock and configuration, and each node's state. */
import type { Clock, NodeState, SimConfig } from '@raftlab/protocol';
import type { StateCreator } from 'zustand';
import type { Slice } from '../draft';
import type { RaftStore } from '../store';
import type { ClockState } from '../types';

export interface ClusterState {
  clusterId: string | null;
  clock: ClockState;
  config: SimConfig | null;
  /** Node ids in ring order. */
  nodeIds: number[];
  nodes: Record<number, NodeState>;
  /** Bumped on every snapshot, so imperative layers know to drop what they drew. */
  snapshotSeq: number;
}

export interface ClusterActions {
  setClusterId(id: string): void;
}

/** Whether `next` is a leader that `before` was not (a new leader, or a new term's). */
export const becameLeader = (before: NodeState | undefined, next: NodeState): boolean =>
  next.role === 'leader' && (before?.role !== 'leader' || before.term !== next.term);

/**
 * The clock a frame sets. A moment of the past stands still whatever the live clock
 * does, so nothing is extrapolated from it (messages, timers, the readout).
 */
const clockOf = (clock: Clock, past: boolean, receivedAt: number): ClockState => ({
  ...clock,
  paused: clock.paused || past,
  receivedAt,
});

export const cluster: Slice<ClusterState> = {
  initial: () => ({
    clusterId: null,
    clock: { now: 0, seq: 0, speed: 0, paused: true, receivedAt: 0 },
    config: null,
    nodeIds: [],
    nodes: {},
    snapshotSeq: 0,
  }),
  snapshot: (state, frame, receivedAt) => {
    const nodes: Record<number, NodeState> = {};
    for (const { log: _log, kv: _kv, ...node } of frame.view.nodes) nodes[node.id] = node;
    return {
      clusterId: frame.clusterId,
      clock: clockOf(frame.clock, frame.moment !== undefined, receivedAt),
      config: frame.view.config,
      nodeIds: frame.view.nodes.map((n) => n.id).sort((a, b) => a - b),
      nodes,
      snapshotSeq: state.snapshotSeq + 1,
    };
  },
  events: {
    'node-state': (d, e) => {
      d.edit('nodes')[e.node.id] = e.node;
      if (!d.s.nodeIds.includes(e.node.id)) d.s.nodeIds = [...d.s.nodeIds, e.node.id].sort((a, b) => a - b);
    },
    'node-crashed': (d, e) => {
      const node = d.s.nodes[e.node];
      if (node) d.edit('nodes')[e.node] = { ...node, up: false, timerStart: null, timerEnd: null };
    },
    'node-restarted': (d, e) => {
      const node = d.s.nodes[e.node];
      if (node) d.edit('nodes')[e.node] = { ...node, up: true };
    },
  },
  endFrame: (d, frame, receivedAt) => {
    d.s.clock = clockOf(frame.clock, frame.moment !== undefined, receivedAt);
  },
};

export const clusterActions: StateCreator<RaftStore, [], [], ClusterActions> = (set) => ({
  setClusterId: (clusterId) => set({ clusterId }),
});
