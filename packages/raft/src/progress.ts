/**
 * The leader's view of one follower (Figure 2: nextIndex[] and matchIndex[]), plus
 * the flow-control state of etcd's tracker/progress.go:
 *
 * - probe: the leader does not know where the follower's log diverges; it sends one
 *   AppendEntries at a time and waits for the answer (`probeSent`) before the next.
 * - replicate: the follower is known to match up to `match`; the leader streams
 *   entries optimistically, at most `maxInflight` messages unacknowledged.
 * - snapshot: the follower is behind the compacted log and was sent a snapshot
 *   (raft_snapshot.ts); nothing more is sent until it answers or the attempt times out.
 *
 * Invariant: match < next.
 *
 * One leader's progresses share a `ProgressCounts` (tracker.ts). Every change of what
 * `toStatus()` reports (match, next, state, paused, recentActive) counts once in
 * `changes`, so a caller that reports progress after every input asks one number
 * instead of comparing each peer's fields (the progress version, observe.ts); the
 * reported fields are accessors so that no assignment anywhere can change one without
 * counting. `snapshots` counts the peers in snapshot state, so the timers of every tick
 * need not walk the peers to find none (raft_tick.ts).
 */
import type { NodeId, ProgressState, ProgressStatus } from './types';

/** Counts over one leader's progresses (see above). */
export class ProgressCounts {
  /** Moves with every change of what any `toStatus()` reports, and of the set of peers. */
  changes = 0;
  /** Peers in snapshot state. */
  snapshots = 0;
}

export class Progress {
  /** The follower (or the leader itself), so a walk over the values needs no map entries. */
  readonly id: NodeId;
  private matchIndex: number;
  private nextIndex: number;
  private progressState: ProgressState = 'probe';
  private probing = false;
  private active = false;
  /** Snapshot state: index of the snapshot sent, and ticks spent waiting for its answer. */
  pendingSnapshot = 0;
  snapshotElapsed = 0;
  /**
   * Replicate state: last index of each unacknowledged AppendEntries, oldest first,
   * in `inflight[inflightStart..]` (a queue: acknowledging does not copy the array).
   */
  private inflight: number[] = [];
  private inflightStart = 0;
  private readonly maxInflight: number;
  private readonly counts: ProgressCounts;

  constructor(id: NodeId, match: number, next: number, maxInflight: number, counts = new ProgressCounts()) {
    this.id = id;
    this.matchIndex = match;
    this.nextIndex = next;
    this.maxInflight = maxInflight;
    this.counts = counts;
    counts.changes++; // a new peer is a change of the reported progress
  }

  get match(): number {
    return this.matchIndex;
  }
  set match(index: number) {
    if (index !== this.matchIndex) this.counts.changes++;
    this.matchIndex = index;
  }

  get next(): number {
    return this.nextIndex;
  }
  set next(index: number) {
    if (index !== this.nextIndex) this.counts.changes++;
    this.nextIndex = index;
  }

  get state(): ProgressState {
    return this.progressState;
  }
  private set state(state: ProgressState) {
    if (state === this.progressState) return;
    this.counts.changes++;
    if (this.progressState === 'snapshot') this.counts.snapshots--;
    if (state === 'snapshot') this.counts.snapshots++;
    this.progressState = state;
  }

  /** Probe state: an AppendEntries is outstanding, so wait before sending another. */
  get probeSent(): boolean {
    return this.probing;
  }
  set probeSent(sent: boolean) {
    if (sent !== this.probing) this.counts.changes++;
    this.probing = sent;
  }

  /** Heard from since the leader last checked its quorum (§4.2.3 / thesis §6.2). */
  get recentActive(): boolean {
    return this.active;
  }
  set recentActive(active: boolean) {
    if (active !== this.active) this.counts.changes++;
    this.active = active;
  }

  becomeProbe(): void {
    // After a snapshot, resume right after it if the follower got it (etcd's rule).
    const after = this.state === 'snapshot' ? Math.max(this.match, this.pendingSnapshot) : this.match;
    this.state = 'probe';
    this.next = after + 1;
    this.pendingSnapshot = 0;
    this.probeSent = false;
    this.clearInflight();
  }

  becomeSnapshot(index: number): void {
    this.state = 'snapshot';
    this.pendingSnapshot = index;
    this.snapshotElapsed = 0;
    this.probeSent = false;
    this.clearInflight();
  }

  becomeReplicate(): void {
    this.state = 'replicate';
    this.next = this.match + 1;
    this.probeSent = false;
    this.clearInflight();
  }

  /** True when no AppendEntries may be sent to this follower right now. */
  isPaused(): boolean {
    switch (this.state) {
      case 'probe':
        return this.probeSent;
      case 'replicate':
        return this.inflightCount() >= this.maxInflight;
      case 'snapshot':
        return true;
    }
  }

  inflightFull(): boolean {
    return this.inflightCount() >= this.maxInflight;
  }

  /** Records an AppendEntries carrying entries up to `lastIndex` (or none if empty). */
  sentEntries(lastIndex: number, count: number): void {
    if (this.state === 'replicate') {
      if (count > 0) {
        this.next = lastIndex + 1;
        this.inflight.push(lastIndex);
        this.counts.changes++;
      }
    } else if (this.state === 'probe') {
      this.probeSent = true;
    }
  }

  /** A successful response acknowledged `index`; returns whether `match` advanced. */
  maybeUpdate(index: number): boolean {
    let updated = false;
    if (this.match < index) {
      this.match = index;
      updated = true;
      this.probeSent = false;
    }
    this.next = Math.max(this.next, index + 1);
    this.freeTo(index);
    return updated;
  }

  /** Acknowledged messages leave the in-flight window. */
  freeTo(index: number): void {
    const start = this.inflightStart;
    while (this.inflightStart < this.inflight.length && this.inflight[this.inflightStart] <= index) {
      this.inflightStart++;
    }
    if (this.inflightStart !== start) this.counts.changes++;
    this.compactInflight();
  }

  /** Makes room for one message: a heartbeat answer shows the follower is alive. */
  freeFirstOne(): void {
    if (this.inflightCount() > 0) {
      this.inflightStart++;
      this.counts.changes++;
    }
    this.compactInflight();
  }

  /**
   * A rejection of the AppendEntries whose prevLogIndex was `rejected`; `hint` is the
   * highest index that may still match (fast backtracking, §5.3). Returns false for
   * a stale rejection, which must not move `next` backwards.
   */
  maybeDecrTo(rejected: number, hint: number): boolean {
    if (this.state === 'replicate') {
      // Anything at or below match is known to match: the rejection is stale.
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      return true;
    }
    // Probe: only the answer to the outstanding probe counts.
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, hint + 1), this.match + 1);
    this.probeSent = false;
    return true;
  }

  private inflightCount(): number {
    return this.inflight.length - this.inflightStart;
  }

  private clearInflight(): void {
    if (this.inflightCount() > 0) this.counts.changes++;
    this.inflight = [];
    this.inflightStart = 0;
  }

  /** Drops acknowledged slots once they are the bulk of the array (amortised O(1)). */
  private compactInflight(): void {
    // Every acknowledgement gets here, mostly with nothing in flight: keep that array.
    if (this.inflightStart === this.inflight.length) {
      if (this.inflight.length > 0) this.clearInflight();
    } else if (this.inflightStart > 64 && this.inflightStart * 2 > this.inflight.length) {
      this.inflight = this.inflight.slice(this.inflightStart);
      this.inflightStart = 0;
    }
  }

  toStatus(): ProgressStatus {
    return {
      matchIndex: this.match,
      nextIndex: this.next,
      state: this.state,
      paused: this.isPaused(),
      recentActive: this.recentActive,
    };
  }
}
