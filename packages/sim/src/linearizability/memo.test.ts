import fc from 'fast-check';
import { expect, test } from 'vitest';
import { LinearizedSet } from './linearized_set';
import { Memo } from './memo';

test('the compact memo agrees with a naive set of (members, state) on random walks', () => {
  fc.assert(
    fc.property(
      fc.nat(80),
      fc.nat(40),
      fc.array(fc.tuple(fc.nat(1_000), fc.nat(3)), { maxLength: 400 }),
      (known, unknown, moves) => {
        const n = known + unknown;
        if (n === 0) return;
        const set = new LinearizedSet(known, unknown);
        const memo = new Memo();
        const naive = new Set<string>();
        const members = new Set<number>();
        for (const [pick, state] of moves) {
          const index = pick % n;
          const bit = set.bitOf(index);
          if (members.has(index)) {
            set.remove(bit);
            members.delete(index);
          } else {
            set.add(bit);
            members.add(index);
          }
          expect(set.size).toBe(members.size);
          const key = `${[...members].sort((a, b) => a - b).join(',')}|${state}`;
          expect(memo.insert(set, state)).toBe(!naive.has(key));
          naive.add(key);
        }
        expect(memo.size).toBe(naive.size);
      },
    ),
    { numRuns: 300 },
  );
});

test('a set that fills from the start stores only its window', () => {
  const set = new LinearizedSet(200, 10);
  for (let i = 0; i < 100; i++) set.add(set.bitOf(i));
  expect(set.firstNotFull).toBe(3);
  expect(set.lastNonZero).toBe(3);
  set.remove(set.bitOf(5));
  expect(set.firstNotFull).toBe(0);
  set.add(set.bitOf(205));
  expect(set.has(set.bitOf(205))).toBe(true);
  expect(set.lastNonZero).toBe(3);
});
