import fc from 'fast-check';
import { expect, test } from 'vitest';
import { clone } from './clone';

const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

test('gives what a JSON round trip gives, for any plain data', () => {
  const key = fc.oneof(fc.string(), fc.constant('__proto__'));
  // Plain data as inputs and configs hold it, including what JSON drops or rewrites.
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.double(),
      fc.constant(-0),
      fc.integer(),
      fc.array(fc.oneof(tie('value'), fc.constant(undefined))),
      fc.dictionary(key, fc.oneof(tie('value'), fc.constant(undefined))),
    ),
  }));
  fc.assert(
    fc.property(fc.dictionary(key, value), (data) => {
      expect(clone(data)).toStrictEqual(viaJson(data));
    }),
  );
});

test('shares nothing with the original', () => {
  const original = { op: { type: 'put', key: 'k', value: 'v' }, groups: [[1, 2], [3]] };
  const copy = clone(original);
  copy.op.key = 'changed';
  copy.groups[0].push(9);
  expect(original).toEqual({ op: { type: 'put', key: 'k', value: 'v' }, groups: [[1, 2], [3]] });
});
