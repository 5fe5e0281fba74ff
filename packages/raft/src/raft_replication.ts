/**
 * Log replication (§5.3) on both sides: the follower's AppendEntries check and the
 * leader's nextIndex/matchIndex bookkeeping, fast backtracking, flow control,
 * heartbeats and the commit rule (§5.4.2). Role transitions stay in raft.ts.
 */
import type { Raft } from './raft';
import { sendSnapshot } from './raft_snapshot';
import { maybeSendTimeoutNow } from './raft_transfer';
import { readsOnCommit, recvReadAck } from './read_only';
import type { AppendEntries, AppendEntriesResponse, Entry, NodeId } from './types';

/** Every heartbeat's (empty) entries: messages are immutable once sent, so one frozen list serves all. */
const NO_ENTRIES: Entry[] = Object.freeze([]) as unknown as Entry[];

export function handleAppendEntries(r: Raft, m: AppendEntries): void {
  if (m.prevLogIndex < r.log.committed) {
    // Everything up to our commit index is known to match any leader's log.
    accept(r, m, r.log.committed);
    return;
  }
  const lastNew = r.log.maybeAppend(
    m.prevLogIndex,
    m.prevLogTerm,
    m.leaderCommit,
    m.entries,
    // Only entries can be truncated by the bug: a heartbeat skips the set lookup.
    m.entries.length > 0 && r.cfg.bugs.has('truncate-on-stale-append'),
  );
  if (lastNew !== undefined) {
    accept(r, m, lastNew);
    return;
  }
  // Figure 2, step 2: reject. Fast backtracking (§5.3): point the leader at the
  // last index whose term could still match its prevLogTerm.
  const rejectedIndex = m.prevLogIndex;
  const conflictIndex = r.log.findConflictByTerm(Math.min(rejectedIndex, r.log.lastIndex()), m.prevLogTerm);
  const conflictTerm = r.log.term(conflictIndex) ?? 0;
  const { from: to, context } = m;
  const { id: from, term } = r;
  const type = 'AppendEntriesResponse';
  const success = false;
  const matchIndex = 0;
  // A heartbeat's read context is echoed, whatever the log check says (§6.4).
  r.send(
    context === undefined
      ? { type, to, success, matchIndex, rejectedIndex, conflictIndex, conflictTerm, from, term }
      : { type, to, success, matchIndex, rejectedIndex, conflictIndex, conflictTerm, context, from, term },
  );
}

/** Acknowledges the entries up to `matchIndex`, echoing a heartbeat's read context (§6.4). */
function accept(r: Raft, m: AppendEntries, matchIndex: number): void {
  const { from: to, context } = m;
  const { id: from, term } = r;
  const type = 'AppendEntriesResponse';
  r.send(
    context === undefined
      ? { type, to, success: true, matchIndex, from, term }
      : { type, to, success: true, matchIndex, context, from, term },
  );
}

export function handleAppendResponse(r: Raft, m: AppendEntriesResponse): void {
  const pr = r.progress.get(m.from);
  if (!pr) return;
  pr.recentActive = true;
  if (m.context !== undefined) recvReadAck(r, m.from, m.context);
  if (!m.success) {
    if (m.rejectedIndex === undefined) return;
    let hint = m.conflictIndex ?? m.rejectedIndex - 1;
    if (m.conflictTerm) hint = r.log.findConflictByTerm(hint, m.conflictTerm);
    if (pr.maybeDecrTo(m.rejectedIndex, hint)) {
      if (pr.state === 'replicate') pr.becomeProbe();
      sendAppend(r, m.from, true);
      return;
    }
    // A stale rejection (e.g. a heartbeat's check past compaction) still shows
    // that the follower is alive: fall through.
  } else if (pr.maybeUpdate(m.matchIndex)) {
    if (pr.state === 'probe') pr.becomeReplicate();
    // The follower got the snapshot (its answer may have been lost): stream again.
    if (pr.state === 'snapshot' && pr.match >= pr.pendingSnapshot) pr.becomeReplicate();
    // §5.3/§5.4.2: a new matchIndex may commit more; tell everyone.
    if (maybeCommit(r)) bcastAppend(r);
    while (sendAppend(r, m.from, false));
    maybeSendTimeoutNow(r, m.from);
    return;
  }
  // A heartbeat answer or a duplicate: the follower is alive, so unblock it.
  pr.probeSent = false;
  if (pr.state === 'replicate' && pr.inflightFull()) pr.freeFirstOne();
  if (pr.match < r.log.lastIndex()) sendAppend(r, m.from, true);
}

/**
 * Sends the entries `to` lacks, or a snapshot when they are compacted away (§7);
 * returns whether a message with entries went out.
 */
export function sendAppend(r: Raft, to: NodeId, sendIfEmpty: boolean): boolean {
  const pr = r.progress.get(to);
  if (!pr || to === r.id || pr.isPaused()) return false;
  const prevLogIndex = pr.next - 1;
  const prevLogTerm = r.log.term(prevLogIndex);
  if (prevLogTerm === undefined || pr.next < r.log.firstIndex()) {
    sendSnapshot(r, to, pr);
    return false;
  }
  const entries = r.log.entriesFrom(pr.next, r.cfg.maxEntriesPerMessage);
  if (entries.length === 0 && !sendIfEmpty) return false;
  const leaderCommit = r.log.committed;
  r.send({
    type: 'AppendEntries',
    to,
    prevLogIndex,
    prevLogTerm,
    entries,
    leaderCommit,
    from: r.id,
    term: r.term,
  });
  pr.sentEntries(prevLogIndex + entries.length, entries.length);
  return entries.length > 0;
}

/** Sends every follower what it lacks, as many messages as its window allows. */
export function bcastAppend(r: Raft): void {
  for (const id of r.progress.keys()) {
    if (id !== r.id && sendAppend(r, id, true)) while (sendAppend(r, id, false));
  }
}

/**
 * Heartbeats are AppendEntries with no entries (§5.2). They check consistency at
 * `match`, which the follower is known to hold (or at the compaction point), so
 * they never disturb a pipeline, and carry leaderCommit so followers learn the commit index (Figure 2, step 5).
 */
export function bcastHeartbeat(r: Raft, context?: string): void {
  for (const pr of r.progress.values()) {
    const id = pr.id;
    if (id === r.id) continue;
    // Past compaction, check at the snapshot's last entry instead: a follower that
    // lacks it rejects, which sends it back to probe and on to a snapshot (§7).
    const prevLogIndex = Math.max(pr.match, r.log.firstIndex() - 1);
    const prevLogTerm = r.log.term(prevLogIndex) ?? 0;
    const { id: from, term } = r;
    const type = 'AppendEntries';
    const entries = NO_ENTRIES;
    const leaderCommit = r.log.committed;
    r.send(
      context === undefined
        ? { type, to: id, prevLogIndex, prevLogTerm, entries, leaderCommit, from, term }
        : { type, to: id, prevLogIndex, prevLogTerm, entries, leaderCommit, context, from, term },
    );
  }
}

/** §5.4.2: only entries from the current term are committed by counting replicas. */
export function maybeCommit(r: Raft): boolean {
  const index = Math.min(r.progress.committedIndex(r.voters), r.log.lastIndex());
  // BUG (figure8-commit): counting replicas for an entry of an older term (Figure 8).
  const term =
    r.cfg.bugs.has('figure8-commit') && index > r.log.committed ? (r.log.term(index) ?? r.term) : r.term;
  if (!r.log.maybeCommit(index, term)) return false;
  // An entry of this term is now committed: reads held back by §6.4 may proceed.
  readsOnCommit(r);
  return true;
}
