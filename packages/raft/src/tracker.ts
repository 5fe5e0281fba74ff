/**
 * The leader's progress of every member (etcd's tracker/tracker.go): one `Progress` per
 * voter and learner, ourselves included, in id order, and the quorum questions asked of
 * them (what a majority holds, whether a majority was heard from).
 *
 * The tracker is the only place the set of progresses changes, so it counts those
 * changes where they happen; each `Progress` counts the changes of its own fields (its
 * setters, progress.ts). Both go into one `ProgressCounts`, whose `changes` is the
 * progress version of observe.ts.
 */
import { bindTo } from './bound';
import { Progress, ProgressCounts } from './progress';
import { committedIndex, voteResult } from './quorum';
import type { NodeId } from './types';

export class ProgressTracker {
  private byId = new Map<NodeId, Progress>();
  /** Shared with every Progress of this tracker: its changes, and how many are in snapshot state. */
  readonly counts = new ProgressCounts();

  constructor(
    private readonly self: NodeId,
    private readonly maxInflight: number,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: NodeId): Progress | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<Progress> {
    return this.byId.values();
  }

  keys(): IterableIterator<NodeId> {
    return this.byId.keys();
  }

  /**
   * A new term or role: every member starts over. Figure 2: nextIndex just after the
   * leader's last entry, matchIndex 0; our own match is our last entry.
   */
  reset(members: readonly NodeId[], last: number): void {
    this.replace(new Map());
    for (const id of members) {
      const pr = new Progress(id, 0, last + 1, this.maxInflight, this.counts);
      if (id === this.self) pr.match = last;
      this.byId.set(id, pr);
    }
  }

  /**
   * A new configuration: one Progress per id of `members` (sorted), keeping those of
   * members that stay; a new member starts like any follower of a new leader.
   */
  setMembers(members: readonly NodeId[], last: number): void {
    const byId = new Map<NodeId, Progress>();
    for (const id of members) {
      byId.set(id, this.byId.get(id) ?? new Progress(id, 0, last + 1, this.maxInflight, this.counts));
    }
    this.replace(byId);
  }

  /** §5.3: the largest index a majority of `voters` holds. */
  committedIndex(voters: readonly NodeId[]): number {
    return committedIndex(voters, this.matchOf);
  }

  /** Thesis §6.2 (check-quorum): whether a majority of `voters` was heard from this round. */
  quorumActive(voters: readonly NodeId[]): boolean {
    return voteResult(voters, this.active) === 'won';
  }

  /** Replaces the set of progresses; a peer that left may have been in snapshot state, so recount. */
  private replace(byId: Map<NodeId, Progress>): void {
    this.byId = byId;
    const counts = this.counts;
    counts.changes++;
    counts.snapshots = 0;
    for (const pr of byId.values()) if (pr.state === 'snapshot') counts.snapshots++;
  }

  // Shaped for speed: see docs/performance.md#closures-made-once
  private readonly matchOf = bindTo(this, this.matchIndexOf);
  private readonly active = bindTo(this, this.isActive);

  private matchIndexOf(id: NodeId): number | undefined {
    return this.byId.get(id)?.match;
  }

  private isActive(id: NodeId): boolean {
    return id === this.self || this.byId.get(id)?.recentActive === true;
  }
}
