import { describe, expect, it } from 'vitest';
import type { Entry, HistoryOp, NodeState } from '@raftlab/protocol';
import type { RaftState } from '../../store/types';
import { selectOpProgress } from '../../store/selectors';
import { describeProgress, stepsReached } from './opText';
import { selectOperationRows } from './operationRows';

const op = (
  opId: number,
  status: HistoryOp['status'] = 'pending',
  over: Partial<HistoryOp> = {},
): HistoryOp => ({
  opId,
  clientId: opId,
  op: { type: 'put', key: 'x', value: String(opId) },
  invokedAt: opId,
  completedAt: status === 'pending' ? null : opId + 1,
  status,
  ...over,
});

const node = (id: number, commit: number, applied: number): NodeState => ({
  id,
  up: true,
  role: 'leader',
  term: 2,
  vote: id,
  leader: id,
  commit,
  applied,
  lastIndex: 7,
  snapshotIndex: 0,
  voter: true,
  timerStart: null,
  timerEnd: null,
  progress: null,
});

const entry = (index: number, term: number): Entry => ({ index, term, kind: 'command', data: '{}' });

function state(over: Partial<RaftState> = {}): Pick<RaftState, 'history' | 'stages' | 'nodes' | 'logs'> {
  return {
    history: [],
    stages: {},
    nodes: { 3: node(3, 5, 4) },
    logs: { 3: [entry(4, 1), entry(5, 2), entry(6, 2), entry(7, 2)] },
    ...over,
  };
}

describe('selectOpProgress', () => {
  const progress = (stages: RaftState['stages']) =>
    describeProgress(selectOpProgress(state({ stages }), op(1)));
  it('follows a write from routing to applied by the proposer’s commit and applied indexes', () => {
    expect(progress({})).toBe('waiting to be sent');
    expect(progress({ 1: { attempt: 2, node: 4, proposed: null } })).toBe('routing to node 4 (attempt 2)');
    const at = (index: number) => ({ 1: { attempt: 2, node: 3, proposed: { node: 3, index, term: 2 } } });
    expect(progress(at(6))).toBe('proposed at index 6 (term 2) by node 3');
    expect(progress(at(5))).toBe('committed at index 5 (term 2) on node 3');
    // Index 4 holds a term-1 entry: the term-2 proposal there lost.
    expect(progress(at(4))).toMatch(/^lost: another leader's entry took index 4/);
  });
  it('reads applied once the proposer applied the index, and gives the result when done', () => {
    const s = state({
      stages: { 1: { attempt: 1, node: 3, proposed: { node: 3, index: 4, term: 1 } } },
    });
    const p = selectOpProgress(s, op(1));
    expect(describeProgress(p)).toBe('applied at index 4 on node 3; answering the client');
    expect(stepsReached(p)).toBe(4);
    const done = op(1, 'ok', { result: { value: '1', index: 4, term: 1, node: 3 } });
    expect(describeProgress(selectOpProgress(s, done))).toBe('ok at index 4, term 1, served by node 3');
    expect(describeProgress(selectOpProgress(s, op(2, 'unknown')))).toMatch(/^outcome unknown/);
    const staleRead = op(3, 'ok', {
      op: { type: 'get', key: 'x', consistency: 'stale', node: 2 },
      result: { value: '0', index: 2, term: 1, node: 2 },
    });
    expect(describeProgress(selectOpProgress(s, staleRead))).toBe(
      "ok → 0: node 2's copy at index 2, which may be out of date",
    );
  });
});

describe('selectOperationRows', () => {
  it('lists the newest operations first and keeps an older pending one in view', () => {
    const history = [op(1), op(2, 'ok'), op(3, 'ok'), op(4, 'fail'), op(5)];
    const rows = selectOperationRows(state({ history }), 2, 10);
    expect(rows.map((r) => r.op.opId)).toEqual([5, 4, 1]);
    expect(selectOperationRows(state({ history }), 2, 2).map((r) => r.op.opId)).toEqual([5, 4]);
  });
});
