import fc from 'fast-check';
import { expect, test } from 'vitest';
import { EventQueue } from './queue';

test('pops by time, then by insertion order', () => {
  const q = new EventQueue<string>();
  q.push(5, 'a');
  q.push(1, 'b');
  q.push(5, 'c');
  q.push(1, 'd');
  q.push(3, 'e');
  const out: string[] = [];
  for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e);
  expect(out).toEqual(['b', 'd', 'e', 'a', 'c']);
  expect(q.peekTime()).toBeNull();
});

test('matches a stable sort of (time, insertion) for any interleaving of pushes and pops', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(-1)), { maxLength: 200 }),
      (ops) => {
        const q = new EventQueue<number>();
        let model: Array<{ time: number; id: number }> = [];
        let id = 0;
        for (const op of ops) {
          if (op >= 0) {
            q.push(op, id);
            model.push({ time: op, id: id++ });
            continue;
          }
          model = [...model].sort((a, b) => a.time - b.time || a.id - b.id);
          const expected = model.shift();
          const got = q.pop();
          expect(got).toBe(expected?.id);
          expect(q.size).toBe(model.length);
        }
      },
    ),
  );
});

test('remove takes out any item; the rest still pop in (time, insertion) order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(-1), fc.constant(-2)), {
        maxLength: 200,
      }),
      fc.integer({ min: 0, max: 1000 }),
      (ops, pick) => {
        const q = new EventQueue<{ id: number }>();
        let model: Array<{ time: number; item: { id: number } }> = [];
        let id = 0;
        for (const op of ops) {
          if (op >= 0) {
            const item = { id: id++ };
            q.push(op, item);
            model.push({ time: op, item });
          } else if (op === -2 && model.length > 0) {
            const [victim] = model.splice((pick + id) % model.length, 1);
            expect(q.remove(victim.item)).toBe(true);
            expect(q.remove(victim.item)).toBe(false);
          } else {
            model = [...model].sort((a, b) => a.time - b.time || a.item.id - b.item.id);
            expect(q.pop()).toBe(model.shift()?.item);
          }
          expect(q.size).toBe(model.length);
        }
        model.sort((a, b) => a.time - b.time || a.item.id - b.item.id);
        for (const { item } of model) expect(q.pop()).toBe(item);
      },
    ),
  );
});
