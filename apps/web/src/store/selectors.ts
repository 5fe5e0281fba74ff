/** Derived values. Never store these; compute them from the slices. */
import type { HistoryOp, NodeState } from '@raftlab/protocol';
import { linkKey, type RaftState } from './types';

/** The up node that believes it leads in the highest term, or null. */
export function selectLeader(s: Pick<RaftState, 'nodes' | 'nodeIds'>): NodeState | null {
  let best: NodeState | null = null;
  for (const id of s.nodeIds) {
    const n = s.nodes[id];
    if (n && n.up && n.role === 'leader' && (!best || n.term > best.term)) best = n;
  }
  return best;
}

export const selectLeaderId = (s: Pick<RaftState, 'nodes' | 'nodeIds'>): number | null =>
  selectLeader(s)?.id ?? null;

/** The role word used in names and labels: a node that is down reads `crashed`. */
export type RoleWord = NodeState['role'] | 'crashed';
export const roleWord = (n: NodeState): RoleWord => (n.up ? n.role : 'crashed');

/** The accessible name of a node (a contract with the e2e tests). */
export const nodeLabel = (n: NodeState): string =>
  `Node ${n.id}, ${roleWord(n)}, term ${n.term}${n.voter ? '' : ', not a voter'}`;

/**
 * The word inside a node on the ring: its role, except that a follower outside its own
 * configuration (thesis §4.1: removed, or added and not yet told) reads `non-voter`.
 */
export const ringWord = (n: NodeState): string =>
  n.up && !n.voter && n.role === 'follower' ? 'non-voter' : roleWord(n);

/** The state of the undirected link a–b: both directions up, one down, or both down. */
export type LinkState = 'up' | 'one-way' | 'cut';
export function selectLinkState(s: Pick<RaftState, 'linksDown'>, a: number, b: number): LinkState {
  const ab = s.linksDown[linkKey(a, b)] === true;
  const ba = s.linksDown[linkKey(b, a)] === true;
  return ab && ba ? 'cut' : ab || ba ? 'one-way' : 'up';
}

/** Every unordered pair of node ids, in ring order. */
export function nodePairs(ids: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.push([ids[i], ids[j]]);
  return pairs;
}

/** Highest term seen on any node. */
export const selectMaxTerm = (s: Pick<RaftState, 'nodes' | 'nodeIds'>): number =>
  s.nodeIds.reduce((m, id) => Math.max(m, s.nodes[id]?.term ?? 0), 0);

export const selectMessageCount = (s: Pick<RaftState, 'messages'>): number => Object.keys(s.messages).length;

/**
 * Where a client operation is, derived from its history record, its stage (the client's
 * attempt, the leader's proposal) and the proposing node's commit and applied indexes.
 * `replaced`: the proposer's log now holds another term's entry at that index, so this
 * proposal lost (§5.4) and the client will retry.
 */
export type OpProgress =
  | { kind: 'queued' }
  | { kind: 'routing'; node: number; attempt: number }
  | {
      kind: 'proposed' | 'committed' | 'applied' | 'replaced';
      node: number;
      index: number;
      term: number;
      attempt: number;
    }
  | { kind: 'done'; op: HistoryOp };

export function selectOpProgress(s: Pick<RaftState, 'stages' | 'nodes' | 'logs'>, op: HistoryOp): OpProgress {
  if (op.status !== 'pending') return { kind: 'done', op };
  const stage = s.stages[op.opId];
  if (!stage) return { kind: 'queued' };
  if (!stage.proposed) return { kind: 'routing', node: stage.node, attempt: stage.attempt };
  const { node, index, term } = stage.proposed;
  const base = { node, index, term, attempt: stage.attempt };
  const log = s.logs[node] ?? [];
  const at = log.length > 0 ? log[index - log[0].index] : undefined;
  if (at && at.term !== term) return { kind: 'replaced', ...base };
  const state = s.nodes[node];
  if (state && state.applied >= index) return { kind: 'applied', ...base };
  if (state && state.commit >= index) return { kind: 'committed', ...base };
  return { kind: 'proposed', ...base };
}

/** Completed operations the last history check did not see (all of them before a first check). */
export function selectUncheckedCompletions(s: Pick<RaftState, 'history' | 'check'>): number {
  const { maxOpId, pending } = s.check.covered;
  let n = 0;
  for (const h of s.history) {
    if (h.status !== 'pending' && (h.opId > maxOpId || pending.includes(h.opId))) n++;
  }
  return n;
}

/** Whether this page may change the cluster: it is the owner's, or the owner opened control to everyone. */
export const selectMayControl = (s: Pick<RaftState, 'isOwner' | 'controlOpen'>): boolean =>
  s.isOwner || s.controlOpen;

/** Whether the directed link from → to is down. */
export const selectLinkDown = (s: Pick<RaftState, 'linksDown'>, from: number, to: number): boolean =>
  s.linksDown[linkKey(from, to)] === true;

/** The end of the timeline: live, the events processed so far; in the past, as it was then. */
export const selectTimelineEnd = (s: Pick<RaftState, 'moment' | 'clock'>): number =>
  s.moment?.end ?? s.clock.seq;

/** The moment shown: the past one, or live the newest. */
export const selectShownAt = (s: Pick<RaftState, 'moment' | 'clock'>): number => s.moment?.at ?? s.clock.seq;

/** Where the timeline's slider stands: what the person asked for, else what is shown. */
export function selectSliderAt(s: Pick<RaftState, 'moment' | 'clock' | 'seeking'>): number {
  if (typeof s.seeking === 'number') return s.seeking;
  return s.seeking === 'live' ? selectTimelineEnd(s) : selectShownAt(s);
}
