import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bruteForceLinearizable } from './brute_force';
import { checkLinearizability } from './check';
import { generateLinearizableHistory } from './generate';
import type { CheckKvOp, CheckOp } from './types';

const values = ['a', 'b', 'c'];
const kvOp: fc.Arbitrary<CheckKvOp> = fc.oneof(
  fc.record({
    type: fc.constant('put' as const),
    key: fc.constantFrom('x', 'y'),
    value: fc.constantFrom(...values),
  }),
  fc.record({ type: fc.constant('get' as const), key: fc.constantFrom('x', 'y') }),
  fc.record({ type: fc.constant('delete' as const), key: fc.constantFrom('x', 'y') }),
  fc.record({
    type: fc.constant('cas' as const),
    key: fc.constantFrom('x', 'y'),
    expected: fc.constantFrom(null, ...values),
    value: fc.constantFrom(...values),
  }),
);

const history: fc.Arbitrary<CheckOp[]> = fc
  .array(
    fc.record({
      op: kvOp,
      call: fc.nat(12),
      duration: fc.nat(6),
      status: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'unknown', 'fail') as fc.Arbitrary<CheckOp['status']>,
      read: fc.constantFrom(null, ...values),
      swapped: fc.boolean(),
    }),
    { maxLength: 7 },
  )
  .map((drawn) =>
    drawn.map(({ op, call, duration, status, read, swapped }, id): CheckOp => {
      const output = op.type === 'get' ? read : op.type === 'cas' ? swapped : undefined;
      const ret = status === 'unknown' ? Infinity : call + duration;
      return { id, clientId: id, call, ret, op, status, ...(status === 'ok' ? { output } : {}) };
    }),
  );

describe('checker against brute-force enumeration', () => {
  test('same verdict on random small histories', () => {
    fc.assert(
      fc.property(history, (ops) => {
        expect(checkLinearizability(ops).ok).toBe(bruteForceLinearizable(ops));
      }),
      { numRuns: 3_000 },
    );
  });

  test('a violation explanation replays: its prefix is legal and the failed op is rejected', () => {
    fc.assert(
      fc.property(history, (ops) => {
        const result = checkLinearizability(ops);
        if (result.ok || result.timedOut) return;
        const { prefix, stateBefore, returned, expected, failed } = result.explanation;
        expect(prefix.at(-1)?.stateAfter ?? null).toBe(stateBefore);
        expect(prefix.every((s) => s.op.op.key === result.key)).toBe(true);
        expect(failed.op.key).toBe(result.key);
        expect(returned).not.toEqual(expected);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('generated histories', () => {
  test('2,000 operations from a sequential run are accepted', () => {
    const random = seeded(7);
    const ops = generateLinearizableHistory({ ops: 2_000, clients: 8, keys: 5, unknownRate: 0.05, random });
    expect(ops.length).toBe(2_000);
    expect(checkLinearizability(ops)).toMatchObject({ ok: true, timedOut: false });
  });

  test('a corrupted read in a generated history is usually caught', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = seeded(seed);
        const ops = generateLinearizableHistory({ ops: 300, clients: 4, keys: 2, unknownRate: 0, random });
        const read = ops.find((op) => op.op.type === 'get' && op.status === 'ok');
        if (read === undefined) return;
        // A value nobody wrote can never be read.
        read.output = 'never written';
        expect(checkLinearizability(ops).ok).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});

/** mulberry32: a tiny seeded source for the generator. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
