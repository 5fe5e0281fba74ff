/**
 * Logical time (§5.2): the follower's election timeout and the leader's heartbeat
 * interval, with the leader's once-per-election-timeout duties — check-quorum
 * (thesis §6.2) and the leadership-transfer deadline (§3.10). `Raft` calls
 * `tickElection` or `tickHeartbeat` through its `tickFn`, chosen by the role.
 */
import type { Raft } from './raft';
import { voteResult } from './quorum';
import { NONE } from './types';

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
      for (const [id, pr] of r.progress) pr.recentActive = id === r.id;
    }
    if (r.heartbeatElapsed >= r.cfg.heartbeatTick) {
      r.heartbeatElapsed = 0;
      r.replication.bcastHeartbeat();
    }
  }

  private quorumActive(): boolean {
    const r = this.raft;
    const active = (id: number) => id === r.id || r.progress.get(id)?.recentActive === true;
    return voteResult(r.voters, active) === 'won';
  }
}
