/** The safety properties the simulator checks, by the id its violations carry. */
export type InvariantId = keyof typeof INVARIANT_NAMES;

/** The checked safety properties, in the order the Safety panel lists them. */
export const INVARIANT_NAMES = {
  'election-safety': 'Election Safety',
  'leader-append-only': 'Leader Append-Only',
  'log-matching': 'Log Matching',
  'leader-completeness': 'Leader Completeness',
  'leader-commit-rule': 'Leader commit rule',
  'state-machine-safety': 'State Machine Safety',
  'monotonic-term': 'Monotonic term',
  'monotonic-commit': 'Monotonic commit',
  'index-order': 'Index order',
} as const;

export const INVARIANT_RULES: Record<InvariantId, string> = {
  'election-safety': '§5.2',
  'leader-append-only': '§5.3',
  'log-matching': '§5.3',
  'leader-completeness': '§5.4',
  'leader-commit-rule': '§5.4.2',
  'state-machine-safety': '§5.4.3',
  'monotonic-term': '§5.1',
  'monotonic-commit': '§5.3',
  'index-order': '§5.3',
};
