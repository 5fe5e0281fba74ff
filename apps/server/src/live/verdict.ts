/**
 * The linearizability verdict of a cluster's client history, as the API reports it. The
 * search has a step budget, so a pathological history answers "unknown" instead of
 * holding the event loop.
 */
import type { Verdict } from '@raftlab/protocol';
import { checkLinearizability, formatExplanation, fromHistory, type HistoryOp } from '@raftlab/sim';

/** Search steps per verdict; far beyond what the dashboard's histories need (see the checker bench). */
const MAX_CHECK_STEPS = 2_000_000;

export function verdictOf(history: HistoryOp[]): Verdict {
  const ops = fromHistory(history);
  const result = checkLinearizability(ops, { maxSteps: MAX_CHECK_STEPS });
  if (result.ok) {
    return {
      status: 'linearizable',
      checkedOps: ops.length,
      message: `All ${ops.length} checked operations are linearizable (stale reads are not checked).`,
    };
  }
  if (result.timedOut) {
    return {
      status: 'unknown',
      checkedOps: ops.length,
      message: `The checker ran out of its budget on key "${result.key}" before reaching a verdict.`,
      key: result.key,
    };
  }
  return {
    status: 'not-linearizable',
    checkedOps: ops.length,
    message: formatExplanation(result.explanation),
    key: result.key,
    failedOpId: result.explanation.failed.id,
    prefixOpIds: result.explanation.prefix.map((step) => step.op.id),
  };
}
