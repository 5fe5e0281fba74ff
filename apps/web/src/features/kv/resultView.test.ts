import { describe, expect, it } from 'vitest';
import type { HistoryOp } from '@raftlab/protocol';
import type { KvResultRow } from '../../store/types';
import { describeKvOp } from './opText';
import { resultView } from './resultView';

const put = (over: Partial<KvResultRow> = {}): KvResultRow => ({
  id: 1,
  op: 'put',
  key: 'x',
  value: '1',
  ok: true,
  opId: 7,
  ...over,
});
const timedOut = (over: Partial<KvResultRow> = {}) =>
  put({ ok: false, timedOut: true, error: 'Timed out, outcome unknown: …', index: undefined, ...over });
const historyOp = (status: HistoryOp['status'], over: Partial<HistoryOp> = {}): HistoryOp => ({
  opId: 7,
  clientId: 3,
  op: { type: 'put', key: 'x', value: '1' },
  invokedAt: 1,
  completedAt: status === 'pending' ? null : 2,
  status,
  ...(status === 'ok' ? { result: { value: '1', index: 5, term: 2, node: 3 } } : {}),
  ...over,
});

describe('a request’s result, settled by the history', () => {
  it('a timed-out write that the history says succeeded reads as a success, not "outcome unknown"', () => {
    const view = resultView(timedOut(), historyOp('ok'));
    expect(view.status).toBe('ok');
    expect(view.text).toBe('x = 1 — index 5 · term 2 · node 3 (answered after the request timed out)');
    expect(view.late).toBe(true);
  });

  it('while the history still has it pending, it says so; once the history gives up, outcome unknown', () => {
    expect(resultView(timedOut(), historyOp('pending'))).toMatchObject({ status: 'pending', late: false });
    expect(resultView(timedOut(), historyOp('pending')).text).toMatch(/still pending in the cluster/);
    expect(resultView(timedOut(), historyOp('unknown'))).toMatchObject({ status: 'unknown' });
    const failed = resultView(timedOut(), historyOp('fail'));
    expect(failed).toMatchObject({ status: 'fail', text: 'x: failed: it did not take effect' });
  });

  it('a success agrees with its operation', () => {
    const ok = put({ index: 5, term: 2, node: 3 });
    expect(resultView(ok, historyOp('ok'))).toMatchObject({
      status: 'ok',
      text: 'x = 1 — index 5 · term 2 · node 3',
    });
  });

  it('a read of an absent key is a success of the history: x = (absent)', () => {
    const absent: KvResultRow = {
      id: 2,
      op: 'get',
      key: 'x',
      value: null,
      ok: false,
      error: 'Not found',
      opId: 7,
      consistency: 'linearizable',
    };
    const read = historyOp('ok', {
      op: { type: 'get', key: 'x', consistency: 'linearizable' },
      result: { value: null, index: 4, term: 2, node: 1 },
    });
    expect(resultView(absent, read)).toMatchObject({
      status: 'ok',
      text: 'x = (absent) — index 4 · term 2 · node 1',
    });
  });

  it('a stale read says whose copy it read and that it may be out of date', () => {
    const row: KvResultRow = {
      id: 3,
      op: 'get',
      key: 'x',
      value: '0',
      ok: true,
      index: 2,
      term: 1,
      node: 4,
      opId: 7,
      consistency: 'stale',
      readFrom: 4,
    };
    const view = resultView(row, undefined);
    expect(view.read).toEqual({ consistency: 'stale', node: 4 });
    expect(view.text).toBe("x = 0 — node 4's copy at index 2 (term 1): it may be out of date");
  });

  it('without its operation in the page (never made, or scrolled out of the bounded history), the HTTP answer stands', () => {
    expect(resultView(put({ index: 5, term: 2, node: 3 }), undefined).status).toBe('ok');
    const noLeader = put({ ok: false, error: 'No leader: …', opId: undefined });
    expect(resultView(noLeader, undefined)).toMatchObject({ status: 'error', text: 'x: No leader: …' });
  });
});

describe('describeKvOp', () => {
  it('names a read’s level when it is not linearizable, and a stale read’s node', () => {
    expect(describeKvOp({ type: 'get', key: 'x', consistency: 'linearizable' })).toBe('get x');
    expect(describeKvOp({ type: 'get', key: 'x', consistency: 'lease' })).toBe('get x (lease read)');
    expect(describeKvOp({ type: 'get', key: 'x', consistency: 'stale', node: 2 })).toBe(
      'get x (stale read from node 2)',
    );
    expect(describeKvOp({ type: 'get', key: 'x', consistency: 'stale' })).toBe('get x (stale read)');
  });
});
