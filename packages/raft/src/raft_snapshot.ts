/**
 * Log compaction and InstallSnapshot (§7; thesis §5) on both sides. The snapshot's
 * data is the state machine's business: the core only moves it and never looks inside.
 *
 * Leader: a follower whose nextIndex falls below the first entry still in the log
 * cannot be repaired with AppendEntries, so it gets the whole latest snapshot in one
 * message and its progress enters the 'snapshot' state, which sends nothing more.
 * It returns to 'probe' when the follower answers, or after an election timeout
 * without an answer (the snapshot or its response was lost), so a later heartbeat
 * answer triggers another attempt.
 *
 * Follower: a snapshot that is not newer than the commit index is stale and ignored;
 * one whose last entry the log already holds only moves the commit index; otherwise
 * the log is replaced by the snapshot and the caller gets it in `Ready.snapshot`.
 */
import type { Raft } from './raft';
import type { Progress } from './progress';
import { restoreMembership } from './raft_membership';
import { sendAppend } from './raft_replication';
import type { InstallSnapshot, InstallSnapshotResponse, NodeId } from './types';

/** Leader: replaces AppendEntries for a follower behind the compacted prefix. */
export function sendSnapshot(r: Raft, to: NodeId, pr: Progress): void {
  const snapshot = r.log.storage.snapshot();
  const { index, term } = snapshot.metadata;
  r.send({
    type: 'InstallSnapshot',
    to,
    lastIncludedIndex: index,
    lastIncludedTerm: term,
    snapshot,
    from: r.id,
    term: r.term,
  });
  pr.becomeSnapshot(index);
}

/** Follower: §7 "Receiver implementation". */
export function handleInstallSnapshot(r: Raft, m: InstallSnapshot): void {
  if (r.log.restore(m.snapshot)) {
    // The snapshot carries the configuration as of its last entry (§7).
    restoreMembership(r, m.snapshot);
  }
  r.send({
    type: 'InstallSnapshotResponse',
    to: m.from,
    matchIndex: r.log.committed,
    from: r.id,
    term: r.term,
  });
}

/** Leader: the follower holds everything up to `matchIndex`; resume with a probe. */
export function handleSnapshotResponse(r: Raft, m: InstallSnapshotResponse): void {
  const pr = r.progress.get(m.from);
  if (!pr) return;
  pr.recentActive = true;
  pr.maybeUpdate(m.matchIndex);
  if (pr.state === 'snapshot') pr.becomeProbe();
  sendAppend(r, m.from, false);
}

/** Leader, every tick: a snapshot unanswered for an election timeout has failed. */
export function tickSnapshots(r: Raft): void {
  if (r.progress.counts.snapshots === 0) return;
  for (const pr of r.progress.values()) {
    if (pr.state === 'snapshot' && ++pr.snapshotElapsed >= r.cfg.electionTick) {
      pr.pendingSnapshot = 0; // not received: probe from what is known to match
      pr.becomeProbe();
    }
  }
}
