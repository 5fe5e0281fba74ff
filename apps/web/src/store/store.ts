/**
 * The one zustand store, built from slices as in zustand's slices pattern: each slice
 * (`slices/`) owns some fields of one flat state, the handlers that change them for the
 * stream's frames, and its actions. A frame is one `set`: the reducers (`reducers.ts`)
 * run every slice's handlers on it and return the next state. State changes only through
 * these actions; derived values live in `selectors.ts`.
 */
import { createStore, useStore, type StateCreator } from 'zustand';
import type { EventsFrame, SnapshotFrame } from '@raftlab/protocol';
import { initialState, reduceEvents, reducePast, reduceSnapshot } from './reducers';
import { accessActions, type AccessActions } from './slices/access';
import { clusterActions, type ClusterActions } from './slices/cluster';
import { historyActions, type HistoryActions } from './slices/history';
import { timelineActions, type TimelineActions } from './slices/timeline';
import { uiActions, type UiActions } from './slices/ui';
import type { RaftState } from './types';

export interface StreamActions {
  /** Replaces all server-owned state (first frame, or a resync). */
  applySnapshot(frame: SnapshotFrame, receivedAt: number): void;
  applyEvents(frame: EventsFrame, receivedAt: number): void;
  /** A moment of the past: its snapshot and the events frame that follows it, in one update. */
  applyPast(snapshot: SnapshotFrame, events: EventsFrame, receivedAt: number): void;
}

export type RaftActions = StreamActions &
  ClusterActions &
  HistoryActions &
  TimelineActions &
  UiActions &
  AccessActions;
export type RaftStore = RaftState & RaftActions;

const streamActions: StateCreator<RaftStore, [], [], StreamActions> = (set) => ({
  applySnapshot: (frame, receivedAt) => set((s) => reduceSnapshot(s, frame, receivedAt)),
  applyEvents: (frame, receivedAt) => set((s) => reduceEvents(s, frame, receivedAt)),
  applyPast: (snapshot, events, receivedAt) => set((s) => reducePast(s, snapshot, events, receivedAt)),
});

export function createRaftStore() {
  return createStore<RaftStore>()((...a) => ({
    ...initialState(),
    ...streamActions(...a),
    ...clusterActions(...a),
    ...historyActions(...a),
    ...timelineActions(...a),
    ...uiActions(...a),
    ...accessActions(...a),
  }));
}

/** The app's store instance (the stream and the HTTP client write to it). */
export const raftStore = createRaftStore();

/** React hook over `raftStore`; pass `useShallow(...)` for object or array results. */
export function useRaft<T>(selector: (s: RaftStore) => T): T {
  return useStore(raftStore, selector);
}
