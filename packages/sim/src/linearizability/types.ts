/**
 * Plain-data types of the linearizability checker: its input (one record per client
 * operation, with the real-time interval in which it could have taken effect), and its
 * verdict with the evidence behind it.
 */

/**
 * An operation of the key-value model. A superset of the simulator's `KvOp` (extra fields
 * such as a get's `consistency` are ignored), so histories type-check as they grow.
 * `cas` writes `value` when the key currently holds `expected`; `expected: null` means
 * "the key is absent".
 */
export type CheckKvOp =
  | { type: 'put'; key: string; value: string }
  | { type: 'get'; key: string }
  | { type: 'delete'; key: string }
  | { type: 'cas'; key: string; expected: string | null; value: string };

/**
 * What an operation returned, interpreted by its type: a get's value (null when absent),
 * a cas's `swapped` flag; put and delete return nothing the model checks.
 * `undefined` means "not observed": any result is accepted.
 */
export type KvOutput = string | null | boolean | undefined;

export type CheckStatus = 'ok' | 'fail' | 'unknown';

export interface CheckOp {
  id: number;
  clientId: number;
  /** Invocation time. */
  call: number;
  /** Completion time; Infinity when the outcome is unknown (the op may land any time later). */
  ret: number;
  op: CheckKvOp;
  /**
   * `ok`: took effect once within [call, ret]; `fail`: certainly did not take effect
   * (ignored); `unknown`: took effect once after `call`, or never.
   */
  status: CheckStatus;
  output?: KvOutput;
}

export interface CheckOptions {
  /**
   * Search budget: the total number of search steps over all keys. When it runs out the
   * verdict is `timedOut` rather than a proof either way. Default: unbounded.
   */
  maxSteps?: number;
}

/** One operation of a linearization, and the key's value after it. */
export interface LinearizedStep {
  op: CheckOp;
  stateAfter: string | null;
}

export interface Explanation {
  key: string;
  /** The longest linearizable prefix the search found, in linearization order. */
  prefix: LinearizedStep[];
  /** The key's value after `prefix` (the state `failed` was tried against). */
  stateBefore: string | null;
  /** The operation that cannot be placed after `prefix`: no order lets it return what it did. */
  failed: CheckOp;
  returned: KvOutput;
  /** What the model returns for `failed` from `stateBefore`. */
  expected: KvOutput;
}

export interface KeyStats {
  key: string;
  /** Operations checked for this key (after dropping failed ops and unknown reads). */
  ops: number;
  unknownOps: number;
  /** Search loop iterations. */
  steps: number;
  /** Distinct (linearized set, state) configurations memoised. */
  memoEntries: number;
  backtracks: number;
  verdict: 'ok' | 'violation' | 'timeout' | 'not-checked';
}

export type CheckResult =
  | { ok: true; timedOut: false; stats: KeyStats[] }
  | { ok: false; timedOut: false; key: string; explanation: Explanation; stats: KeyStats[] }
  /** The budget ran out on `key` before a linearization or a violation was found. */
  | { ok: false; timedOut: true; key: string; stats: KeyStats[] };
