/**
 * The one zustand store. Slices: connection, clock, cluster (nodes + logs), messages in
 * flight, links, results/history and its linearizability check, selection, announcements. State changes only through
 * these actions; derived values live in `selectors.ts`.
 */
import { createStore, useStore } from 'zustand';
import type { EventsFrame, SnapshotFrame, Verdict } from '@raftlab/protocol';
import { initialState, reduceEvents, reduceSnapshot } from './reducers';
import { BOUNDS, type CheckedOps, type ConnectionStatus, type KvResultRow, type RaftState } from './types';

export interface RaftActions {
  setClusterId(id: string): void;
  setConnection(status: ConnectionStatus): void;
  /** Replaces all server-owned state (first frame, or a resync). */
  applySnapshot(frame: SnapshotFrame, receivedAt: number): void;
  applyEvents(frame: EventsFrame, receivedAt: number): void;
  select(node: number | null): void;
  /** Picks out nodes (a safety violation's) and selects the first. */
  highlightNodes(nodes: number[]): void;
  /** Picks out one log index (a client operation's entry); null clears it. */
  highlightEntry(index: number | null): void;
  addResult(row: Omit<KvResultRow, 'id'>): void;
  /** Shows (or clears, with null) a message about a failed action. */
  setNotice(text: string | null): void;
  /** A history check was sent; the last verdict stays until the answer comes. */
  checkStarted(): void;
  /** The checker's verdict on the operations `covered` describes. */
  checkFinished(verdict: Verdict, covered: CheckedOps): void;
  checkFailed(error: string): void;
}

export type RaftStore = RaftState & RaftActions;

export function createRaftStore() {
  let resultSeq = 0;
  return createStore<RaftStore>()((set) => ({
    ...initialState(),
    setClusterId: (clusterId) => set({ clusterId }),
    setConnection: (connection) => set({ connection }),
    applySnapshot: (frame, receivedAt) => set((s) => reduceSnapshot(s, frame, receivedAt)),
    applyEvents: (frame, receivedAt) => set((s) => reduceEvents(s, frame, receivedAt)),
    select: (selected) => set({ selected, highlighted: [] }),
    highlightNodes: (nodes) => set({ highlighted: nodes, selected: nodes[0] ?? null }),
    highlightEntry: (highlightIndex) => set({ highlightIndex }),
    setNotice: (notice) => set({ notice }),
    checkStarted: () => set((s) => ({ check: { ...s.check, checking: true, error: null } })),
    checkFinished: (verdict, covered) => set({ check: { checking: false, verdict, covered, error: null } }),
    checkFailed: (error) => set((s) => ({ check: { ...s.check, checking: false, error } })),
    addResult: (row) =>
      set((s) => ({ results: [{ ...row, id: ++resultSeq }, ...s.results].slice(0, BOUNDS.results) })),
  }));
}

/** The app's store instance (the stream and the HTTP client write to it). */
export const raftStore = createRaftStore();

/** React hook over `raftStore`; pass `useShallow(...)` for object or array results. */
export function useRaft<T>(selector: (s: RaftStore) => T): T {
  return useStore(raftStore, selector);
}
