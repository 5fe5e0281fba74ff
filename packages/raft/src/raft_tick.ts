/**
 * Logical time (§5.2): the follower's election timeout and the leader's heartbeat
 * interval, with the leader's once-per-election-timeout duties — check-quorum
 * (thesis §6.2) and the leadership-transfer deadline (§3.10). `Raft` calls
 * `tickElection` or `tickHeartbeat`, chosen by the role.
 */
import type { Raft } from './raft';
import { voteResult } from './quorum';
import { NONE, type NodeId } from './types';

export class Timers {
  constructor(private readonly raft: Raft) {}

  /** Follower, pre-candidate, candidate: start an election when the timeout elapses. */
  tickElection(): void {
    const r = this.raft;
    r.electionElapsed++;
    if (r.promotable() && r.electionElapsed >= r.randomizedElectionTimeout) {
      r.electionElapsed = 0;
      r.hup();
    }
  }

  tickHeartbeat(): void {
    const r = this.raft;
    r.heartbeatElapsed++;
    r.electionElapsed++;
    r.snapshots.tick();
    if (r.electionElapsed >= r.cfg.electionTick) {
      r.electionElapsed = 0;
      // Thesis §3.10: a transfer that did not finish within an election timeout is
      // abandoned, and the leader accepts proposals again.
      r.transfer.abort();
      // §6.2 of the thesis (check-quorum): a leader cut off from a majority for an
      // election timeout steps down, so clients can find the real leader.
      if (r.cfg.checkQuorum && !this.quorumActive()) {
        r.becomeFollower(r.term, NONE);
        return;
      }
      for (const pr of r.progress.values()) pr.recentActive = pr.id === r.id;
    }
    if (r.heartbeatElapsed >= r.cfg.heartbeatTick) {
      r.heartbeatElapsed = 0;
      r.replication.bcastHeartbeat();
    }
  }

  /**
   * Follower, pre-candidate, candidate: ticks until the election timeout fires (never,
   * for a server outside the voters: it does not campaign).
   */
  ticksUntilElection(): number {
    const r = this.raft;
    if (!r.promotable()) return Infinity;
    return Math.max(1, r.randomizedElectionTimeout - r.electionElapsed);
  }

  /**
   * Leader: ticks until the next heartbeat, the next once-per-election-timeout check
   * (check-quorum, transfer deadline) or a pending snapshot's give-up deadline.
   */
  ticksUntilHeartbeatDue(): number {
    const r = this.raft;
    let due = Math.min(r.cfg.heartbeatTick - r.heartbeatElapsed, r.cfg.electionTick - r.electionElapsed);
    // Asked before and after every input: walk the peers only if one is being sent a snapshot.
    if (r.progressCounts.snapshots > 0) {
      for (const pr of r.progress.values()) {
        if (pr.state === 'snapshot') due = Math.min(due, r.cfg.electionTick - pr.snapshotElapsed);
      }
    }
    return Math.max(1, due);
  }

  /** Follower, pre-candidate, candidate: `n` ticks that `ticksUntilElection` said only count. */
  skipElectionTicks(n: number): void {
    this.raft.electionElapsed += n;
  }

  /** Leader: `n` ticks that `ticksUntilHeartbeatDue` said only count. */
  skipHeartbeatTicks(n: number): void {
    const r = this.raft;
    r.heartbeatElapsed += n;
    r.electionElapsed += n;
    if (r.progressCounts.snapshots === 0) return;
    for (const pr of r.progress.values()) if (pr.state === 'snapshot') pr.snapshotElapsed += n;
  }

  private quorumActive(): boolean {
    return voteResult(this.raft.voters, this.active) === 'won';
  }

  /** Whether voter `id` was heard from this round; one function for every check, not one per call. */
  private readonly active = (id: NodeId): boolean => {
    const r = this.raft;
    return id === r.id || r.progress.get(id)?.recentActive === true;
  };
}
