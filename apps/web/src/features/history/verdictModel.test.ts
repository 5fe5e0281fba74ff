import { describe, expect, it } from 'vitest';
import type { Verdict } from '@raftlab/protocol';
import type { HistoryCheck } from '../../store/types';
import { opMark, verdictSummary } from './verdictModel';

const bad: Verdict = {
  status: 'not-linearizable',
  checkedOps: 5,
  message: 'key "x" is not linearizable.',
  key: 'x',
  failedOpId: 4,
  prefixOpIds: [1, 3],
};
const check = (over: Partial<HistoryCheck> = {}): HistoryCheck => ({
  checking: false,
  verdict: null,
  covered: { maxOpId: 0, pending: [] },
  error: null,
  ...over,
});

describe('opMark', () => {
  it('marks the operation that cannot be placed, its prefix, and sets other keys aside', () => {
    expect([1, 2, 3, 4].map((id) => opMark(bad, id, 'x'))).toEqual(['prefix', null, 'prefix', 'offending']);
    expect(opMark(bad, 9, 'y')).toBe('other-key');
    expect(opMark({ status: 'linearizable', checkedOps: 5, message: '' }, 4, 'x')).toBeNull();
    expect(opMark(null, 4, 'x')).toBeNull();
  });
});

describe('verdictSummary', () => {
  it('says when nothing was checked yet, and when a check is out', () => {
    expect(verdictSummary(check(), 0)).toMatchObject({ tone: 'none', badge: 'Not checked yet' });
    expect(verdictSummary(check({ checking: true }), 2).badge).toBe('Checking…');
  });
  it('counts the checked operations and the completions since', () => {
    const ok = check({
      verdict: { status: 'linearizable', checkedOps: 3, message: '' },
    });
    expect(verdictSummary(ok, 0)).toEqual({
      tone: 'ok',
      badge: 'Linearizable ✓',
      detail: '3 operations checked',
    });
    expect(verdictSummary(ok, 1).detail).toBe('3 operations checked · 1 newer completion not checked yet');
  });
  it('names the key and the operation on failure', () => {
    expect(verdictSummary(check({ verdict: bad }), 0)).toEqual({
      tone: 'bad',
      badge: 'Not linearizable ✗',
      detail:
        'key "x": operation #4 cannot be placed after a linearizable prefix of 2 (numbered in order on the lanes)',
    });
  });
});
