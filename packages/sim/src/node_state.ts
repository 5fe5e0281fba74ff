/**
 * The `NodeState` a simulated node reports to observers, and the test of whether it
 * changed. The test runs after every Ready, so it compares scalars and has the core
 * compare the leader's progress in place (`RawNode.progressMatches`) instead of
 * building a `Status` and a `NodeState` to compare each time.
 */
import type { BasicStatus, RawNode } from '@raftlab/raft';
import type { NodeState } from './types';

/** What the node adds to the core's status: its storage and its timer as drawn. */
export interface NodeExtras {
  snapshotIndex: number;
  timerStart: number | null;
  timerEnd: number | null;
}

/** The state of an up node. */
export function upNodeState(raw: RawNode, status: BasicStatus, extras: NodeExtras): NodeState {
  let progress: NodeState['progress'] = null;
  if (status.role === 'leader') {
    const copy: NonNullable<NodeState['progress']> = {};
    // A literal, not a spread of the visited view: this runs for every leader state change.
    raw.withProgress((id, pr) => {
      copy[id] = {
        matchIndex: pr.matchIndex,
        nextIndex: pr.nextIndex,
        state: pr.state,
        paused: pr.paused,
        recentActive: pr.recentActive,
      };
    });
    progress = copy;
  }
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
    timerStart: extras.timerStart,
    timerEnd: extras.timerEnd,
    progress,
  };
}

/**
 * True when `last` (an up node's state, listing `lastPeers` peers' progress) still
 * describes the node: no event is due.
 */
export function upNodeUnchanged(
  last: NodeState,
  lastPeers: number,
  raw: RawNode,
  status: BasicStatus,
  extras: NodeExtras,
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
    last.timerStart !== extras.timerStart ||
    last.timerEnd !== extras.timerEnd
  )
    return false;
  const before = last.progress;
  if (status.role !== 'leader' || before === null) return before === null && status.role !== 'leader';
  return raw.progressMatches(before, lastPeers);
}

/** Field-by-field equality of two node states (no JSON: this runs often). */
export function sameNodeState(a: NodeState, b: NodeState): boolean {
  for (const key of Object.keys(a) as Array<keyof NodeState>) {
    if (key === 'progress') continue;
    if (a[key] !== b[key]) return false;
  }
  if (a.progress === null || b.progress === null) return a.progress === b.progress;
  const ids = Object.keys(a.progress);
  if (ids.length !== Object.keys(b.progress).length) return false;
  for (const id of ids) {
    const p = a.progress[Number(id)];
    const q = b.progress[Number(id)];
    if (!q || p.matchIndex !== q.matchIndex || p.nextIndex !== q.nextIndex || p.state !== q.state)
      return false;
    if (p.paused !== q.paused || p.recentActive !== q.recentActive) return false;
  }
  return true;
}
