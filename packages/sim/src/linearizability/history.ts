/**
 * Adapts the simulator's client history to the checker's input. Typed loosely (a
 * structural superset of `HistoryOp`) so that it keeps compiling as the simulator's
 * operations grow (cas).
 */
import type { CheckKvOp, CheckOp, CheckStatus } from './types';

/** The parts of the simulator's `HistoryOp` the checker reads. */
export interface HistoryLikeOp {
  opId: number;
  clientId: number;
  op: CheckKvOp & { consistency?: string };
  invokedAt: number;
  completedAt: number | null;
  status: CheckStatus | 'pending';
  result?: { value: string | null; swapped?: boolean };
}

export interface FromHistoryOptions {
  /**
   * Keep gets with `consistency: 'stale'`. They are allowed to return old values, so
   * checking them for linearizability reports expected anomalies. Default: false.
   */
  includeStaleReads?: boolean;
}

/**
 * Converts a client history: pending and unknown operations get `ret = Infinity` (they
 * may take effect any time after their call, or never); failed ones certainly did not
 * happen and are dropped; a get's output is the value read, a cas's its `swapped` flag.
 */
export function fromHistory(ops: readonly HistoryLikeOp[], options: FromHistoryOptions = {}): CheckOp[] {
  const out: CheckOp[] = [];
  for (const h of ops) {
    if (h.status === 'fail') continue;
    if (h.op.type === 'get' && h.op.consistency === 'stale' && !options.includeStaleReads) continue;
    const completed = h.status === 'ok' && h.completedAt !== null;
    const record: CheckOp = {
      id: h.opId,
      clientId: h.clientId,
      call: h.invokedAt,
      ret: completed ? h.completedAt! : Infinity,
      op: h.op,
      status: completed ? 'ok' : 'unknown',
    };
    if (completed && h.op.type === 'get') record.output = h.result?.value;
    if (completed && h.op.type === 'cas') record.output = h.result?.swapped;
    out.push(record);
  }
  return out;
}
