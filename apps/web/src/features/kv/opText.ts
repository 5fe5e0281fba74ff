/** Plain words for a client operation and for how far it has got (the client panel, the lanes). */
import type { HistoryOp, KvOp } from '@raftlab/protocol';
import type { OpProgress } from '../../store/selectors';

/**
 * `put x = 1`, `get x`, `get x (lease read)`, `get x (stale read from node 3)`, `delete x`,
 * `cas x: 1 → 2` (an absent expected value reads `(absent)`).
 */
export function describeKvOp(op: KvOp): string {
  switch (op.type) {
    case 'put':
      return `put ${op.key} = ${op.value}`;
    case 'get':
      if (op.consistency === 'stale')
        return `get ${op.key} (stale read${op.node === undefined ? '' : ` from node ${op.node}`})`;
      return op.consistency === 'lease' ? `get ${op.key} (lease read)` : `get ${op.key}`;
    case 'delete':
      return `delete ${op.key}`;
    case 'cas':
      return `cas ${op.key}: ${op.expected ?? '(absent)'} → ${op.value}`;
  }
}

/** The outcome of a completed operation, with where it was served. */
function describeOutcome(h: HistoryOp): string {
  if (h.status === 'fail') return 'failed: it did not take effect';
  if (h.status === 'unknown') return 'outcome unknown: it timed out and may still take effect';
  const r = h.result;
  if (!r) return 'ok';
  const value = h.op.type === 'get' || h.op.type === 'cas' ? ` → ${r.value ?? '(absent)'}` : '';
  // A stale read is one node's applied state, not the cluster's: say so.
  if (h.op.type === 'get' && h.op.consistency === 'stale')
    return `ok${value}: node ${r.node}'s copy at index ${r.index}, which may be out of date`;
  return `ok${value} at index ${r.index}, term ${r.term}, served by node ${r.node}`;
}

/** The stage in words, as the client panel lists it. */
export function describeProgress(p: OpProgress): string {
  switch (p.kind) {
    case 'queued':
      return 'waiting to be sent';
    case 'routing':
      return `routing to node ${p.node} (attempt ${p.attempt})`;
    case 'proposed':
      return `proposed at index ${p.index} (term ${p.term}) by node ${p.node}`;
    case 'committed':
      return `committed at index ${p.index} (term ${p.term}) on node ${p.node}`;
    case 'applied':
      return `applied at index ${p.index} on node ${p.node}; answering the client`;
    case 'replaced':
      return `lost: another leader's entry took index ${p.index}; retrying`;
    case 'done':
      return describeOutcome(p.op);
  }
}

/** The steps a write goes through, for the stepper (a read goes from routing straight to done). */
export const STEPS = ['routing', 'proposed', 'committed', 'applied'] as const;

/** How many of STEPS are reached (0 while queued, 4 once applied or done ok). */
export function stepsReached(p: OpProgress): number {
  switch (p.kind) {
    case 'queued':
      return 0;
    case 'routing':
    case 'replaced':
      return 1;
    case 'proposed':
      return 2;
    case 'committed':
      return 3;
    case 'applied':
      return 4;
    case 'done':
      return p.op.status === 'ok' ? 4 : 0;
  }
}
