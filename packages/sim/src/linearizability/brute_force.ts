/**
 * A deliberately naive linearizability oracle for tests: for every subset of the unknown
 * operations, tries every order of the chosen operations that respects real time, over
 * the whole multi-key store at once (no partitioning, no memo). Exponential; only for
 * histories of a handful of operations.
 */
import type { CheckOp } from './types';

export function bruteForceLinearizable(history: readonly CheckOp[]): boolean {
  const known = history.filter((op) => op.status === 'ok');
  const unknown = history.filter((op) => op.status === 'unknown');
  for (let mask = 0; mask < 1 << unknown.length; mask++) {
    const chosen = [...known, ...unknown.filter((_, i) => (mask & (1 << i)) !== 0)];
    if (someOrderWorks(chosen, new Array<boolean>(chosen.length).fill(false), new Map(), 0)) return true;
  }
  return false;
}

function someOrderWorks(
  ops: CheckOp[],
  placed: boolean[],
  store: Map<string, string>,
  count: number,
): boolean {
  if (count === ops.length) return true;
  for (let i = 0; i < ops.length; i++) {
    if (placed[i] || !mayGoNext(ops, placed, i)) continue;
    const after = apply(ops[i], store);
    if (after === null) continue;
    placed[i] = true;
    if (someOrderWorks(ops, placed, after, count + 1)) return true;
    placed[i] = false;
  }
  return false;
}

/** Real-time order: an operation that returned before `i` was called must already be placed. */
function mayGoNext(ops: CheckOp[], placed: boolean[], i: number): boolean {
  const unknownOutcome = (op: CheckOp): number => (op.status === 'unknown' ? Infinity : op.ret);
  return ops.every((other, j) => placed[j] || j === i || !(unknownOutcome(other) < ops[i].call));
}

/** The store after `record`, or null if it could not have returned what it did. */
function apply(record: CheckOp, store: Map<string, string>): Map<string, string> | null {
  const { op } = record;
  const observed = record.status === 'ok' ? record.output : undefined;
  const current = store.get(op.key) ?? null;
  const next = new Map(store);
  switch (op.type) {
    case 'put':
      next.set(op.key, op.value);
      return next;
    case 'delete':
      next.delete(op.key);
      return next;
    case 'get':
      return observed === undefined || observed === current ? next : null;
    case 'cas': {
      const swapped = current === op.expected;
      if (observed !== undefined && observed !== swapped) return null;
      if (swapped) next.set(op.key, op.value);
      return next;
    }
  }
}
