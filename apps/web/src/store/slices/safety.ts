/** The safety slice: the violations of Raft's safety properties the simulator reported. */
import type { Violation } from '@raftlab/protocol';
import type { Slice } from '../draft';
import { BOUNDS } from '../types';

export interface SafetyState {
  /** Safety violations the simulator reported, oldest first (bounded: the first ones stay). */
  violations: Violation[];
}

export const safety: Slice<SafetyState> = {
  initial: () => ({ violations: [] }),
  snapshot: (_state, frame) => ({ violations: frame.view.violations.slice(0, BOUNDS.violations) }),
  events: {
    'invariant-violated': (d, e) => {
      d.edit('violations').push(e.violation);
    },
  },
  endFrame: (d) => {
    if (d.s.violations.length > BOUNDS.violations)
      d.s.violations = d.s.violations.slice(0, BOUNDS.violations);
  },
};
