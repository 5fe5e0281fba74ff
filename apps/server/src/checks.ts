/**
 * The checks that routes share, one function per rule, each throwing its catalogued
 * error: the node a request names exists (and is running, or crashed, when the action
 * needs it), and a membership change has a leader free to make it (thesis §4.1).
 */
import { ConfChangeRefused, NodeNotFound, NodeState, NoLeaderForChange } from './errors';
import type { LiveCluster } from './live/live-cluster';

/**
 * The node a path or query names (the schema has checked it is a number), or 404 when
 * the cluster has no such node. With `mustBeUp`, the node must be running (true) or
 * crashed (false), so an action that means nothing is refused.
 */
export function nodeOf(cluster: LiveCluster, raw: string, mustBeUp?: boolean): number {
  const node = Number(raw);
  if (!cluster.hasNode(node)) throw new NodeNotFound(node, cluster.nodeCount);
  if (mustBeUp === true) requireUp(cluster, node);
  if (mustBeUp === false && cluster.isUp(node))
    throw new NodeState(`Node ${node} is running; only a crashed node restarts`);
  return node;
}

/** Refuses an action on a crashed node; `restart` says when to restart it ("first", or what for). */
export function requireUp(cluster: LiveCluster, node: number, restart = 'first'): void {
  if (!cluster.isUp(node)) throw new NodeState(`Node ${node} is crashed; restart it ${restart}`);
}

/** What each of the core's refusals means for a person who asked for a change. */
const CHANGE_REFUSALS: Record<string, string> = {
  'conf-change-pending': 'another membership change is not committed yet; retry shortly',
  'term-not-committed': 'the new leader has not committed an entry of its term yet; retry shortly',
  transferring: 'a leadership transfer is under way; retry shortly',
};

/**
 * A membership change needs a leader (409 NO_LEADER_FOR_CHANGE) with no other change in
 * flight, an entry of its own term committed (thesis §4.1 and its erratum) and no
 * leadership transfer under way (409 CONF_CHANGE). `what` names the change for the message.
 */
export function checkCanChange(cluster: LiveCluster, what: string): void {
  const blocker = cluster.confChangeBlocker();
  if (blocker === 'no-leader') throw new NoLeaderForChange(what);
  if (blocker !== null)
    throw new ConfChangeRefused(blocker, CHANGE_REFUSALS[blocker] ?? CHANGE_REFUSALS.transferring);
}
