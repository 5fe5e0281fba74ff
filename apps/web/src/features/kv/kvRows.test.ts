import { describe, expect, it } from 'vitest';
import { kvRows } from './kvRows';

const tables = (byNode: Record<number, Record<string, string>>) =>
  new Map(Object.entries(byNode).map(([id, kv]) => [Number(id), new Map(Object.entries(kv))]));

describe('kvRows', () => {
  it('lines up every key across nodes, sorted, and marks divergence', () => {
    expect(kvRows(tables({ 1: { x: '1' }, 2: { y: '3', x: '2' } }), [1, 2])).toEqual([
      { key: 'x', values: ['1', '2'], diverged: true },
      { key: 'y', values: [undefined, '3'], diverged: true },
    ]);
  });

  it('keeps keys a plain object would lose', () => {
    expect(kvRows(tables({ 1: {} }), [1])).toEqual([]);
    const odd = new Map([[1, new Map([['__proto__', 'a']])]]);
    expect(kvRows(odd, [1])).toEqual([{ key: '__proto__', values: ['a'], diverged: false }]);
  });

  it('does not call a crashed node’s empty table a divergence', () => {
    const rows = kvRows(tables({ 1: { x: '1' }, 2: {}, 3: { x: '1' } }), [1, 2, 3], (id) => id !== 2);
    expect(rows).toEqual([{ key: 'x', values: ['1', undefined, '1'], diverged: false }]);
  });
});
