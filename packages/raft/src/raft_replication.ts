/**
 * Log replication (§5.3) on both sides: the follower's AppendEntries check and the
 * leader's nextIndex/matchIndex bookkeeping, fast backtracking, flow control,
 * heartbeats and the commit rule (§5.4.2). Role transitions stay in raft.ts.
 */
import type { Raft } from './raft';
import { committedIndex } from './quorum';
import type { AppendEntries, AppendEntriesResponse, NodeId } from './types';

export class Replication {
  constructor(private readonly raft: Raft) {}

  handleAppendEntries(m: AppendEntries): void {
    const r = this.raft;
    if (m.prevLogIndex < r.log.committed) {
      // Everything up to our commit index is known to match any leader's log.
      r.send({ type: 'AppendEntriesResponse', to: m.from, success: true, matchIndex: r.log.committed });
      return;
    }
    const lastNew = r.log.maybeAppend(m.prevLogIndex, m.prevLogTerm, m.leaderCommit, m.entries);
    if (lastNew !== undefined) {
      r.send({ type: 'AppendEntriesResponse', to: m.from, success: true, matchIndex: lastNew });
      return;
    }
    // Figure 2, step 2: reject. Fast backtracking (§5.3): point the leader at the
    // last index whose term could still match its prevLogTerm.
    const conflictIndex = r.log.findConflictByTerm(
      Math.min(m.prevLogIndex, r.log.lastIndex()),
      m.prevLogTerm,
    );
    r.send({
      type: 'AppendEntriesResponse',
      to: m.from,
      success: false,
      matchIndex: 0,
      rejectedIndex: m.prevLogIndex,
      conflictIndex,
      conflictTerm: r.log.term(conflictIndex) ?? 0,
    });
  }

  handleAppendResponse(m: AppendEntriesResponse): void {
    const r = this.raft;
    const pr = r.progress.get(m.from);
    if (!pr) return;
    pr.recentActive = true;
    if (!m.success) {
      if (m.rejectedIndex === undefined) return;
      let hint = m.conflictIndex ?? m.rejectedIndex - 1;
      if (m.conflictTerm) hint = r.log.findConflictByTerm(hint, m.conflictTerm);
      if (pr.maybeDecrTo(m.rejectedIndex, hint)) {
        if (pr.state === 'replicate') pr.becomeProbe();
        this.sendAppend(m.from, true);
      }
      return;
    }
    if (pr.maybeUpdate(m.matchIndex)) {
      if (pr.state === 'probe') pr.becomeReplicate();
      // §5.3/§5.4.2: a new matchIndex may commit more; tell everyone.
      if (this.maybeCommit()) this.bcastAppend();
      while (this.sendAppend(m.from, false));
      return;
    }
    // A heartbeat answer or a duplicate: the follower is alive, so unblock it.
    pr.probeSent = false;
    if (pr.state === 'replicate' && pr.inflightFull()) pr.freeFirstOne();
    if (pr.match < r.log.lastIndex()) this.sendAppend(m.from, true);
  }

  /** Sends the entries `to` lacks; returns whether a message with entries went out. */
  private sendAppend(to: NodeId, sendIfEmpty: boolean): boolean {
    const r = this.raft;
    const pr = r.progress.get(to);
    if (!pr || to === r.id || pr.isPaused()) return false;
    const prevLogIndex = pr.next - 1;
    const prevLogTerm = r.log.term(prevLogIndex);
    if (prevLogTerm === undefined) {
      throw new Error(
        `follower ${to} needs compacted entry ${prevLogIndex}: InstallSnapshot is not implemented yet`,
      );
    }
    const entries = r.log.entriesFrom(pr.next, r.maxEntriesPerMessage);
    if (entries.length === 0 && !sendIfEmpty) return false;
    r.send({ type: 'AppendEntries', to, prevLogIndex, prevLogTerm, entries, leaderCommit: r.log.committed });
    pr.sentEntries(prevLogIndex + entries.length, entries.length);
    return entries.length > 0;
  }

  bcastAppend(): void {
    const r = this.raft;
    for (const id of r.progress.keys()) if (id !== r.id) this.sendAppend(id, true);
  }

  /**
   * Heartbeats are AppendEntries with no entries (§5.2). They check consistency at
   * `match`, which the follower is known to hold, so they never disturb a pipeline,
   * and carry leaderCommit so followers learn the commit index (Figure 2, step 5).
   */
  bcastHeartbeat(): void {
    const r = this.raft;
    for (const [id, pr] of r.progress) {
      if (id === r.id) continue;
      const prevLogTerm = r.log.term(pr.match) ?? 0;
      r.send({
        type: 'AppendEntries',
        to: id,
        prevLogIndex: pr.match,
        prevLogTerm,
        entries: [],
        leaderCommit: r.log.committed,
      });
    }
  }

  /** §5.4.2: only entries from the current term are committed by counting replicas. */
  maybeCommit(): boolean {
    const r = this.raft;
    const index = committedIndex(r.voters, (id) => r.progress.get(id)?.match);
    return r.log.maybeCommit(Math.min(index, r.log.lastIndex()), r.term);
  }
}
