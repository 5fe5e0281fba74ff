/**
 * A deep copy of a whole simulation's object graph, for the timeline's checkpoints
 * (timeline.ts): every object reachable from the root is copied once — class instances
 * keep their prototype, Maps, Sets, arrays and typed arrays are copied, and an object
 * reached twice (or in a cycle) is copied once, so the copy has the original's shape.
 *
 * Functions are the hard part: a closure kept in a field still acts on the original. So
 * the graph may hold only functions made by `bindTo` (the method is bound again to the
 * copy of its object); any other function makes the copy throw, which keeps a closure
 * added later from silently tying a checkpoint to the live run. An object can take over
 * its own copy with a `[COPY]` method (e.g. to leave its listeners behind).
 *
 * The elements of an array marked with `sharedElements` are shared, not copied: the mark
 * promises that no element is ever changed (the array itself may grow, shrink or have an
 * element replaced). The records that accumulate — inputs, client operations (replaced
 * when they complete), the invariant checker's log records — are kept so, and a
 * checkpoint copies the arrays of them but not the records: an hour of light load
 * copies in a few milliseconds instead of 65 (docs/performance.md#checkpoints). A mark
 * on the array, not `Object.freeze` or a mark on each record: V8 reads frozen records
 * more slowly, and marking each one cost 9% of the light load's instructions.
 */
import { bindTo, bindingOf } from '@raftlab/raft';

export const COPY = Symbol('deepCopy');

/** Copies what it is given; an object's `[COPY]` method receives it to copy its parts. */
export type Copier = <T>(value: T) => T;

interface CustomCopy {
  [COPY](copy: Copier): object;
}

export function deepCopy<T>(root: T): T {
  const seen = new Map<object, unknown>();
  const copy = <V>(value: V): V => {
    if (typeof value !== 'object' || value === null) {
      return (typeof value === 'function' ? copyFunction(value as never) : value) as V;
    }
    const done = seen.get(value);
    if (done !== undefined) return done as V;
    return copyObject(value) as V;
  };

  function copyFunction(fn: (...args: never[]) => unknown): unknown {
    const done = seen.get(fn);
    if (done !== undefined) return done;
    const binding = bindingOf(fn);
    if (binding === undefined) {
      throw new TypeError(
        `deepCopy: cannot copy the closure ${fn.name || '(anonymous)'}; keep functions in state with bindTo`,
      );
    }
    const bound = bindTo(copy(binding.target), binding.method as never);
    seen.set(fn, bound);
    return bound;
  }

  function copyObject(value: object): unknown {
    if (Array.isArray(value)) {
      if (SHARED_ELEMENTS.has(value)) {
        const out = sharedElements(value.slice());
        seen.set(value, out);
        return out;
      }
      const out: unknown[] = new Array(value.length);
      seen.set(value, out);
      for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
      return out;
    }
    if (value instanceof Map) {
      const out = new Map();
      seen.set(value, out);
      for (const [k, v] of value) out.set(copy(k), copy(v));
      return out;
    }
    if (value instanceof Set) {
      const out = new Set();
      seen.set(value, out);
      for (const v of value) out.add(copy(v));
      return out;
    }
    if (ArrayBuffer.isView(value)) {
      const out = (value as unknown as Uint8Array).slice();
      seen.set(value, out);
      return out;
    }
    if (COPY in value) {
      const out = (value as CustomCopy)[COPY](copy);
      seen.set(value, out);
      return out;
    }
    const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
    seen.set(value, out);
    for (const key of Object.keys(value)) {
      const item = copy((value as Record<string, unknown>)[key]);
      // An own "__proto__" key (a user's KV key, say) must not set the prototype.
      if (key === '__proto__')
        Object.defineProperty(out, key, {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[key] = item;
    }
    return out;
  }

  return copy(root);
}

const SHARED_ELEMENTS = new WeakSet<unknown[]>();

/**
 * Marks `array` as one whose elements never change (see the header), and returns it:
 * deep copies copy the array and share its elements.
 */
export function sharedElements<T>(array: T[]): T[] {
  SHARED_ELEMENTS.add(array);
  return array;
}
