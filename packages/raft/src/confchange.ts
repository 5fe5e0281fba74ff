/**
 * Single-server membership changes (thesis §4.1), as pure functions over ConfState
 * (the counterpart of etcd's confchange/). No state, no I/O: raft_membership.ts
 * decides when a change may be proposed and when a configuration takes effect.
 *
 * Each change adds or removes at most one voter, so any majority of the old voters
 * and any majority of the new voters overlap (§4.1, Figure 4.3): the two
 * configurations cannot elect two leaders in one term, and no joint consensus is
 * needed. Learners (non-voting members, §4.2.1 "catching up new servers") receive
 * the log but never vote and never count for commitment, so adding or removing one
 * is always safe; a learner becomes a voter with `addVoter`.
 *
 * A config entry's `data` is JSON `{type, node, voters, learners}`: the change and
 * the configuration it produces. Carrying the whole result lets a server that joins
 * with an empty log learn the configuration from the latest config entry alone
 * (§4.1: "a server always uses the latest configuration in its log").
 */
import type { ConfChange, ConfChangeError, ConfState, Entry, NodeId } from './types';

/** The configuration after `cc`; the input is not modified. */
export function applyConfChange(cs: ConfState, cc: ConfChange): ConfState {
  const voters = cs.voters.filter((id) => id !== cc.node);
  const learners = cs.learners.filter((id) => id !== cc.node);
  if (cc.type === 'addVoter') voters.push(cc.node);
  else if (cc.type === 'addLearner') learners.push(cc.node);
  return { voters: sortedIds(voters), learners: sortedIds(learners) };
}

/**
 * Why `cc` cannot be applied to `cs`, or undefined when it can: a change that does
 * nothing, or that leaves no voter (nobody could elect a leader or commit again).
 * Demoting a voter to a learner is allowed; it removes one voter like `removeNode`.
 */
export function checkConfChange(cs: ConfState, cc: ConfChange): ConfChangeError | undefined {
  if (!Number.isInteger(cc.node) || cc.node <= 0) return 'invalid-node';
  const isVoter = cs.voters.includes(cc.node);
  const isLearner = cs.learners.includes(cc.node);
  switch (cc.type) {
    case 'addVoter':
      return isVoter ? 'no-op' : undefined;
    case 'addLearner':
      if (isLearner) return 'no-op';
      return isVoter && cs.voters.length === 1 ? 'last-voter' : undefined;
    case 'removeNode':
      if (!isVoter && !isLearner) return 'no-op';
      return isVoter && cs.voters.length === 1 ? 'last-voter' : undefined;
    default:
      return 'invalid-node';
  }
}

/** The `data` of the config entry that makes `cc` (producing `result`). */
export function encodeConfChange(cc: ConfChange, result: ConfState): string {
  return JSON.stringify({ type: cc.type, node: cc.node, voters: result.voters, learners: result.learners });
}

/** The change carried by a `config` entry and the configuration it produces. */
export function decodeConfEntry(entry: Entry): { change: ConfChange; confState: ConfState } {
  if (entry.kind !== 'config') throw new Error(`entry ${entry.index} is not a config entry`);
  const d = JSON.parse(entry.data) as ConfChange & ConfState;
  return {
    change: { type: d.type, node: d.node },
    confState: { voters: sortedIds(d.voters), learners: sortedIds(d.learners) },
  };
}

export function sameConf(a: ConfState, b: ConfState): boolean {
  return sameIds(a.voters, b.voters) && sameIds(a.learners, b.learners);
}

export function cloneConf(cs: ConfState): ConfState {
  return { voters: [...cs.voters], learners: [...cs.learners] };
}

/** Deduplicated and in ascending order, so every iteration over members is deterministic. */
export function sortedIds(ids: readonly NodeId[]): NodeId[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

function sameIds(a: readonly NodeId[], b: readonly NodeId[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
