/**
 * Stable storage (Figure 2, "Persistent state on all servers"): hard state, the
 * log and the latest snapshot. `RaftLog` reads it; the caller of `RawNode` writes
 * it while handling a `Ready`. The simulator keeps one `MemoryStorage` per node
 * across simulated crashes, so it plays the role of the disk.
 */
import type { ConfState, Entry, HardState, NodeId, Snapshot } from './types';

export interface InitialState {
  hardState: HardState;
  confState: ConfState;
}

/**
 * Read-only view of persisted state. Indices follow the paper: the first entry has
 * index 1; index `firstIndex() - 1` is the last entry covered by the snapshot (or 0),
 * and its term is still known.
 */
export interface Storage {
  initialState(): InitialState;
  /** Entries in [lo, hi): requires firstIndex() <= lo <= hi <= lastIndex() + 1. */
  entries(lo: number, hi: number): Entry[];
  /** Term of entry `i`, for firstIndex() - 1 <= i <= lastIndex(). */
  term(i: number): number;
  firstIndex(): number;
  lastIndex(): number;
  snapshot(): Snapshot;
}

export interface MemoryStorageOptions {
  /** Membership of a brand-new cluster, recorded as the configuration of the empty snapshot. */
  voters?: NodeId[];
  learners?: NodeId[];
}

export class MemoryStorage implements Storage {
  private hardState: HardState = { term: 0, vote: 0, commit: 0 };
  private snap: Snapshot;
  /**
   * `ents[0]` is a dummy entry standing for the snapshot's last included entry, so
   * `ents[i - offset]` is entry `i` where `offset = ents[0].index`.
   */
  private ents: Entry[];
  /**
   * `ents[0].index`, kept beside it (set wherever `ents` is replaced).
   * Shaped for speed: see docs/performance.md#storage-offset
   */
  private offset = 0;

  constructor(options: MemoryStorageOptions = {}) {
    const confState: ConfState = {
      voters: [...(options.voters ?? [])].sort((a, b) => a - b),
      learners: [...(options.learners ?? [])].sort((a, b) => a - b),
    };
    this.snap = { metadata: { index: 0, term: 0, confState }, data: '' };
    this.ents = [dummy(0, 0)];
  }

  initialState(): InitialState {
    return { hardState: { ...this.hardState }, confState: cloneConf(this.snap.metadata.confState) };
  }

  setHardState(hs: HardState): void {
    this.hardState = { ...hs };
  }

  entries(lo: number, hi: number): Entry[] {
    const offset = this.offset;
    if (lo <= offset) throw new RangeError(`entries(${lo}): compacted (first index ${offset + 1})`);
    if (hi > this.lastIndex() + 1 || lo > hi) {
      throw new RangeError(`entries(${lo}, ${hi}): out of bounds (last index ${this.lastIndex()})`);
    }
    return this.ents.slice(lo - offset, hi - offset).map(cloneEntry);
  }

  term(i: number): number {
    const offset = this.offset;
    if (i < offset || i > this.lastIndex()) {
      throw new RangeError(`term(${i}): unavailable (have ${offset}..${this.lastIndex()})`);
    }
    return this.ents[i - offset].term;
  }

  firstIndex(): number {
    return this.offset + 1;
  }

  lastIndex(): number {
    return this.offset + this.ents.length - 1;
  }

  snapshot(): Snapshot {
    return cloneSnapshot(this.snap);
  }

  /**
   * Persists `entries` (consecutive indices). Entries already compacted are skipped;
   * an existing suffix starting at `entries[0].index` is replaced, because the
   * caller only hands us entries after RaftLog has resolved the conflict (§5.3).
   */
  append(entries: Entry[]): void {
    if (entries.length === 0) return;
    const first = this.firstIndex();
    const last = entries[0].index + entries.length - 1;
    if (last < first) return;
    const kept = first > entries[0].index ? entries.slice(first - entries[0].index) : entries;
    const start = kept[0].index;
    if (start > this.lastIndex() + 1) {
      throw new RangeError(`append: gap between last index ${this.lastIndex()} and ${start}`);
    }
    // Truncate in place (a no-op when appending at the end), then add the new entries.
    // Entries are immutable values, so they are kept as given; `entries()` hands out
    // copies, so no reader can change what is "on disk".
    this.ents.length = start - this.offset;
    for (const e of kept) this.ents.push(e);
  }

  /** Replaces the whole log by a snapshot (a follower receiving InstallSnapshot, §7). */
  applySnapshot(snap: Snapshot): void {
    if (snap.metadata.index <= this.snap.metadata.index) {
      throw new RangeError(`applySnapshot: snapshot ${snap.metadata.index} is out of date`);
    }
    this.snap = cloneSnapshot(snap);
    this.ents = [dummy(snap.metadata.index, snap.metadata.term)];
    this.offset = snap.metadata.index;
  }

  /**
   * Records a snapshot of the state machine as of entry `index` (§7: "each server
   * takes snapshots independently"), taken by the caller after applying `index`.
   * The entries it covers stay until `compact`. `data` is opaque to the core.
   */
  createSnapshot(index: number, confState: ConfState, data: string): Snapshot {
    if (index <= this.snap.metadata.index) {
      throw new RangeError(`createSnapshot(${index}): not newer than snapshot ${this.snap.metadata.index}`);
    }
    if (index > this.lastIndex()) throw new RangeError(`createSnapshot(${index}): beyond last index`);
    this.snap = { metadata: { index, term: this.term(index), confState: cloneConf(confState) }, data };
    return cloneSnapshot(this.snap);
  }

  /**
   * Discards entries up to and including `index` (§7). The caller must have taken a
   * snapshot covering them; the term of `index` is kept for the log-matching check.
   */
  compact(index: number): void {
    const offset = this.offset;
    if (index <= offset) return;
    if (index > this.lastIndex()) throw new RangeError(`compact(${index}): beyond last index`);
    const kept = this.ents.slice(index - offset);
    this.ents = [dummy(index, kept[0].term), ...kept.slice(1)];
    this.offset = index;
  }
}

function dummy(index: number, term: number): Entry {
  return { index, term, kind: 'noop', data: '' };
}

function cloneEntry(e: Entry): Entry {
  return { ...e };
}

function cloneConf(c: ConfState): ConfState {
  return { voters: [...c.voters], learners: [...c.learners] };
}

function cloneSnapshot(s: Snapshot): Snapshot {
  return { metadata: { ...s.metadata, confState: cloneConf(s.metadata.confState) }, data: s.data };
}
