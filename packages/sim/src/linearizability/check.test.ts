import { beforeEach, describe, expect, test } from 'vitest';
import { checkLinearizability } from './check';
import { formatExplanation } from './explain';
import type { CheckKvOp, CheckOp, KvOutput } from './types';

let nextId = 0;
beforeEach(() => {
  nextId = 0;
});

const record = (clientId: number, call: number, ret: number, op: CheckKvOp, output?: KvOutput): CheckOp => ({
  id: nextId++,
  clientId,
  call,
  ret,
  op,
  status: 'ok',
  ...(output === undefined ? {} : { output }),
});
const put = (client: number, call: number, ret: number, value: string, key = 'x') =>
  record(client, call, ret, { type: 'put', key, value });
const get = (client: number, call: number, ret: number, output: string | null, key = 'x') =>
  record(client, call, ret, { type: 'get', key }, output);
const del = (client: number, call: number, ret: number, key = 'x') =>
  record(client, call, ret, { type: 'delete', key });
const cas = (
  client: number,
  call: number,
  ret: number,
  expected: string | null,
  value: string,
  swapped: boolean,
  key = 'x',
) => record(client, call, ret, { type: 'cas', key, expected, value }, swapped);
const timedOut = (op: CheckOp): CheckOp => ({ ...op, status: 'unknown', ret: Infinity, output: undefined });
const failed = (op: CheckOp): CheckOp => ({ ...op, status: 'fail' });

const verdict = (ops: CheckOp[]) => checkLinearizability(ops).ok;

describe('linearizable histories', () => {
  test('empty and sequential', () => {
    expect(verdict([])).toBe(true);
    expect(verdict([get(1, 0, 1, null), put(1, 2, 3, 'a'), get(2, 4, 5, 'a')])).toBe(true);
  });

  test('a read concurrent with a write sees the old or the new value', () => {
    expect(verdict([put(1, 0, 10, 'a'), put(1, 20, 40, 'b'), get(2, 25, 30, 'a')])).toBe(true);
    expect(verdict([put(1, 0, 10, 'a'), put(1, 20, 40, 'b'), get(2, 25, 30, 'b')])).toBe(true);
  });

  test('concurrent writes: either order may be observed', () => {
    const writes = () => [put(1, 0, 10, 'a'), put(2, 0, 10, 'b')];
    expect(verdict([...writes(), get(3, 20, 30, 'a')])).toBe(true);
    expect(verdict([...writes(), get(3, 20, 30, 'b')])).toBe(true);
  });

  test('an unknown write may land long after it timed out', () => {
    const history = [
      put(1, 0, 10, 'a'),
      timedOut(put(2, 20, 30, 'b')),
      get(3, 100, 110, 'a'),
      get(3, 1_000, 1_010, 'b'),
    ];
    expect(verdict(history)).toBe(true);
  });

  test('an unknown write may never take effect', () => {
    const history = [put(1, 0, 10, 'a'), timedOut(put(2, 20, 30, 'b')), get(3, 100, 110, 'a')];
    expect(verdict([...history, get(3, 200, 210, 'a')])).toBe(true);
  });

  test('failed operations and unknown reads are ignored', () => {
    expect(verdict([put(1, 0, 10, 'a'), failed(put(2, 20, 30, 'b')), get(3, 40, 50, 'a')])).toBe(true);
    expect(verdict([timedOut(get(1, 0, 10, 'never written'))])).toBe(true);
  });

  test('delete then read sees the key absent', () => {
    expect(verdict([put(1, 0, 10, 'a'), del(1, 20, 30), get(2, 40, 50, null)])).toBe(true);
  });

  test('cas swaps from the expected value, or from absent with expected null', () => {
    const history = [
      cas(1, 0, 10, null, 'a', true),
      cas(2, 20, 30, 'a', 'b', true),
      cas(3, 40, 50, 'a', 'c', false),
    ];
    expect(verdict([...history, get(1, 60, 70, 'b')])).toBe(true);
  });
});

describe('non-linearizable histories', () => {
  test('stale read after a completed write, with an explanation', () => {
    const result = checkLinearizability([put(1, 0, 10, 'a'), put(1, 20, 30, 'b'), get(2, 40, 50, 'a')]);
    expect(result.ok).toBe(false);
    if (result.ok || result.timedOut) throw new Error('expected a violation');
    const { explanation } = result;
    expect(result.key).toBe('x');
    expect(explanation.prefix.map((s) => [s.op.id, s.stateAfter])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(explanation.failed.id).toBe(2);
    expect(explanation).toMatchObject({ stateBefore: 'b', returned: 'a', expected: 'b' });
    expect(formatExplanation(explanation)).toContain('it returned "a", the model returns "b"');
  });

  test('lost write: a completed write is not seen', () => {
    expect(verdict([put(1, 0, 10, 'a'), get(2, 20, 30, null)])).toBe(false);
  });

  test('two later reads disagree on the order of two concurrent writes', () => {
    const writes = [put(1, 0, 10, 'a'), put(2, 0, 10, 'b')];
    expect(verdict([...writes, get(3, 20, 30, 'a'), get(3, 40, 50, 'b')])).toBe(false);
  });

  test('cas anomalies', () => {
    // Both swapped from the same expected value: one of them must have seen the other's write.
    const doubleSwap = [put(1, 0, 5, '0'), cas(2, 10, 20, '0', '1', true), cas(3, 10, 20, '0', '2', true)];
    expect(verdict(doubleSwap)).toBe(false);
    expect(
      verdict([put(1, 0, 5, '0'), cas(2, 10, 20, '0', '1', true), cas(3, 10, 20, '0', '2', false)]),
    ).toBe(true);
    expect(verdict([put(1, 0, 5, '0'), cas(2, 10, 20, null, '1', true)])).toBe(false);
    expect(verdict([put(1, 0, 5, '0'), cas(2, 10, 20, '0', '1', false)])).toBe(false);
  });

  test('an unknown write seen, then unseen', () => {
    const history = [
      put(1, 0, 10, 'a'),
      timedOut(put(2, 20, 30, 'b')),
      get(3, 1_000, 1_010, 'b'),
      get(3, 2_000, 2_010, 'a'),
    ];
    expect(verdict(history)).toBe(false);
  });

  test('a read of a value never written', () => {
    const result = checkLinearizability([put(1, 0, 10, 'a'), get(2, 5, 15, 'z')]);
    expect(result).toMatchObject({ ok: false, timedOut: false, explanation: { returned: 'z' } });
  });

  test('delete then a read of the deleted value', () => {
    expect(verdict([put(1, 0, 10, 'a'), del(1, 20, 30), get(2, 40, 50, 'a')])).toBe(false);
  });

  test('a failed write that is read', () => {
    expect(verdict([put(1, 0, 10, 'a'), failed(put(2, 20, 30, 'b')), get(3, 40, 50, 'b')])).toBe(false);
  });
});

describe('partitions, stats and budget', () => {
  test('keys are checked independently and the failing key is named', () => {
    const result = checkLinearizability([
      put(1, 0, 10, 'a', 'k1'),
      put(2, 0, 10, 'a', 'k2'),
      get(1, 20, 30, 'a', 'k1'),
      get(2, 20, 30, 'stale', 'k2'),
    ]);
    expect(result).toMatchObject({ ok: false, key: 'k2' });
    expect(result.stats.map((s) => [s.key, s.ops])).toEqual([
      ['k1', 2],
      ['k2', 2],
    ]);
    expect(result.stats.find((s) => s.key === 'k2')?.verdict).toBe('violation');
  });

  test('a budget too small for the search times out instead of answering', () => {
    const history = [put(1, 0, 10, 'a'), put(2, 0, 10, 'b'), get(3, 20, 30, 'a')];
    expect(checkLinearizability(history, { maxSteps: 2 })).toMatchObject({
      ok: false,
      timedOut: true,
      key: 'x',
    });
    expect(checkLinearizability(history, { maxSteps: 100 })).toMatchObject({ ok: true, timedOut: false });
  });

  test('an ok operation needs a return time', () => {
    expect(() => checkLinearizability([put(1, 0, Infinity, 'a')])).toThrow(RangeError);
  });
});
