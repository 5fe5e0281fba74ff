/**
 * The `NodeState` a simulated node reports to observers, up or crashed, and the test of
 * whether it changed. The test runs after every Ready, so it compares scalars, and the leader's
 * progress by the core's count of its changes (node_report.ts), instead of building a
 * `Status` and a `NodeState` to compare each time.
 */
import {
  bindTo,
  type LightStatus,
  type MemoryStorage,
  type NodeId,
  type NodeObserver,
  type ProgressStatus,
} from '@raftlab/raft';
import type { NodeState } from './types';

/** What the node adds to the core's status: its storage and its timer as drawn. */
export interface NodeExtras {
  snapshotIndex: number;
  timerStart: number | null;
  timerEnd: number | null;
}

/**
 * Copies a leader's progress for its NodeState and counts the peers in it. A node keeps
 * one, and a record is started as a spread of the previous one, which has the same
 * peers unless the membership changed. Shaped for speed: see
 * docs/performance.md#progress-records
 */
export class ProgressCopier {
  private copy: NonNullable<NodeState['progress']> = {};
  /** The previous copy, and how many peers it lists. */
  private previous: NonNullable<NodeState['progress']> = {};
  private previousPeers = 0;
  /** Peers in the last copy, and how many of them the previous copy listed. */
  peers = 0;
  private known = 0;

  copyFrom(observer: NodeObserver): NonNullable<NodeState['progress']> {
    this.fill(observer, { ...this.previous });
    // Different peers (a membership change): start over from an empty record, so no
    // peer that left stays in it.
    if (this.peers !== this.previousPeers || this.known !== this.peers) this.fill(observer, {});
    this.previous = this.copy;
    this.previousPeers = this.peers;
    return this.copy;
  }

  /**
   * Writes the leader's progress into `record`, a copy of `peers` peers this copier
   * made earlier, in place; false (and `record` half written) when the peers differ.
   */
  rewrite(observer: NodeObserver, record: NonNullable<NodeState['progress']>, peers: number): boolean {
    this.target = record;
    this.peers = 0;
    this.missing = false;
    observer.withProgress(this.write);
    return !this.missing && this.peers === peers;
  }

  private target: NonNullable<NodeState['progress']> = {};
  private missing = false;

  private readonly write = bindTo(this, this.writeProgress);

  private writeProgress(id: number, pr: Readonly<ProgressStatus>): void {
    this.peers++;
    const into = this.target[id];
    if (into === undefined) {
      this.missing = true;
      return;
    }
    into.matchIndex = pr.matchIndex;
    into.nextIndex = pr.nextIndex;
    into.state = pr.state;
    into.paused = pr.paused;
    into.recentActive = pr.recentActive;
  }

  private fill(observer: NodeObserver, start: NonNullable<NodeState['progress']>): void {
    this.copy = start;
    this.peers = 0;
    this.known = 0;
    observer.withProgress(this.visit);
  }

  // A literal, not a spread of the visited view (one reused object).
  private readonly visit = bindTo(this, this.visitProgress);

  private visitProgress(id: number, pr: Readonly<ProgressStatus>): void {
    this.peers++;
    if (this.previous[id] !== undefined) this.known++;
    this.copy[id] = {
      matchIndex: pr.matchIndex,
      nextIndex: pr.nextIndex,
      state: pr.state,
      paused: pr.paused,
      recentActive: pr.recentActive,
    };
  }
}

/** The state of an up node; `copier` copies a leader's progress. */
export function upNodeState(
  observer: NodeObserver,
  status: LightStatus,
  extras: NodeExtras,
  copier = new ProgressCopier(),
): NodeState {
  const progress = status.role === 'leader' ? copier.copyFrom(observer) : null;
  return {
    id: status.id,
    up: true,
    role: status.role,
    term: status.term,
    vote: status.vote,
    leader: status.leader,
    commit: status.commit,
    applied: status.applied,
    lastIndex: status.lastIndex,
    snapshotIndex: extras.snapshotIndex,
    voter: status.voter,
    timerStart: extras.timerStart,
    timerEnd: extras.timerEnd,
    progress,
  };
}

/** The state of a crashed node: what its storage (the disk) holds; `voter` as when it went down. */
export function downNodeState(id: NodeId, storage: MemoryStorage, voter: boolean): NodeState {
  const hs = storage.initialState().hardState;
  return {
    id,
    up: false,
    role: 'follower',
    term: hs.term,
    vote: hs.vote,
    leader: 0,
    commit: hs.commit,
    applied: 0,
    lastIndex: storage.lastIndex(),
    snapshotIndex: storage.firstIndex() - 1,
    voter,
    timerStart: null,
    timerEnd: null,
    progress: null,
  };
}

/**
 * True when `last` (an up node's state) still describes the node: no event is due.
 * `progressUnchanged`: whether a leader's progress is the same as when `last` was taken.
 */
export function upNodeUnchanged(
  last: NodeState,
  status: LightStatus,
  extras: NodeExtras,
  progressUnchanged: boolean,
): boolean {
  if (
    !last.up ||
    last.role !== status.role ||
    last.term !== status.term ||
    last.vote !== status.vote ||
    last.leader !== status.leader ||
    last.commit !== status.commit ||
    last.applied !== status.applied ||
    last.lastIndex !== status.lastIndex ||
    last.snapshotIndex !== extras.snapshotIndex ||
    last.voter !== status.voter ||
    last.timerStart !== extras.timerStart ||
    last.timerEnd !== extras.timerEnd
  )
    return false;
  const before = last.progress;
  if (status.role !== 'leader' || before === null) return before === null && status.role !== 'leader';
  return progressUnchanged;
}

/** Field-by-field equality of two node states (no JSON: this runs often). */
export function sameNodeState(a: NodeState, b: NodeState): boolean {
  for (const key of Object.keys(a) as Array<keyof NodeState>) {
    if (key === 'progress') continue;
    if (a[key] !== b[key]) return false;
  }
  if (a.progress === null || b.progress === null) return a.progress === b.progress;
  return sameProgress(a.progress, b.progress);
}

/** Field-by-field equality of two leaders' progress records. */
export function sameProgress(
  a: Readonly<Record<number, ProgressStatus>>,
  b: Readonly<Record<number, ProgressStatus>>,
): boolean {
  const ids = Object.keys(a);
  if (ids.length !== Object.keys(b).length) return false;
  for (const id of ids) {
    const p = a[Number(id)];
    const q = b[Number(id)];
    if (!q || p.matchIndex !== q.matchIndex || p.nextIndex !== q.nextIndex || p.state !== q.state)
      return false;
    if (p.paused !== q.paused || p.recentActive !== q.recentActive) return false;
  }
  return true;
}
