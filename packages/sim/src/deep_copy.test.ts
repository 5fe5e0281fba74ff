import { bindTo } from '@raftlab/raft';
import { expect, test } from 'vitest';
import { COPY, deepCopy, sharedElements, type Copier } from './deep_copy';
import { Simulation } from './simulation';

class Counter {
  count = 0;
  readonly bump = bindTo(this, this.increment);
  private increment(): number {
    return ++this.count;
  }
}

test('copies classes, Maps, Sets, typed arrays, shared references and cycles with their shape', () => {
  const shared = { n: 1 };
  const original = {
    counter: new Counter(),
    map: new Map([['a', shared]]),
    set: new Set([shared]),
    bytes: new Uint8Array([1, 2, 3]),
    self: null as unknown,
    twice: [shared, shared],
  };
  original.self = original;
  const copy = deepCopy(original);
  expect(copy.counter).toBeInstanceOf(Counter);
  expect(copy.self).toBe(copy);
  expect(copy.twice[0]).toBe(copy.twice[1]);
  expect(copy.map.get('a')).toBe(copy.twice[0]);
  expect(copy.set.has(copy.twice[0])).toBe(true);
  expect(copy.twice[0]).not.toBe(shared);
  copy.bytes[0] = 9;
  expect(original.bytes[0]).toBe(1);
});

test('a bound method acts on the copy of its object, not on the original', () => {
  const original = new Counter();
  original.bump();
  const copy = deepCopy(original);
  copy.bump();
  copy.bump();
  expect([original.count, copy.count]).toEqual([1, 3]);
});

test('a closure in the graph is refused, naming it', () => {
  const holder = { callback: function onTick() {} };
  expect(() => deepCopy(holder)).toThrow(/closure onTick/);
});

test('a sharedElements array is copied, its elements shared; an own __proto__ key stays a key', () => {
  const record = { term: 1, data: { key: 'k' } };
  const table = JSON.parse('{"__proto__": "v", "records": []}') as { records: unknown[] };
  table.records = sharedElements([record]);
  const copy = deepCopy(table);
  expect(copy.records).not.toBe(table.records);
  expect(copy.records[0]).toBe(record);
  // A copy of the copy shares them too.
  expect(deepCopy(copy).records[0]).toBe(record);
  expect(Object.keys(copy)).toEqual(['__proto__', 'records']);
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
});

test('an object with a [COPY] method copies itself', () => {
  const withHook = {
    kept: { n: 1 },
    listeners: [() => {}],
    [COPY](copy: Copier) {
      return { kept: copy(this.kept), listeners: [] };
    },
  };
  const copy = deepCopy({ inner: withHook });
  expect(copy.inner.listeners).toEqual([]);
  expect(copy.inner.kept).toEqual({ n: 1 });
});

test("a simulation's copy runs on by itself, without the original's listeners", () => {
  const sim = new Simulation({ seed: 2 });
  const heard: number[] = [];
  sim.onEvent((e) => heard.push(e.seq));
  sim.runUntil(2_000_000);
  const copy = deepCopy(sim);
  const before = heard.length;
  copy.runUntil(4_000_000);
  expect(heard.length).toBe(before);
  sim.runUntil(4_000_000);
  expect(JSON.stringify(copy.view())).toBe(JSON.stringify(sim.view()));
});
