/**
 * Entries (and possibly a snapshot) the node has accepted but the caller has not yet
 * persisted. They are handed out in `Ready.entries` / `Ready.snapshot` and dropped
 * from here by `stableTo` / `stableSnapTo` once the caller reports (through
 * `advance`) that they are on disk.
 *
 * Invariant: with a snapshot pending, offset === snapshot.metadata.index + 1. Entries
 * before `offset` are the storage's, so the log ends at offset + entries.length - 1
 * (RaftLog.lastIndex relies on it).
 */
import type { Entry, Snapshot } from './types';

export class UnstableLog {
  /** Index of `entries[0]`; equals storage.lastIndex() + 1 when nothing is pending. */
  offset: number;
  entries: Entry[] = [];
  /** A snapshot received from the leader (§7), not yet persisted. */
  snapshot: Snapshot | undefined;

  constructor(offset: number) {
    this.offset = offset;
  }

  term(i: number): number | undefined {
    if (i < this.offset || i >= this.offset + this.entries.length) {
      return this.snapshot?.metadata.index === i ? this.snapshot.metadata.term : undefined;
    }
    return this.entries[i - this.offset].term;
  }

  /** Replaces everything by `snap`: the log now starts right after it (§7). */
  restore(snap: Snapshot): void {
    this.snapshot = snap;
    this.offset = snap.metadata.index + 1;
    this.entries = [];
  }

  stableSnapTo(index: number): void {
    if (this.snapshot?.metadata.index === index) this.snapshot = undefined;
  }

  /** Entries in [lo, hi), all of which must be held here. */
  slice(lo: number, hi: number): Entry[] {
    if (lo < this.offset || hi > this.offset + this.entries.length || lo > hi) {
      throw new RangeError(
        `unstable slice [${lo}, ${hi}) outside [${this.offset}, ${this.offset + this.entries.length})`,
      );
    }
    return this.entries.slice(lo - this.offset, hi - this.offset);
  }

  /**
   * Adds entries starting at `entries[0].index`, replacing whatever the log held
   * from that index on (§5.3: a conflicting suffix is deleted). When the new entries
   * start at or before `offset`, the stored suffix from there is replaced as well:
   * the caller's `MemoryStorage.append` truncates it when these are persisted.
   */
  truncateAndAppend(entries: Entry[]): void {
    if (entries.length === 0) return;
    const after = entries[0].index;
    if (after === this.offset + this.entries.length) {
      for (const e of entries) this.entries.push(e);
    } else if (after <= this.offset) {
      this.offset = after;
      this.entries = [...entries];
    } else {
      this.entries = this.entries.slice(0, after - this.offset).concat(entries);
    }
  }

  /** The caller persisted entries up to `index` (at `term`); forget them. */
  stableTo(index: number, term: number): void {
    // A stale advance (the entry was since replaced by one of another term) is ignored.
    if (this.term(index) !== term) return;
    const n = index + 1 - this.offset;
    this.entries = n === this.entries.length ? [] : this.entries.slice(n);
    this.offset = index + 1;
  }
}
