/**
 * Pure majority-quorum maths (etcd's quorum/majority.go). No state, no I/O: both
 * functions take the voter set and a lookup, so joint consensus can later combine
 * two majorities with min() / a conjunction.
 */
import type { NodeId } from './types';

export type VoteResult = 'won' | 'lost' | 'pending';

/** Smallest number of voters that forms a majority. */
export function quorumSize(voterCount: number): number {
  return Math.floor(voterCount / 2) + 1;
}

/**
 * The largest index replicated on a majority of `voters` (the "median rule" behind
 * §5.3's "replicated on a majority"). Voters without a known match count as 0.
 * An empty configuration commits everything (Infinity), the identity for the
 * min() that joint consensus will take over two configurations.
 */
export function committedIndex(
  voters: readonly NodeId[],
  matchIndexOf: (id: NodeId) => number | undefined,
): number {
  if (voters.length === 0) return Infinity;
  // Insertion sort in place, descending: voter sets are small and this runs on every
  // acknowledgement, so no comparator calls (Array.prototype.sort) and no splice.
  const matches: number[] = [];
  for (let k = 0; k < voters.length; k++) {
    const m = matchIndexOf(voters[k]) ?? 0;
    let i = k;
    while (i > 0 && matches[i - 1] < m) {
      matches[i] = matches[i - 1];
      i--;
    }
    matches[i] = m;
  }
  // Sorted descending, the quorum-th value is held by at least `quorum` voters.
  return matches[quorumSize(voters.length) - 1];
}

/**
 * Outcome of an election (§5.2) or pre-vote (thesis §9.6) given the votes so far:
 * `votes(id)` is true for granted, false for rejected, undefined when unknown.
 */
export function voteResult(
  voters: readonly NodeId[],
  votes: (id: NodeId) => boolean | undefined,
): VoteResult {
  if (voters.length === 0) return 'won';
  let granted = 0;
  let missing = 0;
  for (const id of voters) {
    const v = votes(id);
    if (v === true) granted++;
    else if (v === undefined) missing++;
  }
  const quorum = quorumSize(voters.length);
  if (granted >= quorum) return 'won';
  if (granted + missing >= quorum) return 'pending';
  return 'lost';
}
