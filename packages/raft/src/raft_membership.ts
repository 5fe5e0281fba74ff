/**
 * Membership changes (thesis §4), one server at a time (§4.1); the pure rules are in
 * confchange.ts.
 *
 * - A configuration takes effect on a server as soon as its config entry is in the
 *   server's log, committed or not (§4.1: "a server always uses the latest
 *   configuration in its log"), and reverts if that entry is truncated. So the
 *   configuration is a function of the log: the latest config entry, else the
 *   snapshot's ConfState (§7), else the bootstrap membership of `Config.voters`.
 *   RaftLog calls `onAppend` after every append, truncating or not.
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
import { Progress } from './progress';
import type { Raft } from './raft';
import {
  NONE,
  type ConfChange,
  type ConfChangeError,
  type ConfState,
  type Entry,
  type NodeId,
  type ProposeError,
  type ProposeResult,
  type Snapshot,
} from './types';

export type ConfChangeResult = ProposeResult<ProposeError | ConfChangeError>;

/** Entries read per step when scanning the log backwards for a config entry. */
const SCAN_CHUNK = 256;

export class Membership {
  /**
   * Index of the config entry the current configuration comes from; the snapshot's
   * index (0 for a bootstrap membership) when no config entry is left in the log.
   * Invariant: no config entry lies in (confIndex, lastIndex].
   */
  confIndex = 0;
  /** Bumped whenever the configuration changes; RawNode turns it into `Ready.confState`. */
  version = 0;
  private bootstrap: ConfState = { voters: [], learners: [] };

  constructor(private readonly raft: Raft) {}

  /** At start: the configuration is read back from the log (and snapshot) in storage. */
  init(bootstrap: ConfState): void {
    this.bootstrap = { voters: sortedIds(bootstrap.voters), learners: sortedIds(bootstrap.learners) };
    this.recompute(this.raft.log.lastIndex());
    this.raft.log.onAppend = (entries) => this.onAppend(entries);
  }

  /** `entries` were just appended, replacing whatever the log held from `entries[0].index`. */
  onAppend(entries: Entry[]): void {
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      if (e.kind === 'config') {
        this.adopt(decodeConfEntry(e).confState, e.index);
        return;
      }
    }
    // §4.1: the entry our configuration came from was truncated; fall back to the
    // latest configuration still in the log.
    if (entries.length > 0 && entries[0].index <= this.confIndex) this.recompute(entries[0].index - 1);
  }

  /** Follower: a snapshot replaced the log; it carries the configuration as of its last entry (§7). */
  restored(snap: Snapshot): void {
    this.adopt(snap.metadata.confState, snap.metadata.index);
  }

  /**
   * The configuration as of entry `index` (firstIndex - 1 <= index <= lastIndex): what
   * a snapshot taken at `index` must record (§7), which may differ from the current one
   * when a later config entry is already in the log.
   */
  confStateAt(index: number): ConfState {
    const log = this.raft.log;
    if (index < log.firstIndex() - 1 || index > log.lastIndex()) {
      throw new RangeError(`confStateAt(${index}): outside [${log.firstIndex() - 1}, ${log.lastIndex()}]`);
    }
    if (index >= this.confIndex) return this.current();
    return this.find(index).confState;
  }

  current(): ConfState {
    return cloneConf(this.raft);
  }

  /** Leader only: appends `cc` as a config entry, which takes effect at once (§4.1). */
  propose(cc: ConfChange): ConfChangeResult {
    const r = this.raft;
    if (r.role !== 'leader') return { ok: false, error: 'not-leader' };
    if (r.transfer.transferee !== NONE) return { ok: false, error: 'transferring' };
    // §4.1: one change at a time; the next may begin once the previous is committed.
    if (this.confIndex > r.log.committed) return { ok: false, error: 'conf-change-pending' };
    // §4.1 erratum: first commit an entry of this term (the leader's no-op), which
    // also commits or erases any change an earlier leader left behind.
    if (r.log.term(r.log.committed) !== r.term) return { ok: false, error: 'term-not-committed' };
    const current = this.current();
    const refused = checkConfChange(current, cc);
    if (refused !== undefined) return { ok: false, error: refused };
    const data = encodeConfChange(cc, applyConfChange(current, cc));
    return r.propose([{ kind: 'config', data }]);
  }

  /**
   * Leader, after an acknowledgement: once the configuration is committed, a leader
   * outside it steps down (§4.2.2), and servers outside it are no longer replicated to.
   */
  maybeFinishChange(): void {
    const r = this.raft;
    if (r.role !== 'leader' || r.log.committed < this.confIndex) return;
    if (!r.promotable()) r.becomeFollower(r.term, NONE);
    else if (r.progress.size > r.voters.length + r.learners.length) this.updateProgress();
  }

  private recompute(index: number): void {
    const found = this.find(index);
    this.adopt(found.confState, found.index);
  }

  /** The latest configuration at or before `index`: a config entry's, else the snapshot's. */
  private find(index: number): { confState: ConfState; index: number } {
    const log = this.raft.log;
    const floor = log.firstIndex();
    for (let hi = index; hi >= floor; hi -= SCAN_CHUNK) {
      const chunk = log.slice(Math.max(floor, hi - SCAN_CHUNK + 1), hi + 1);
      for (let i = chunk.length - 1; i >= 0; i--) {
        if (chunk[i].kind === 'config')
          return { confState: decodeConfEntry(chunk[i]).confState, index: chunk[i].index };
      }
    }
    return { confState: this.snapshotConf(), index: floor - 1 };
  }

  /** The snapshot's ConfState; a brand-new storage has none, so `Config.voters` stands in. */
  private snapshotConf(): ConfState {
    const log = this.raft.log;
    const snap = log.unstable.snapshot ?? log.storage.snapshot();
    const cs = snap.metadata.confState;
    return snap.metadata.index === 0 && cs.voters.length === 0 ? this.bootstrap : cs;
  }

  private adopt(cs: ConfState, index: number): void {
    const r = this.raft;
    this.confIndex = index;
    if (sameConf(cs, r)) return;
    r.voters = sortedIds(cs.voters);
    r.isVoter = r.voters.includes(r.id);
    r.learners = sortedIds(cs.learners);
    this.version++;
    if (r.role === 'leader') this.updateProgress();
  }

  /**
   * Leader: one Progress per member, in id order. A new member starts like any
   * follower of a new leader (Figure 2: nextIndex just after our last entry, match 0)
   * and is probed back to where its log ends. A removed server's is kept until the
   * change is committed (see `maybeFinishChange`); it never counts, as only voters do.
   */
  private updateProgress(): void {
    const r = this.raft;
    const last = r.log.lastIndex();
    const progress = new Map<NodeId, Progress>();
    const leaving = this.confIndex > r.log.committed ? [...r.progress.keys()] : [];
    for (const id of sortedIds([...r.voters, ...r.learners, ...leaving])) {
      progress.set(
        id,
        r.progress.get(id) ?? new Progress(id, 0, last + 1, r.cfg.maxInflight, r.progressCounts),
      );
    }
    r.progress = progress;
    // A peer may have left, perhaps in snapshot state: recount.
    r.progressCounts.changes++;
    r.progressCounts.snapshots = 0;
    for (const pr of progress.values()) if (pr.state === 'snapshot') r.progressCounts.snapshots++;
    // §3.10: only a voter can take over; a transfer to anyone else is abandoned.
    if (!r.voters.includes(r.transfer.transferee)) r.transfer.abort();
  }
}
