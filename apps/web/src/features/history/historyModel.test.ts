import { describe, expect, it } from 'vitest';
import type { HistoryOp } from '@raftlab/protocol';
import { historyBars } from './historyModel';

const op = (opId: number, clientId: number, invokedAt: number, completedAt: number | null): HistoryOp => ({
  opId,
  clientId,
  op: { type: 'put', key: 'x', value: String(opId) },
  invokedAt,
  completedAt,
  status: completedAt === null ? 'pending' : 'ok',
  result: completedAt === null ? undefined : { value: String(opId), index: opId + 1, term: 1, node: 1 },
});

describe('historyBars', () => {
  it('gives each client a lane and runs a pending operation to now', () => {
    const { bars, clients, from, to } = historyBars([op(1, 7, 10, 20), op(2, 3, 15, null)], 40, 10);
    expect(clients).toEqual([3, 7]);
    expect(bars.map((b) => [b.lane, b.start, b.end])).toEqual([
      [1, 10, 20],
      [0, 15, 40],
    ]);
    expect([from, to]).toEqual([10, 40]);
    expect(bars[0].label).toBe('put x = 1 by client 7: ok at index 2');
    expect(bars[1].label).toBe('put x = 2 by client 3: pending');
  });
  it('keeps only the newest operations', () => {
    expect(
      historyBars([op(1, 1, 1, 2), op(2, 1, 3, 4), op(3, 1, 5, 6)], 6, 2).bars.map((b) => b.op.opId),
    ).toEqual([2, 3]);
  });
  it('goes back no further than the newest maxLanes clients', () => {
    const history = [op(1, 1, 1, 2), op(2, 2, 3, 4), op(3, 3, 5, 6), op(4, 2, 7, 8)];
    const { bars, clients } = historyBars(history, 8, 10, 2);
    expect(clients).toEqual([2, 3]);
    expect(bars.map((b) => b.op.opId)).toEqual([2, 3, 4]);
  });
});
