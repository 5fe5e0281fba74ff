/**
 * Wing–Gong linearizability search with Lowe's memoisation, for the operations on one key.
 *
 * Theory of operation
 * -------------------
 * A history is linearizable when its operations can be put in one sequential order that
 * (1) respects real time: if A returned before B was called, A comes first; and
 * (2) is legal for the model: every operation returns what the model returns at its place.
 * Operations of unknown outcome may be placed anywhere after their call, or left out.
 *
 * The history is flattened into a doubly linked list of call and return entries in time
 * order (calls before returns at equal times, so touching intervals count as concurrent);
 * unknown operations return at Infinity. Scanning from the head, every call entry met
 * before the first return entry belongs to an operation that may go next: none of them
 * has to follow another pending one. The search tries them in turn; if the model accepts
 * one, it is *linearized*: its two entries are lifted out of the list, it is pushed on a
 * stack with the state before it, and the scan restarts from the head. Meeting a return
 * entry means its operation had to come next and could not: pop the last choice, put its
 * entries back, restore the state, and try the next candidate after it (backtracking).
 *
 * The search succeeds when the list is empty, or when the entry met is the return of an
 * unknown operation: those sit at Infinity, after every other entry, so the operations
 * still in the list are all unknown and are left out (they never took effect). It fails
 * when it must backtrack with an empty stack.
 *
 * Unknown operations are tried in call order like the others, i.e. as early as possible.
 * (Trying them last, only when the search is blocked, was measured: it explores far more
 * configurations on a hot key, because the unknown write a read needs is then placed
 * after the concurrent writes the search has already committed to.)
 *
 * Lowe's memoisation makes this practical: two search states with the same linearized
 * set and the same model state have the same future, so each (set, state) pair is
 * explored once (`Memo`, keyed by the set's incremental hash). The deepest stack reached
 * is the longest linearizable prefix, kept as the explanation of a failure; at that depth
 * the operation whose return blocked the search is one the model rejects (had it been a
 * memo hit, the search would already have been one deeper).
 *
 * Cost is linear in the history when it is well behaved (each step lifts an entry), and
 * exponential only in the number of operations that are concurrent at one instant. A
 * step budget bounds the pathological cases.
 */
import { LinearizedSet } from './linearized_set';
import { Memo } from './memo';
import { ABSENT, KeyModel, REJECTED } from './model';
import type { CheckOp } from './types';

export interface Counterexample {
  /** Operation indexes of the longest linearizable prefix, in order. */
  prefix: number[];
  /** The model state after each operation of `prefix`. */
  statesAfter: number[];
  /** The operation that cannot be placed after the prefix, and the state it met. */
  failed: number;
  stateBefore: number;
}

export interface SearchOutcome {
  verdict: 'ok' | 'violation' | 'timeout';
  steps: number;
  backtracks: number;
  memoEntries: number;
  counterexample?: Counterexample;
}

/**
 * Searches for a linearization of `model.ops` (all on one key; none `fail`; the first
 * `knownCount` completed, in call order, then the unknown ones, with ret = Infinity)
 * within `maxSteps` loop iterations.
 */
export function searchKey(model: KeyModel, knownCount: number, maxSteps: number): SearchOutcome {
  const ops = model.ops;
  const n = ops.length;
  const head = 2 * n;
  // Entry e is the call (even) or return (odd) of operation e >> 1; the list is circular through `head`.
  const next = new Int32Array(2 * n + 1);
  const prev = new Int32Array(2 * n + 1);
  linkInTimeOrder(ops, next, prev, head);

  const set = new LinearizedSet(knownCount, n - knownCount);
  const memo = new Memo();
  const stackOp = new Int32Array(n);
  const stackState = new Int32Array(n);
  const deepest = new DeepestPrefix(n);
  let depth = 0;
  let state = ABSENT;
  let steps = 0;
  let backtracks = 0;
  const outcome = (verdict: SearchOutcome['verdict']): SearchOutcome => ({
    verdict,
    steps,
    backtracks,
    memoEntries: memo.size,
    counterexample: verdict === 'violation' ? deepest.counterexample() : undefined,
  });

  let entry = next[head];
  for (;;) {
    if (entry === head) return outcome('ok');
    if (++steps > maxSteps) return outcome('timeout');
    const op = entry >> 1;
    if ((entry & 1) === 0) {
      const nextState = model.step(op, state);
      if (nextState !== REJECTED) {
        const bit = set.bitOf(op);
        set.add(bit);
        if (memo.insert(set, nextState)) {
          stackOp[depth] = op;
          stackState[depth] = state;
          depth++;
          state = nextState;
          lift(entry, next, prev);
          entry = next[head];
          continue;
        }
        set.remove(bit);
      }
      entry = next[entry];
      continue;
    }
    // Returns at Infinity come last: every operation left is unknown, and is left out.
    if (op >= knownCount) return outcome('ok');
    // Every candidate failed: `op` cannot go next. Backtrack.
    deepest.offer(stackOp, stackState, depth, state, op);
    if (depth === 0) return outcome('violation');
    depth--;
    backtracks++;
    deepest.popped(depth);
    const call = 2 * stackOp[depth];
    state = stackState[depth];
    set.remove(set.bitOf(call >> 1));
    unlift(call, next, prev);
    entry = next[call];
  }
}

/** Takes `node` out of a circular doubly linked list; it keeps its own links for `relink`. */
function unlink(node: number, next: Int32Array, prev: Int32Array): void {
  next[prev[node]] = next[node];
  prev[next[node]] = prev[node];
}

/** Undoes `unlink` (valid in LIFO order: the neighbours are as they were). */
function relink(node: number, next: Int32Array, prev: Int32Array): void {
  next[prev[node]] = node;
  prev[next[node]] = node;
}

function linkInTimeOrder(ops: readonly CheckOp[], next: Int32Array, prev: Int32Array, head: number): void {
  const time = (e: number): number => ((e & 1) === 0 ? ops[e >> 1].call : ops[e >> 1].ret);
  const order = Array.from({ length: 2 * ops.length }, (_, e) => e);
  // Calls before returns at equal times; ties otherwise by operation index (call order).
  order.sort((a, b) => time(a) - time(b) || (a & 1) - (b & 1) || a - b);
  let last = head;
  for (const e of order) {
    next[last] = e;
    prev[e] = last;
    last = e;
  }
  next[last] = head;
  prev[head] = last;
}

/** Takes operation `call >> 1` out of the list: its call entry, then its return entry. */
function lift(call: number, next: Int32Array, prev: Int32Array): void {
  unlink(call, next, prev);
  unlink(call + 1, next, prev);
}

/** Undoes `lift`: return entry first, as LIFO order requires. */
function unlift(call: number, next: Int32Array, prev: Int32Array): void {
  relink(call + 1, next, prev);
  relink(call, next, prev);
}

/**
 * The deepest stack seen when the search had to backtrack. Copies are incremental: only
 * the part of the stack that changed since the last copy is copied, so keeping it costs
 * O(pushes) in all, not O(depth) per new maximum.
 */
class DeepestPrefix {
  private depth = -1;
  private readonly ops: Int32Array;
  private readonly statesAfter: Int32Array;
  private failed = -1;
  private stateBefore = ABSENT;
  /** Invariant: stack slots below this have not changed since the last copy. */
  private unchangedBelow = 0;

  constructor(n: number) {
    this.ops = new Int32Array(n);
    this.statesAfter = new Int32Array(n);
  }

  offer(stackOp: Int32Array, stackState: Int32Array, depth: number, state: number, failed: number): void {
    if (depth <= this.depth) return;
    for (let i = this.unchangedBelow; i < depth; i++) {
      this.ops[i] = stackOp[i];
      this.statesAfter[i] = i + 1 < depth ? stackState[i + 1] : state;
    }
    this.unchangedBelow = depth;
    this.depth = depth;
    this.failed = failed;
    this.stateBefore = state;
  }

  popped(depth: number): void {
    if (depth < this.unchangedBelow) this.unchangedBelow = depth;
  }

  counterexample(): Counterexample {
    return {
      prefix: Array.from(this.ops.subarray(0, this.depth)),
      statesAfter: Array.from(this.statesAfter.subarray(0, this.depth)),
      failed: this.failed,
      stateBefore: this.stateBefore,
    };
  }
}
