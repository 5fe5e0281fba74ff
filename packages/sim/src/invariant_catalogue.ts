/**
 * The safety properties the simulator checks (invariants.ts), defined once: the id a
 * violation carries, the name people know it by, the section of the paper that states
 * it, and one sentence of what it says. The protocol's schemas, the server and the
 * dashboard's Safety panel all read this list; its order is the order the panel shows.
 */
import type { NamesOf } from './names_of';

export const INVARIANTS = [
  {
    name: 'election-safety',
    title: 'Election Safety',
    section: '§5.2',
    description: 'At most one leader can be elected in a given term',
  },
  {
    name: 'leader-append-only',
    title: 'Leader Append-Only',
    section: '§5.3',
    description: 'A leader never overwrites or deletes entries in its log',
  },
  {
    name: 'log-matching',
    title: 'Log Matching',
    section: '§5.3',
    description: 'Two logs with an entry of the same index and term are identical up to it',
  },
  {
    name: 'leader-completeness',
    title: 'Leader Completeness',
    section: '§5.4',
    description: 'A committed entry is present in the logs of all later leaders',
  },
  {
    name: 'leader-commit-rule',
    title: 'Leader commit rule',
    section: '§5.4.2',
    description:
      "A leader commits by counting replicas only entries of its own term (Figure 2's commitIndex rule)",
  },
  {
    name: 'state-machine-safety',
    title: 'State Machine Safety',
    section: '§5.4.3',
    description: 'No two servers apply different entries at the same index; committed entries never change',
  },
  {
    name: 'monotonic-term',
    title: 'Monotonic term',
    section: '§5.1',
    description: "A server's current term never decreases (Figure 2: currentTerm is persisted)",
  },
  {
    name: 'monotonic-commit',
    title: 'Monotonic commit',
    section: '§5.3',
    description: "A server's commit index never decreases",
  },
  {
    name: 'index-order',
    title: 'Index order',
    section: '§5.3',
    description: 'snapshot index <= applied <= commit <= last log index on every server',
  },
] as const;

/** The id of a checked safety property, as a violation carries it. */
export type InvariantName = (typeof INVARIANTS)[number]['name'];

/** The ids, in the catalogue's order (typed as the tuple of literals they are). */
export const INVARIANT_NAMES = INVARIANTS.map((invariant) => invariant.name) as unknown as NamesOf<
  typeof INVARIANTS
>;

/** One property's entry of the catalogue. */
export type InvariantInfo = (typeof INVARIANTS)[number];

const BY_NAME = new Map<string, InvariantInfo>(INVARIANTS.map((invariant) => [invariant.name, invariant]));

/** The catalogue's entry of `name`. */
export function invariantInfo(name: InvariantName): InvariantInfo {
  return BY_NAME.get(name)!;
}
