import { describe, expect, it, test } from 'vitest';
import fc from 'fast-check';
import { CommandCache, KvStateMachine } from './kv';
import { decodeCommand, encodeCommand } from './kv_rules';
import type { Command } from './kv_rules';

let index = 0;
const entry = (command: Command) => ({
  index: ++index,
  term: 1,
  kind: 'command' as const,
  data: encodeCommand(command),
});

test('put, get, delete', () => {
  const kv = new KvStateMachine();
  expect(kv.apply(entry({ clientId: 1, seq: 1, op: { type: 'put', key: 'a', value: 'x' } }))?.value).toBe(
    'x',
  );
  expect(
    kv.apply(entry({ clientId: 1, seq: 2, op: { type: 'get', key: 'a', consistency: 'linearizable' } }))
      ?.value,
  ).toBe('x');
  expect(kv.apply(entry({ clientId: 1, seq: 3, op: { type: 'delete', key: 'a' } }))?.value).toBeNull();
  expect(kv.get('a')).toBeNull();
  expect(kv.apply({ index: ++index, term: 1, kind: 'noop', data: '' })).toBeNull();
});

test('a retried command takes effect once and returns the first result (§6.3)', () => {
  const kv = new KvStateMachine();
  const first = { clientId: 1, seq: 1, op: { type: 'put', key: 'k', value: 'v1' } } as const;
  expect(kv.apply(entry(first))).toMatchObject({ value: 'v1', duplicate: false });
  kv.apply(entry({ clientId: 2, seq: 1, op: { type: 'put', key: 'k', value: 'v2' } }));
  // The retry of client 1's seq 1 lands after client 2's write: it must not clobber it.
  expect(kv.apply(entry(first))).toMatchObject({ value: 'v1', duplicate: true });
  expect(kv.get('k')).toBe('v2');
  expect(kv.toRecord()).toEqual({ k: 'v2' });
});

test('toRecord sorts keys', () => {
  const kv = new KvStateMachine();
  kv.apply(entry({ clientId: 1, seq: 1, op: { type: 'put', key: 'b', value: '2' } }));
  kv.apply(entry({ clientId: 1, seq: 2, op: { type: 'put', key: 'a', value: '1' } }));
  expect(Object.keys(kv.toRecord())).toEqual(['a', 'b']);
});

describe('cas', () => {
  const entry = (index: number, seq: number, op: object) => ({
    index,
    term: 1,
    kind: 'command' as const,
    data: JSON.stringify({ clientId: 1, seq, op }),
  });

  it('swaps only when the key holds the expected value (null: absent), and a retry answers the same', () => {
    const kv = new KvStateMachine();
    expect(kv.apply(entry(1, 1, { type: 'cas', key: 'k', expected: null, value: 'a' }))).toMatchObject({
      value: 'a',
      swapped: true,
    });
    expect(kv.apply(entry(2, 2, { type: 'cas', key: 'k', expected: 'x', value: 'b' }))).toMatchObject({
      value: 'a',
      swapped: false,
    });
    const retried = kv.apply(entry(3, 2, { type: 'cas', key: 'k', expected: 'x', value: 'b' }));
    expect(retried).toMatchObject({ value: 'a', swapped: false, duplicate: true });
    expect(kv.apply(entry(4, 3, { type: 'cas', key: 'k', expected: 'a', value: 'c' }))).toMatchObject({
      value: 'c',
      swapped: true,
    });
  });
});

test('CommandCache decodes like decodeCommand, parsing each text once, and stays right when full', () => {
  const cache = new CommandCache();
  const text = (i: number) =>
    encodeCommand({ clientId: 1, seq: i, op: { type: 'put', key: 'k', value: `${i}` } });
  expect(cache.decode(text(1))).toEqual(decodeCommand(text(1)));
  expect(cache.decode(text(1))).toBe(cache.decode(text(1))); // one parse, shared
  expect(cache.decode('not json')).toBeNull();
  for (let i = 0; i < 3000; i++) expect(cache.decode(text(i))?.seq).toBe(i);
  expect(cache.decode(text(1))).toEqual(decodeCommand(text(1)));
});

test('CommandCache.encode hands out the text and remembers the command as its decoding', () => {
  const cache = new CommandCache();
  const command: Command = { clientId: 2, seq: 7, op: { type: 'cas', key: 'k', expected: null, value: 'v' } };
  const data = cache.encode(command);
  expect(data).toBe(encodeCommand(command));
  expect(cache.decode(data)).toBe(command); // no parse
  expect(cache.decode(data)).toEqual(decodeCommand(data));
});

test('a snapshot image restores the store and its sessions, whatever the keys are called (§7)', () => {
  const kv = new KvStateMachine();
  for (const [seq, key] of ['__proto__', 'constructor', '10', '9', 'b'].entries())
    kv.apply(entry({ clientId: 1, seq: seq + 1, op: { type: 'put', key, value: `v${seq}` } }));
  const restored = new KvStateMachine();
  restored.restore(kv.snapshot());
  for (const key of ['__proto__', 'constructor', '10', '9', 'b']) expect(restored.get(key)).toBe(kv.get(key));
  // The session came along: client 1's last command, retried, is answered, not executed.
  expect(
    restored.apply(entry({ clientId: 1, seq: 5, op: { type: 'put', key: 'b', value: 'again' } })),
  ).toMatchObject({
    duplicate: true,
  });
  expect(restored.snapshot()).toBe(kv.snapshot());
});

test('size counts the keys and their lengths as the store changes, and after a restore', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          key: fc.constantFrom('a', 'bb', 'ccc', '__proto__'),
          value: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
        }),
        { maxLength: 40 },
      ),
      (writes) => {
        const kv = new KvStateMachine();
        const expected = () => {
          const record = kv.toRecord();
          const keys = Object.keys(record);
          return { keys: keys.length, length: keys.reduce((n, k) => n + k.length + record[k].length, 0) };
        };
        writes.forEach(({ key, value }, seq) => {
          const op = value === null ? { type: 'delete' as const, key } : { type: 'put' as const, key, value };
          kv.apply(entry({ clientId: 1, seq: seq + 1, op }));
          expect(kv.size).toEqual(expected());
        });
        const copy = new KvStateMachine();
        copy.restore(kv.snapshot());
        expect(copy.size).toEqual(kv.size);
      },
    ),
  );
});
