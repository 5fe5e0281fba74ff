/** The Safety panel's checklist: each invariant holds until a violation names it. */
import { INVARIANTS, type InvariantName, type Violation } from '@raftlab/protocol';

export interface InvariantStatus {
  id: InvariantName;
  /** The property's name, as the paper writes it. */
  name: string;
  /** The section of the paper that states it. */
  rule: string;
  /** Violations of this invariant, oldest first; empty while it holds. */
  violations: Violation[];
}

export function invariantChecklist(violations: readonly Violation[]): InvariantStatus[] {
  return INVARIANTS.map(({ name: id, title, section }) => ({
    id,
    name: title,
    rule: section,
    violations: violations.filter((v) => v.invariant === id),
  }));
}
