import { expect, test } from 'vitest';
import type { HistoryOp } from '../types';
import { fromHistory } from './history';

const history: HistoryOp[] = [
  {
    opId: 1,
    clientId: 1,
    op: { type: 'put', key: 'k', value: 'a' },
    invokedAt: 0,
    completedAt: 10,
    status: 'ok',
  },
  {
    opId: 2,
    clientId: 2,
    op: { type: 'get', key: 'k', consistency: 'linearizable' },
    invokedAt: 5,
    completedAt: 20,
    status: 'ok',
    result: { value: 'a', index: 3, term: 1, node: 1 },
  },
  { opId: 3, clientId: 3, op: { type: 'delete', key: 'k' }, invokedAt: 30, completedAt: 40, status: 'fail' },
  {
    opId: 4,
    clientId: 1,
    op: { type: 'put', key: 'k', value: 'b' },
    invokedAt: 50,
    completedAt: 90,
    status: 'unknown',
  },
  {
    opId: 5,
    clientId: 2,
    op: { type: 'put', key: 'k', value: 'c' },
    invokedAt: 60,
    completedAt: null,
    status: 'pending',
  },
  {
    opId: 6,
    clientId: 3,
    op: { type: 'get', key: 'k', consistency: 'stale', node: 2 },
    invokedAt: 60,
    completedAt: 70,
    status: 'ok',
    result: { value: null, index: 0, term: 1, node: 2 },
  },
];

test('fromHistory: fail dropped, unknown and pending open-ended, reads carry their value', () => {
  expect(fromHistory(history)).toEqual([
    { id: 1, clientId: 1, call: 0, ret: 10, op: history[0].op, status: 'ok' },
    { id: 2, clientId: 2, call: 5, ret: 20, op: history[1].op, status: 'ok', output: 'a' },
    { id: 4, clientId: 1, call: 50, ret: Infinity, op: history[3].op, status: 'unknown' },
    { id: 5, clientId: 2, call: 60, ret: Infinity, op: history[4].op, status: 'unknown' },
  ]);
});

test('fromHistory keeps stale reads only when asked', () => {
  const ops = fromHistory(history, { includeStaleReads: true });
  expect(ops.find((op) => op.id === 6)).toMatchObject({ status: 'ok', output: null });
});

test('fromHistory reads a cas result from `swapped`', () => {
  const [cas] = fromHistory([
    {
      opId: 9,
      clientId: 1,
      op: { type: 'cas', key: 'k', expected: null, value: 'a' },
      invokedAt: 0,
      completedAt: 5,
      status: 'ok',
      result: { value: 'a', swapped: true },
    },
  ]);
  expect(cas).toMatchObject({ status: 'ok', output: true });
});
