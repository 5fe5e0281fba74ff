/**
 * The checker's entry point: splits a history by key, checks each key's operations on
 * their own (P-compositionality: a KV history is linearizable iff each key's
 * sub-history is, because operations on different keys commute), and turns the first
 * failing key's counterexample into an explanation.
 */
import { KeyModel } from './model';
import { searchKey } from './search';
import type { SearchOutcome } from './search';
import type { CheckOp, CheckOptions, CheckResult, Explanation, KeyStats } from './types';

/** Decides whether `ops` is linearizable for the key-value model. */
export function checkLinearizability(ops: readonly CheckOp[], options: CheckOptions = {}): CheckResult {
  let budget = options.maxSteps ?? Infinity;
  const partitions = partitionByKey(ops);
  const stats: KeyStats[] = [];
  let timedOutKey: string | undefined;
  let violation: Explanation | undefined;
  // Small keys first: a budget spent on one huge key should not hide a violation elsewhere.
  const keys = [...partitions.keys()].sort(
    (a, b) => partitions.get(a)!.length - partitions.get(b)!.length || compare(a, b),
  );
  for (const key of keys) {
    const keyOps = partitions.get(key)!;
    const unknownOps = keyOps.filter((op) => op.status === 'unknown').length;
    const base = { key, ops: keyOps.length, unknownOps };
    if (violation !== undefined || timedOutKey !== undefined) {
      stats.push({ ...base, steps: 0, memoEntries: 0, backtracks: 0, verdict: 'not-checked' });
      continue;
    }
    const model = new KeyModel(keyOps);
    const outcome = searchKey(model, keyOps.length - unknownOps, budget);
    budget -= outcome.steps;
    const { steps, memoEntries, backtracks } = outcome;
    stats.push({ ...base, steps, memoEntries, backtracks, verdict: outcome.verdict });
    if (outcome.verdict === 'timeout') timedOutKey = key;
    if (outcome.verdict === 'violation') violation = explain(key, model, outcome);
  }
  stats.sort((a, b) => compare(a.key, b.key));
  if (violation !== undefined) {
    return { ok: false, timedOut: false, key: violation.key, explanation: violation, stats };
  }
  if (timedOutKey !== undefined) return { ok: false, timedOut: true, key: timedOutKey, stats };
  return { ok: true, timedOut: false, stats };
}

/**
 * Groups the operations that matter by key, completed ones first in call order, then
 * unknown ones (the layout `searchKey` expects). Failed operations did not happen; an
 * unknown read changed nothing and returned nothing, so both are dropped.
 */
function partitionByKey(ops: readonly CheckOp[]): Map<string, CheckOp[]> {
  const partitions = new Map<string, CheckOp[]>();
  for (const record of ops) {
    if (record.status === 'fail') continue;
    if (record.status === 'unknown' && record.op.type === 'get') continue;
    if (record.status === 'ok' && !(record.ret < Infinity)) {
      throw new RangeError(`operation ${record.id} completed ok but has no finite return time`);
    }
    const normalised: CheckOp = record.status === 'unknown' ? { ...record, ret: Infinity } : record;
    let list = partitions.get(record.op.key);
    if (list === undefined) partitions.set(record.op.key, (list = []));
    list.push(normalised);
  }
  const rank = (op: CheckOp): number => (op.status === 'ok' ? 0 : 1);
  for (const list of partitions.values()) {
    list.sort((a, b) => rank(a) - rank(b) || a.call - b.call || a.ret - b.ret || a.id - b.id);
  }
  return partitions;
}

function explain(key: string, model: KeyModel, outcome: SearchOutcome): Explanation {
  const { prefix, statesAfter, failed, stateBefore } = outcome.counterexample!;
  const failedOp = model.ops[failed];
  return {
    key,
    prefix: prefix.map((i, k) => ({ op: model.ops[i], stateAfter: model.value(statesAfter[k]) })),
    stateBefore: model.value(stateBefore),
    failed: failedOp,
    returned: failedOp.output,
    expected: model.expectedOutput(failed, stateBefore),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
