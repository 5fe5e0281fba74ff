/**
 * Logical time (§5.2): the follower's election timeout and the leader's heartbeat
 * interval, with the leader's once-per-election-timeout duties — check-quorum
 * (thesis §6.2) and the leadership-transfer deadline (§3.10). The role picks the timer
 * here, in `tick`, `ticksUntilDue` and `skipTicks`, and nowhere else.
 */
import type { Raft } from './raft';
import { bcastHeartbeat } from './raft_replication';
import { tickSnapshots } from './raft_snapshot';
import { abortTransfer } from './raft_transfer';
import { NONE } from './types';

/** One tick of logical time. */
export function tick(r: Raft): void {
  if (r.role === 'leader') tickHeartbeat(r);
  else tickElection(r);
}

/** See RawNode.ticksUntilDue. */
export function ticksUntilDue(r: Raft): number {
  return r.role === 'leader' ? ticksUntilHeartbeatDue(r) : ticksUntilElection(r);
}

/** See RawNode.skipTicks. */
export function skipTicks(r: Raft, n: number): void {
  const due = ticksUntilDue(r);
  if (!(Number.isInteger(n) && n >= 0 && n < due)) {
    throw new RangeError(`skipTicks(${n}): only ticks before the next due one (${due}) only count`);
  }
  if (r.role === 'leader') skipHeartbeatTicks(r, n);
  else skipElectionTicks(r, n);
}

/** Follower, pre-candidate, candidate: start an election when the timeout elapses. */
function tickElection(r: Raft): void {
  r.electionElapsed++;
  if (r.promotable() && r.electionElapsed >= r.randomizedElectionTimeout) {
    r.electionElapsed = 0;
    r.hup();
  }
}

/**
 * Leader: the heartbeat timeout fires now (§5.2: "leaders send periodic heartbeats");
 * the next one is a full heartbeat interval away. Anyone else: nothing.
 */
export function heartbeatNow(r: Raft): void {
  if (r.role !== 'leader') return;
  r.heartbeatElapsed = 0;
  bcastHeartbeat(r);
}

function tickHeartbeat(r: Raft): void {
  r.heartbeatElapsed++;
  r.electionElapsed++;
  tickSnapshots(r);
  if (r.electionElapsed >= r.cfg.electionTick) {
    r.electionElapsed = 0;
    // Thesis §3.10: a transfer that did not finish within an election timeout is
    // abandoned, and the leader accepts proposals again.
    abortTransfer(r);
    // §6.2 of the thesis (check-quorum): a leader cut off from a majority for an
    // election timeout steps down, so clients can find the real leader.
    if (r.cfg.checkQuorum && !r.progress.quorumActive(r.voters)) {
      r.becomeFollower(r.term, NONE);
      return;
    }
    for (const pr of r.progress.values()) pr.recentActive = pr.id === r.id;
  }
  if (r.heartbeatElapsed >= r.cfg.heartbeatTick) {
    r.heartbeatElapsed = 0;
    bcastHeartbeat(r);
  }
}

/**
 * Follower, pre-candidate, candidate: ticks until the election timeout fires (never,
 * for a server outside the voters: it does not campaign).
 */
function ticksUntilElection(r: Raft): number {
  if (!r.promotable()) return Infinity;
  return Math.max(1, r.randomizedElectionTimeout - r.electionElapsed);
}

/**
 * Leader: ticks until the next heartbeat, the next once-per-election-timeout check
 * (check-quorum, transfer deadline) or a pending snapshot's give-up deadline.
 */
function ticksUntilHeartbeatDue(r: Raft): number {
  let due = Math.min(r.cfg.heartbeatTick - r.heartbeatElapsed, r.cfg.electionTick - r.electionElapsed);
  // Asked before and after every input: walk the peers only if one is being sent a snapshot.
  if (r.progress.counts.snapshots > 0) {
    for (const pr of r.progress.values()) {
      if (pr.state === 'snapshot') due = Math.min(due, r.cfg.electionTick - pr.snapshotElapsed);
    }
  }
  return Math.max(1, due);
}

/** Follower, pre-candidate, candidate: `n` ticks that `ticksUntilElection` said only count. */
function skipElectionTicks(r: Raft, n: number): void {
  r.electionElapsed += n;
}

/** Leader: `n` ticks that `ticksUntilHeartbeatDue` said only count. */
function skipHeartbeatTicks(r: Raft, n: number): void {
  r.heartbeatElapsed += n;
  r.electionElapsed += n;
  if (r.progress.counts.snapshots === 0) return;
  for (const pr of r.progress.values()) if (pr.state === 'snapshot') pr.snapshotElapsed += n;
}
