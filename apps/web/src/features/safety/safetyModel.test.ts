import { describe, expect, it } from 'vitest';
import { invariantChecklist } from './safetyModel';

describe('invariantChecklist', () => {
  it('lists the five properties of Figure 3, the commit rule and the monotonicity checks, all holding', () => {
    const list = invariantChecklist([]);
    expect(list.map((i) => i.name)).toEqual([
      'Election Safety',
      'Leader Append-Only',
      'Log Matching',
      'Leader Completeness',
      'Leader commit rule',
      'State Machine Safety',
      'Monotonic term',
      'Monotonic commit',
      'Index order',
    ]);
    expect(list.every((i) => i.violations.length === 0)).toBe(true);
  });
  it('turns only the violated invariant red', () => {
    const v = { invariant: 'log-matching' as const, message: 'logs differ at 3', nodes: [1, 2] };
    const list = invariantChecklist([v]);
    expect(list.find((i) => i.id === 'log-matching')?.violations).toEqual([v]);
    expect(list.filter((i) => i.violations.length > 0)).toHaveLength(1);
  });
});
