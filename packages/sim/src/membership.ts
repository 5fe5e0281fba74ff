/**
 * Who leads the simulated cluster, and its membership changes (thesis §4), as inputs: `add-node` creates
 * node n+1 with an empty storage and no configuration, which it learns from the leader
 * (§4.1), and proposes it as a voter at the leader; `remove-node` and `conf-change`
 * propose at the leader. The node list only grows: a removed node stays, outside the
 * configuration. The leader's core refuses a change while another is uncommitted
 * (§4.1); retrying is the caller's job.
 */
import type { ConfChange, ConfChangeResult, ConfState, NodeId } from '@raftlab/raft';
import type { SimNode } from './node';

export class ClusterMembership {
  /** The core's answer to the last change proposed; null when there was no leader to ask. */
  lastResult: ConfChangeResult | null = null;

  constructor(
    private readonly nodes: readonly SimNode[],
    /** Creates node n+1 and joins it to the cluster's network. */
    private readonly createNode: () => SimNode,
  ) {}

  /** The up node that is leader with the highest term; 0 if none. */
  leader(): NodeId | 0 {
    let best: NodeId | 0 = 0;
    let bestTerm = -1;
    for (const node of this.nodes) {
      const status = node.basicStatus();
      if (status?.role === 'leader' && status.term > bestTerm) {
        best = node.id;
        bestTerm = status.term;
      }
    }
    return best;
  }

  /** `add-node`: a new, empty server joins and is proposed as a voter. */
  addNode(): void {
    this.propose({ type: 'addVoter', node: this.createNode().id });
  }

  /** Proposes `change` at the leader, if there is one. */
  propose(change: ConfChange): void {
    const leader = this.leader();
    this.lastResult = leader === 0 ? null : this.nodes[leader - 1].proposeConfChange(change);
  }

  /**
   * Why the leader would refuse a change now ('no-leader', or the core's code:
   * 'conf-change-pending', 'term-not-committed', 'transferring'), or null.
   */
  blocker(): string | null {
    const leader = this.leader();
    return leader === 0 ? 'no-leader' : this.nodes[leader - 1].confChangeBlocker();
  }

  /** The configuration the leader works with, or null without a leader. */
  current(): ConfState | null {
    const leader = this.leader();
    const status = leader === 0 ? null : this.nodes[leader - 1].status();
    return status === null ? null : status.confState;
  }
}
