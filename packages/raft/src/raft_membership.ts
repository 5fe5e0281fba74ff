/**
 * Membership changes (thesis §4), one server at a time (§4.1); the pure rules are in
 * confchange.ts.
 *
 * - A configuration takes effect on a server as soon as its config entry is in the
 *   server's log, committed or not (§4.1: "a server always uses the latest
 *   configuration in its log"), and reverts if that entry is truncated. So the
 *   configuration is a function of the log: the latest config entry, else the
 *   snapshot's ConfState (§7), else the bootstrap membership of `Config.voters`.
 *   RaftLog calls `onLogAppend` after every append, truncating or not. The state is
 *   Raft's: `voters`, `learners`, `confIndex` (the entry it came from), `confVersion`.
 * - A leader proposes a change only once (a) the previous one is committed, so at
 *   most one is pending, and (b) it has committed an entry of its own term. Rule (b)
 *   is the thesis erratum (Ongaro, raft-dev, 2015): without it, a new leader could
 *   start a change on top of a different uncommitted change of an earlier leader,
 *   and the two could let disjoint majorities commit.
 * - A leader that removes (or demotes) itself keeps leading without counting itself
 *   until the change is committed, then steps down (§4.2.2). Likewise it keeps
 *   replicating to a removed server, without counting it, until the removal is
 *   committed, so that server usually learns that it was removed and stays quiet.
 * - A server that is not a voter in its configuration never starts an election
 *   (`Raft.promotable`); the votes of non-voters are not counted. Servers removed
 *   without learning it are kept from disrupting the cluster by check-quorum's lease
 *   guard (§4.2.3, raft_election.ts `ignoresHigherTerm`).
 */
import {
  applyConfChange,
  checkConfChange,
  cloneConf,
  decodeConfEntry,
  encodeConfChange,
  sameConf,
  sortedIds,
} from './confchange';
import { bindTo } from './bound';
import type { Raft } from './raft';
import { abortTransfer } from './raft_transfer';
import {
  NONE,
  type ConfChange,
  type ConfChangeError,
  type ConfState,
  type Entry,
  type ProposeError,
  type ProposeResult,
  type Snapshot,
} from './types';

export type ConfChangeResult = ProposeResult<ProposeError | ConfChangeError>;

/** Entries read per step when scanning the log backwards for a config entry. */
const SCAN_CHUNK = 256;

/** At start: the configuration is read back from the log (and snapshot) in storage. */
export function initMembership(r: Raft): void {
  recompute(r, r.log.lastIndex());
  r.log.onAppend = bindTo(r, adoptAppended);
}

/** `onLogAppend` as a method of the Raft, which the log keeps (bindTo: checkpoints copy it). */
function adoptAppended(this: Raft, entries: Entry[]): void {
  onLogAppend(this, entries);
}

/** `entries` were just appended, replacing whatever the log held from `entries[0].index`. */
function onLogAppend(r: Raft, entries: Entry[]): void {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.kind === 'config') {
      adopt(r, decodeConfEntry(e).confState, e.index);
      return;
    }
  }
  // §4.1: the entry our configuration came from was truncated; fall back to the
  // latest configuration still in the log.
  if (entries.length > 0 && entries[0].index <= r.confIndex) recompute(r, entries[0].index - 1);
}

/** Follower: a snapshot replaced the log; it carries the configuration as of its last entry (§7). */
export function restoreMembership(r: Raft, snap: Snapshot): void {
  adopt(r, snap.metadata.confState, snap.metadata.index);
}

/**
 * The configuration as of entry `index` (firstIndex - 1 <= index <= lastIndex): what
 * a snapshot taken at `index` must record (§7), which may differ from the current one
 * when a later config entry is already in the log.
 */
export function confStateAt(r: Raft, index: number): ConfState {
  const log = r.log;
  if (index < log.firstIndex() - 1 || index > log.lastIndex()) {
    throw new RangeError(`confStateAt(${index}): outside [${log.firstIndex() - 1}, ${log.lastIndex()}]`);
  }
  if (index >= r.confIndex) return currentConf(r);
  return find(r, index).confState;
}

/** The configuration in effect: a copy of `Raft.voters` and `Raft.learners`. */
export function currentConf(r: Raft): ConfState {
  return cloneConf(r);
}

/** Leader only: appends `cc` as a config entry, which takes effect at once (§4.1). */
export function proposeConfChange(r: Raft, cc: ConfChange): ConfChangeResult {
  if (r.role !== 'leader') return { ok: false, error: 'not-leader' };
  if (r.leadTransferee !== NONE) return { ok: false, error: 'transferring' };
  // §4.1: one change at a time; the next may begin once the previous is committed.
  if (r.confIndex > r.log.committed) return { ok: false, error: 'conf-change-pending' };
  // §4.1 erratum: first commit an entry of this term (the leader's no-op), which
  // also commits or erases any change an earlier leader left behind.
  if (r.log.term(r.log.committed) !== r.term) return { ok: false, error: 'term-not-committed' };
  const current = currentConf(r);
  const refused = checkConfChange(current, cc);
  if (refused !== undefined) return { ok: false, error: refused };
  const data = encodeConfChange(cc, applyConfChange(current, cc));
  return r.propose([{ kind: 'config', data }]);
}

/**
 * Leader, after an acknowledgement: once the configuration is committed, a leader
 * outside it steps down (§4.2.2), and servers outside it are no longer replicated to.
 */
export function maybeFinishConfChange(r: Raft): void {
  if (r.role !== 'leader' || r.log.committed < r.confIndex) return;
  if (!r.promotable()) r.becomeFollower(r.term, NONE);
  else if (r.progress.size > r.voters.length + r.learners.length) updateProgress(r);
}

function recompute(r: Raft, index: number): void {
  const found = find(r, index);
  adopt(r, found.confState, found.index);
}

/** The latest configuration at or before `index`: a config entry's, else the snapshot's. */
function find(r: Raft, index: number): { confState: ConfState; index: number } {
  const log = r.log;
  const floor = log.firstIndex();
  for (let hi = index; hi >= floor; hi -= SCAN_CHUNK) {
    const chunk = log.slice(Math.max(floor, hi - SCAN_CHUNK + 1), hi + 1);
    for (let i = chunk.length - 1; i >= 0; i--) {
      if (chunk[i].kind === 'config')
        return { confState: decodeConfEntry(chunk[i]).confState, index: chunk[i].index };
    }
  }
  return { confState: snapshotConf(r), index: floor - 1 };
}

/** The snapshot's ConfState; a brand-new storage has none, so `Config.voters` stands in. */
function snapshotConf(r: Raft): ConfState {
  const log = r.log;
  const snap = log.unstable.snapshot ?? log.storage.snapshot();
  const cs = snap.metadata.confState;
  return snap.metadata.index === 0 && cs.voters.length === 0 ? r.bootstrapConf : cs;
}

function adopt(r: Raft, cs: ConfState, index: number): void {
  r.confIndex = index;
  if (sameConf(cs, r)) return;
  r.voters = sortedIds(cs.voters);
  const voter = r.voters.includes(r.id);
  if (voter !== r.isVoter) r.statusChanges++; // the observer's status version covers `voter`
  r.isVoter = voter;
  r.learners = sortedIds(cs.learners);
  r.confVersion++;
  if (r.role === 'leader') updateProgress(r);
}

/**
 * Leader: one Progress per member, in id order. A new member starts like any
 * follower of a new leader (Figure 2: nextIndex just after our last entry, match 0)
 * and is probed back to where its log ends. A removed server's is kept until the
 * change is committed (see `maybeFinishConfChange`); it never counts, as only voters do.
 */
function updateProgress(r: Raft): void {
  const leaving = r.confIndex > r.log.committed ? [...r.progress.keys()] : [];
  r.progress.setMembers(sortedIds([...r.voters, ...r.learners, ...leaving]), r.log.lastIndex());
  // §3.10: only a voter can take over; a transfer to anyone else is abandoned.
  if (!r.voters.includes(r.leadTransferee)) abortTransfer(r);
}
