/**
 * What a simulated node's leader may do right now, read from its core's `Status` and its
 * storage: serve a lease read, accept a membership change. Pure functions of the two,
 * kept out of node.ts, which drives the core.
 */
import type { MemoryStorage, NodeId, Status } from '@raftlab/raft';

/**
 * Lease read (thesis §6.4.1): the index a leader may serve a read at without a round of
 * heartbeats, or null when its lease is not known to hold. The lease holds only with
 * check-quorum (a leader cut off from a quorum steps down within an election timeout,
 * and the voters that heard from it refuse to elect another meanwhile, §4.2.3), when a
 * quorum of voters was heard from in the current check-quorum round, and once the leader
 * has committed an entry of its own term (§6.4 step 1).
 */
export function leaseReadIndex(
  status: Status | null,
  storage: MemoryStorage,
  checkQuorum: boolean,
  self: NodeId,
): number | null {
  if (status === null || status.role !== 'leader' || !checkQuorum) return null;
  const voters = status.confState.voters;
  const active = voters.filter((id) => id === self || status.progress[id]?.recentActive === true);
  if (active.length * 2 <= voters.length) return null;
  if (storage.term(status.commit) !== status.term) return null;
  return status.commit;
}

/**
 * Why the node, as leader, would refuse a membership change now (the core's codes), or
 * null if it would accept one: it must lead, have committed an entry of its term and
 * have no other change uncommitted (thesis §4.1), and not be transferring.
 */
export function confChangeBlocker(status: Status | null, storage: MemoryStorage): string | null {
  if (status === null || status.role !== 'leader') return 'not-leader';
  if (status.leadTransferee !== 0) return 'transferring';
  if (storage.term(status.commit) !== status.term) return 'term-not-committed';
  const uncommitted = storage.entries(status.commit + 1, storage.lastIndex() + 1);
  if (uncommitted.some((e) => e.kind === 'config')) return 'conf-change-pending';
  return null;
}
