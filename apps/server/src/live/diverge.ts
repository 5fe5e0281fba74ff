/**
 * The first moment at which two clusters' runs differ. A run is a pure function of its
 * config and its inputs at their points (packages/sim/src/simulation.ts), so two runs
 * with the same config are the same until the first input one has and the other does
 * not have at the same point — a branch and its parent share everything before the
 * moment the branch left. Runs with different configs differ from moment 0.
 */
import type { Input } from '@raftlab/sim';
import type { LiveCluster } from './live-cluster';

export function firstDifference(one: LiveCluster, other: LiveCluster): number | null {
  const a = one.trace();
  const b = other.trace();
  if (JSON.stringify(a.config) !== JSON.stringify(b.config)) return 0;
  const [endA, endB] = [one.end, other.end];
  const n = Math.min(a.inputs.length, b.inputs.length);
  let i = 0;
  while (i < n && same(a.inputs[i], b.inputs[i])) i++;
  // The first input only one of them has; past the other's end it has not diverged yet.
  const first = Math.min(a.inputs[i]?.afterEvents ?? Infinity, b.inputs[i]?.afterEvents ?? Infinity);
  return first <= Math.min(endA, endB) ? first : null;
}

function same(x: Input, y: Input): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}
