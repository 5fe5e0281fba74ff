/**
 * RaftLog: the log as Raft sees it — the persisted prefix in `Storage` followed by
 * the unstable suffix — plus the commit and apply cursors.
 *
 * Invariant: firstIndex() - 1 <= applied <= committed <= lastIndex().
 */
import type { Storage } from './storage';
import { UnstableLog } from './log_unstable';
import type { Entry, Snapshot } from './types';

export class RaftLog {
  readonly storage: Storage;
  readonly unstable: UnstableLog;
  /**
   * Called after `append` (which may have replaced a suffix), so the configuration can
   * follow the latest config entry in the log (thesis §4.1; raft_membership.ts).
   */
  onAppend: ((entries: Entry[]) => void) | undefined;
  /**
   * Moves with every change of `committed`, `applied` or `lastIndex()` (and may move
   * when a later change undid an earlier one): part of the status version, observe.ts.
   * The setters below count; the log's end moves only in `append` and `restore`.
   */
  changes = 0;
  private commitIndex: number;
  private appliedIndex: number;

  constructor(storage: Storage) {
    this.storage = storage;
    this.unstable = new UnstableLog(storage.lastIndex() + 1);
    // Everything up to the snapshot is committed and applied by definition.
    this.commitIndex = storage.firstIndex() - 1;
    this.appliedIndex = storage.firstIndex() - 1;
  }

  /** Highest index known to be committed (Figure 2, commitIndex). */
  get committed(): number {
    return this.commitIndex;
  }
  private set committed(index: number) {
    if (index !== this.commitIndex) this.changes++;
    this.commitIndex = index;
  }

  /** Highest index handed to the state machine and acknowledged by `advance` (lastApplied). */
  get applied(): number {
    return this.appliedIndex;
  }
  private set applied(index: number) {
    if (index !== this.appliedIndex) this.changes++;
    this.appliedIndex = index;
  }

  firstIndex(): number {
    const snap = this.unstable.snapshot;
    return snap === undefined ? this.storage.firstIndex() : snap.metadata.index + 1;
  }

  /**
   * The unstable entries start right after the stored log or the pending snapshot
   * (log_unstable.ts), so the last index needs no look at the storage.
   * Shaped for speed: see docs/performance.md#last-index-of-the-log
   */
  lastIndex(): number {
    return this.unstable.offset + this.unstable.entries.length - 1;
  }

  lastTerm(): number {
    const entries = this.unstable.entries;
    return entries.length > 0 ? entries[entries.length - 1].term : (this.term(this.lastIndex()) ?? 0);
  }

  /** Term of entry `i`, or undefined when `i` is compacted away or beyond the log. */
  term(i: number): number | undefined {
    const unstable = this.unstable;
    const offset = unstable.offset;
    // Unstable entries first: the leader's newest entries and a follower's just received ones.
    if (i >= offset)
      return i - offset < unstable.entries.length ? unstable.entries[i - offset].term : undefined;
    if (i < this.firstIndex() - 1) return undefined;
    const snap = unstable.snapshot;
    // With a snapshot pending, offset - 1 is its index and nothing before it is left.
    if (snap !== undefined) return snap.metadata.index === i ? snap.metadata.term : undefined;
    return this.storage.term(i);
  }

  matchTerm(i: number, term: number): boolean {
    return this.term(i) === term;
  }

  /**
   * §5.4.1: a log is at least as up to date as ours if its last term is higher, or
   * the last terms are equal and it is at least as long.
   */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const ourTerm = this.lastTerm();
    return lastTerm > ourTerm || (lastTerm === ourTerm && lastIndex >= this.lastIndex());
  }

  /**
   * The receiver side of AppendEntries (Figure 2, steps 2–5). Returns the index of
   * the last new entry when the log contains `prevIndex` at `prevTerm`, otherwise
   * undefined (the caller rejects).
   */
  maybeAppend(
    prevIndex: number,
    prevTerm: number,
    leaderCommit: number,
    entries: Entry[],
    truncateStaleBug = false,
  ): number | undefined {
    if (!this.matchTerm(prevIndex, prevTerm)) return undefined;
    const lastNew = prevIndex + entries.length;
    const conflict = this.findConflict(entries);
    if (truncateStaleBug && conflict === 0 && entries.length > 0 && lastNew >= this.committed) {
      // BUG (truncate-on-stale-append): a stale or duplicate AppendEntries that matches
      // our log still cuts off what follows it — entries we may already have acknowledged.
      if (lastNew < this.lastIndex()) this.append(entries);
    }
    if (conflict !== 0) {
      // Committed entries are never overwritten (Leader Completeness, §5.4).
      if (conflict <= this.committed) {
        throw new Error(`entry ${conflict} conflicts with committed entry (committed ${this.committed})`);
      }
      this.append(entries.slice(conflict - (prevIndex + 1)));
    }
    // Figure 2, step 5: commitIndex = min(leaderCommit, index of last new entry).
    this.commitTo(Math.min(leaderCommit, lastNew));
    return lastNew;
  }

  /**
   * Index of the first entry of `entries` whose term differs from ours (or that we do
   * not have), or 0 when all of them are already in the log.
   */
  findConflict(entries: Entry[]): number {
    // Indexed, not for-of: see docs/performance.md#frozen-empty-lists
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (!this.matchTerm(e.index, e.term)) return e.index;
    }
    return 0;
  }

  /**
   * Largest index <= `index` whose term is <= `term` (or the first known index).
   * Used on both sides of the fast-backtracking optimisation (§5.3): any entry after
   * the result cannot match a log whose entry at `index` has term `term`.
   */
  findConflictByTerm(index: number, term: number): number {
    let i = Math.min(index, this.lastIndex());
    const floor = this.firstIndex() - 1;
    while (i > floor) {
      const t = this.term(i);
      if (t === undefined || t <= term) break;
      i--;
    }
    return i;
  }

  /** Appends entries (already numbered), truncating any conflicting suffix. */
  append(entries: Entry[]): number {
    if (entries.length === 0) return this.lastIndex();
    if (entries[0].index - 1 < this.committed) {
      throw new Error(
        `append at ${entries[0].index} would truncate committed entries (committed ${this.committed})`,
      );
    }
    this.unstable.truncateAndAppend(entries);
    this.changes++; // the log's end moved
    this.onAppend?.(entries);
    return this.lastIndex();
  }

  /** Entries in [lo, hi). */
  slice(lo: number, hi: number): Entry[] {
    if (lo >= hi) return [];
    if (lo < this.firstIndex() || hi > this.lastIndex() + 1) {
      throw new RangeError(`slice [${lo}, ${hi}) outside [${this.firstIndex()}, ${this.lastIndex() + 1})`);
    }
    const split = this.unstable.offset;
    const stored = lo < split ? this.storage.entries(lo, Math.min(hi, split)) : [];
    const pending = hi > split ? this.unstable.slice(Math.max(lo, split), hi) : [];
    // Entries are immutable values once created, so they are shared, not copied.
    return stored.length === 0 ? pending : stored.concat(pending);
  }

  /** At most `maxCount` entries starting at `lo`. */
  entriesFrom(lo: number, maxCount: number): Entry[] {
    return this.slice(lo, Math.min(this.lastIndex() + 1, lo + maxCount));
  }

  commitTo(index: number): void {
    // The commit index never decreases (Figure 2).
    if (index <= this.committed) return;
    if (index > this.lastIndex()) {
      throw new Error(`commitTo(${index}) beyond last index ${this.lastIndex()}`);
    }
    this.committed = index;
  }

  /**
   * Leader side: commits `index` if it holds an entry of `term`.
   * §5.4.2: only entries from the current term are committed by counting replicas;
   * earlier ones are committed indirectly (Figure 8).
   */
  maybeCommit(index: number, term: number): boolean {
    if (index > this.committed && this.term(index) === term) {
      this.commitTo(index);
      return true;
    }
    return false;
  }

  appliedTo(index: number): void {
    if (index === 0) return;
    if (index < this.applied || index > this.committed) {
      throw new Error(`appliedTo(${index}) outside [${this.applied}, ${this.committed}]`);
    }
    this.applied = index;
  }

  /** A pending snapshot must reach the state machine before any entry after it. */
  hasNextCommittedEntries(): boolean {
    return this.unstable.snapshot === undefined && this.committed > this.applied;
  }

  /** Committed entries not yet applied, for `Ready.committedEntries`. */
  nextCommittedEntries(): Entry[] {
    return this.hasNextCommittedEntries() ? this.slice(this.applied + 1, this.committed + 1) : [];
  }

  /**
   * Follower side of InstallSnapshot (§7): if the log already holds the snapshot's
   * last entry, only the commit index moves (the entries after it stay, §7 "retain
   * the entries following it"); otherwise the whole log is replaced by the snapshot.
   * Returns whether the snapshot was taken. A snapshot at or below the commit index
   * is stale and ignored.
   */
  restore(snap: Snapshot): boolean {
    const { index, term } = snap.metadata;
    if (index <= this.committed) return false;
    if (this.matchTerm(index, term)) {
      this.commitTo(index);
      return false;
    }
    this.unstable.restore(snap);
    this.changes++; // the log's end moved
    this.committed = index;
    return true;
  }

  /** The caller persisted the snapshot and loaded it into the state machine. */
  stableSnapTo(index: number): void {
    this.unstable.stableSnapTo(index);
    if (index > this.applied) this.applied = index;
  }

  unstableEntries(): Entry[] {
    return this.unstable.entries.slice();
  }

  stableTo(index: number, term: number): void {
    this.unstable.stableTo(index, term);
  }
}
