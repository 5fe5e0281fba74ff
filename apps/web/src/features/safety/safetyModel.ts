/** The Safety panel's checklist: each invariant holds until a violation names it. */
import type { Violation } from '@raftlab/protocol';
import { INVARIANT_NAMES, INVARIANT_RULES, type InvariantId } from './invariantNames';

export interface InvariantStatus {
  id: InvariantId;
  name: string;
  rule: string;
  /** Violations of this invariant, oldest first; empty while it holds. */
  violations: Violation[];
}

export function invariantChecklist(violations: readonly Violation[]): InvariantStatus[] {
  return (Object.keys(INVARIANT_NAMES) as InvariantId[]).map((id) => ({
    id,
    name: INVARIANT_NAMES[id],
    rule: INVARIANT_RULES[id],
    violations: violations.filter((v) => v.invariant === id),
  }));
}
