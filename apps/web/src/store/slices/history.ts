/**
 * The history slice: the client operations (newest last, bounded), where each pending
 * one has got, and the linearizability checker's last verdict on them.
 */
import type { HistoryOp, Verdict } from '@raftlab/protocol';
import type { StateCreator } from 'zustand';
import type { Slice } from '../draft';
import type { RaftStore } from '../store';
import { BOUNDS, type CheckedOps, type HistoryCheck, type OpStage } from '../types';

export interface HistoryState {
  history: HistoryOp[];
  /** Where each pending operation is (the client's attempt, the leader's proposal), by opId. */
  stages: Record<number, OpStage>;
  /** The linearizability checker's last verdict on the history, fetched on demand. */
  check: HistoryCheck;
}

export interface HistoryActions {
  /** A history check was sent; the last verdict stays until the answer comes. */
  checkStarted(): void;
  /** The checker's verdict on the operations `covered` describes. */
  checkFinished(verdict: Verdict, covered: CheckedOps): void;
  checkFailed(error: string): void;
  /** The check's answer is not about what the page shows any more (another moment): dropped. */
  checkAbandoned(): void;
}

const initialCheck = (): HistoryCheck => ({
  checking: false,
  verdict: null,
  covered: { maxOpId: 0, pending: [] },
  error: null,
});

export const history: Slice<HistoryState> = {
  initial: () => ({ history: [], stages: {}, check: initialCheck() }),
  snapshot: (state, frame) => ({
    history: frame.history.slice(-BOUNDS.history),
    stages: Object.fromEntries((frame.stages ?? []).map(({ opId, ...stage }) => [opId, stage])),
    // A verdict is on one moment's history: another moment needs its own.
    ...(frame.moment || state.moment ? { check: { ...initialCheck(), checking: state.check.checking } } : {}),
  }),
  events: {
    'client-invoked': (d, e) => {
      const op: HistoryOp = {
        opId: e.opId,
        clientId: e.clientId,
        op: e.op,
        invokedAt: e.t,
        completedAt: null,
        status: 'pending',
      };
      d.edit('history').push(op);
    },
    'client-attempt': (d, e) => {
      d.edit('stages')[e.opId] = { attempt: e.attempt, node: e.node, proposed: null };
    },
    'client-proposed': (d, e) => {
      const stage = d.s.stages[e.opId];
      const proposed = { node: e.node, index: e.index, term: e.term };
      d.edit('stages')[e.opId] = { attempt: stage?.attempt ?? 1, node: stage?.node ?? e.node, proposed };
    },
    'client-completed': (d, e) => {
      delete d.edit('stages')[e.opId];
      const history = d.edit('history');
      const i = history.findLastIndex((h) => h.opId === e.opId);
      if (i >= 0) history[i] = { ...history[i], completedAt: e.t, status: e.status, result: e.result };
    },
  },
  endFrame: (d) => {
    if (d.s.history.length > BOUNDS.history) d.s.history = d.s.history.slice(-BOUNDS.history);
  },
};

export const historyActions: StateCreator<RaftStore, [], [], HistoryActions> = (set) => ({
  checkStarted: () => set((s) => ({ check: { ...s.check, checking: true, error: null } })),
  checkFinished: (verdict, covered) => set({ check: { checking: false, verdict, covered, error: null } }),
  checkFailed: (error) => set((s) => ({ check: { ...s.check, checking: false, error } })),
  checkAbandoned: () => set((s) => ({ check: { ...s.check, checking: false } })),
});
