/**
 * A method bound to its object, marked so that a deep copy of the object graph (the
 * simulator's timeline checkpoints, packages/sim/src/deep_copy.ts) can bind the same
 * method to the copy of the object instead of sharing a function that would still act on
 * the original. Use it for every function a long-lived object keeps in a field.
 */
export const BOUND_TO = Symbol.for('raftlab.boundTo');

export interface Binding {
  readonly target: object;
  readonly method: (...args: never[]) => unknown;
}

export function bindTo<T extends object, F extends (this: T, ...args: never[]) => unknown>(
  target: T,
  method: F,
): OmitThisParameter<F> {
  const bound = method.bind(target) as OmitThisParameter<F>;
  Object.defineProperty(bound, BOUND_TO, { value: { target, method } satisfies Binding });
  return bound;
}

/** How `fn` was made by `bindTo`, or undefined for any other function. */
export function bindingOf(fn: (...args: never[]) => unknown): Binding | undefined {
  return (fn as unknown as Record<symbol, Binding | undefined>)[BOUND_TO];
}
