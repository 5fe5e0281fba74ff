/**
 * The observation seam: `RawNode.observer`, for a host that drains the node and reports
 * its state after every input (the simulator does, for every message it delivers).
 * `status()` and `basicStatus()` copy, as etcd's Status and BasicStatus do; a host that
 * asks after every input reads here instead, without copies, and first asks two version
 * numbers whether there is anything new to read.
 *
 * The versions' contract:
 *   - `statusVersion()` moves whenever a `LightStatus` field other than
 *     `electionElapsed` changes: role, term, vote, leader, commit, applied, last index,
 *     the randomized election timeout, or whether the node is a voter. It may also move when a later change undid an
 *     earlier one. While it stands still, only `electionElapsed` can have moved (it moves
 *     with every tick, so it is read on its own: `electionElapsed()`).
 *   - `progressVersion()` moves whenever what `withProgress` visits may have changed: a
 *     peer's match, next, state, paused or recentActive, or the set of peers.
 * Both only move forward and are only comparable for one RawNode: a restart is a new
 * RawNode, whose numbers start over. The counting lives with the state it counts (the
 * setters of raft.ts, log.ts and progress.ts, and tracker.ts), and
 * status_version.property.test.ts checks both numbers under random schedules.
 *
 * A host that drains after every input also takes most Readies here: a heartbeat or its
 * answer is a Ready of messages alone, and `readyMessagesOnly()` hands those out without
 * building the Ready (see docs/performance.md#messages-only-readies).
 */
import type { Raft } from './raft';
import { readyMessagesOnly, type Handed } from './ready';
import type { BasicStatus, Message, NodeId, ProgressStatus } from './types';

/**
 * `BasicStatus` without `lastTerm`, `firstIndex` and `leadTransferee`, whose log lookups
 * an observer that reads after every input can do without: see
 * docs/performance.md#version-numbers
 */
export type LightStatus = Pick<
  BasicStatus,
  | 'id'
  | 'role'
  | 'term'
  | 'vote'
  | 'leader'
  | 'commit'
  | 'applied'
  | 'lastIndex'
  | 'electionElapsed'
  | 'randomizedElectionTimeout'
  | 'voter'
>;

export class NodeObserver {
  /** The one object `withProgress` fills for each visit. */
  private readonly view: ProgressStatus = {
    matchIndex: 0,
    nextIndex: 0,
    state: 'probe',
    paused: false,
    recentActive: false,
  };

  /** Made by RawNode, which shares its core and its record of what it handed out. */
  constructor(
    private readonly raft: Raft,
    private readonly handed: Handed,
  ) {}

  /** See the contract above: role, term, vote, leader, commit, applied, last index, timeout. */
  statusVersion(): number {
    return this.raft.statusChanges + this.raft.log.changes;
  }

  /** See the contract above: every peer's progress as `withProgress` visits it. */
  progressVersion(): number {
    return this.raft.progress.counts.changes;
  }

  /** The node's `LightStatus`, written into `into`, which it returns. */
  readStatus(into: LightStatus): LightStatus {
    const r = this.raft;
    into.id = r.id;
    into.role = r.role;
    into.term = r.term;
    into.vote = r.vote;
    into.leader = r.lead;
    into.commit = r.log.committed;
    into.applied = r.log.applied;
    into.lastIndex = r.log.lastIndex();
    into.electionElapsed = r.electionElapsed;
    into.randomizedElectionTimeout = r.randomizedElectionTimeout;
    into.voter = r.isVoter;
    return into;
  }

  /** Ticks since the election timer last restarted: the one status field no version covers. */
  electionElapsed(): number {
    return this.raft.electionElapsed;
  }

  /**
   * Leader only: calls `visit` with each peer's progress (including its own), in id
   * order, as `status().progress` has it (etcd's WithProgress). `visit` gets one reused
   * view, valid only during the call.
   */
  withProgress(visit: (id: NodeId, progress: Readonly<ProgressStatus>) => void): void {
    const r = this.raft;
    if (r.role !== 'leader') return;
    const view = this.view;
    for (const pr of r.progress.values()) {
      view.matchIndex = pr.match;
      view.nextIndex = pr.next;
      view.state = pr.state;
      view.paused = pr.isPaused();
      view.recentActive = pr.recentActive;
      visit(pr.id, view);
    }
  }

  /**
   * When the pending Ready would carry messages and nothing else (nothing to persist,
   * apply or acknowledge), hands out those messages: exactly `ready().messages` followed
   * by `advance()` of that Ready. Otherwise returns null and changes nothing, and the
   * host goes on with `hasReady()` / `ready()`.
   */
  readyMessagesOnly(): Message[] | null {
    return readyMessagesOnly(this.raft, this.handed);
  }
}
