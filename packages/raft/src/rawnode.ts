/**
 * RawNode: the thread-safe-by-construction façade over `Raft` (etcd's rawnode.go).
 * Inputs are method calls; everything the caller must do comes out as a `Ready`.
 *
 * The caller's loop, in this order:
 *
 * ```ts
 * const node = new RawNode({ id: 1, voters: [1, 2, 3], electionTick: 10, heartbeatTick: 3, random }, storage);
 * // feed inputs whenever they happen:
 * node.tick();                 // every logical clock tick
 * node.step(message);          // every message received from a peer
 * node.propose(data);          // client commands (leader only)
 * node.readIndex(requestId);   // a linearizable read: wait for its ReadState
 * node.transferLeader(to);     // hand leadership to `to` (leader only)
 * node.proposeConfChange(cc);  // add or remove one server (leader only, thesis §4.1)
 * // then drain:
 * while (node.hasReady()) {
 *   const rd = node.ready();
 *   // 1. persist: rd.hardState -> storage.setHardState, rd.snapshot -> storage.applySnapshot,
 *   //    rd.entries -> storage.append
 *   // 2. send rd.messages (only now: they promise that step 1 is durable)
 *   // 3. load rd.snapshot into the state machine, then apply rd.committedEntries in order;
 *   //    serve each of rd.readStates once entry `index` is applied;
 *   //    rd.confState, when set, is the new membership (already in effect)
 *   // 4. acknowledge:
 *   node.advance(rd);
 * }
 * ```
 *
 * Every `ready()` must be followed by `advance()` of that Ready before the next
 * `ready()`. Restart: build a new RawNode over the same storage; term, vote, log and
 * commit come back from it, and committed entries after `config.applied` (default:
 * the snapshot index) are handed out again for a fresh state machine.
 *
 * Membership (thesis §4): a brand-new server is built with `voters: []` over an empty
 * storage; it waits, never campaigning, until the leader's AppendEntries or snapshot
 * bring it the configuration that includes it. A snapshot taken at index `i` must
 * record `confStateAt(i)`.
 *
 * Observing: `status()` and `basicStatus()` are copies. A host that reports the node's
 * state after every input uses `observer` instead (observe.ts): version numbers that
 * say when anything changed, reads without copies, and the messages-only Ready.
 */
import { NodeObserver } from './observe';
import { Raft } from './raft';
import { confStateAt, currentConf, type ConfChangeResult } from './raft_membership';
import { heartbeatNow, skipTicks, tick, ticksUntilDue } from './raft_tick';
import { advance, Handed, nextReady, pendingBesidesMessages } from './ready';
import type { Storage } from './storage';
import type {
  BasicStatus,
  ConfChange,
  ConfState,
  Config,
  Message,
  NodeId,
  ProgressStatus,
  ProposeResult,
  ReadIndexResult,
  Ready,
  Status,
  TransferResult,
} from './types';

export class RawNode {
  private readonly raft: Raft;
  /** What the last Ready handed out, so the next carries only what changed (ready.ts). */
  private readonly handed: Handed;
  /** The seam for a host that drains and reports after every input: see observe.ts. */
  readonly observer: NodeObserver;

  constructor(config: Config, storage: Storage) {
    this.raft = new Raft(config, storage);
    this.handed = Handed.start(this.raft, storage.initialState().hardState);
    this.observer = new NodeObserver(this.raft, this.handed);
  }

  /** One logical clock tick: drives election timeouts and heartbeats. */
  tick(): void {
    tick(this.raft);
  }

  /** Delivers a message from a peer. */
  step(msg: Message): void {
    if (msg.to !== this.raft.id) throw new Error(`message to ${msg.to} stepped into node ${this.raft.id}`);
    this.raft.step(msg);
  }

  /**
   * Appends a command to the leader's log. Its AppendEntries go out in the next
   * Ready, together with every other proposal made before it (batching). Refused
   * with 'not-leader', 'transferring' (a leadership transfer is under way, thesis
   * §3.10) or 'dropped' (config.maxUncommittedEntries reached).
   */
  propose(data: string): ProposeResult {
    return this.raft.propose([{ kind: 'command', data }]);
  }

  /**
   * Asks for a linearizable read barrier (thesis §6.4). When confirmed, a ReadState
   * with this `requestId` appears in `Ready.readStates`; a follower forwards the
   * request to its leader. Without a known leader the request is dropped
   * ('no-leader'); a request lost later (a leader change) is never answered, so the
   * caller retries after a timeout.
   */
  readIndex(requestId: string): ReadIndexResult {
    return this.raft.readIndex(requestId);
  }

  /** Leader only: hands leadership to voter `to` (thesis §3.10). Watch `status().leadTransferee`. */
  transferLeader(to: NodeId): TransferResult {
    return this.raft.transferLeader(to);
  }

  /**
   * Leader only: proposes a single-server membership change (thesis §4.1) as a
   * `config` entry. It takes effect as soon as it is appended (and shows in
   * `Ready.confState`); it is committed when it appears in `committedEntries`.
   * Refused with 'not-leader', 'transferring', 'dropped', 'conf-change-pending'
   * (another change is uncommitted), 'term-not-committed' (no entry of this leader's
   * term is committed yet), 'no-op', 'last-voter' or 'invalid-node'.
   */
  proposeConfChange(change: ConfChange): ConfChangeResult {
    return this.raft.proposeConfChange(change);
  }

  /**
   * The configuration as of entry `index` (firstIndex - 1 <= index <= lastIndex), to
   * record in a snapshot taken at `index` (§7). `status().confState` is the latest.
   */
  confStateAt(index: number): ConfState {
    return confStateAt(this.raft, index);
  }

  /** Starts an election now, as if the election timeout had elapsed (with pre-vote if enabled). */
  campaign(): void {
    this.raft.hup();
  }

  /** A leader sends its heartbeats now, as if its heartbeat timeout had elapsed; others do nothing. */
  heartbeat(): void {
    heartbeatNow(this.raft);
  }

  hasReady(): boolean {
    return this.raft.msgs.length > 0 || pendingBesidesMessages(this.raft, this.handed);
  }

  ready(): Ready {
    return nextReady(this.raft, this.handed);
  }

  /** The caller has persisted, sent and applied `rd`. */
  advance(rd: Ready): void {
    advance(this.raft, rd);
  }

  /**
   * How many `tick()` calls from now until one that may act: an election timeout, a
   * heartbeat, a check-quorum round, a snapshot's deadline (`Infinity`: none will).
   * The ticks before it only count, so a caller may defer them to skip idle time —
   * provided it makes them up before any other input, because `step()` reads the
   * counters (the leader lease of §4.2.3, for one). Ask again after every input.
   */
  ticksUntilDue(): number {
    return ticksUntilDue(this.raft);
  }

  /**
   * Feeds `n` ticks at once, exactly as `n` calls of `tick()` would, when all of them
   * only count: `n < ticksUntilDue()`, else it throws. Lets a caller that deferred idle
   * ticks make them up in one call.
   */
  skipTicks(n: number): void {
    skipTicks(this.raft, n);
  }

  /** A snapshot of the node's state; mutating it does not affect the node. */
  status(): Status {
    const r = this.raft;
    const progress: Record<number, ProgressStatus> = {};
    if (r.role === 'leader') {
      for (const pr of r.progress.values()) progress[pr.id] = pr.toStatus();
    }
    return { ...this.basicStatus(), confState: currentConf(r), progress };
  }

  /** `status()` without the configuration and the progress: no copies of either (etcd's BasicStatus). */
  basicStatus(): BasicStatus {
    const r = this.raft;
    return {
      id: r.id,
      role: r.role,
      term: r.term,
      vote: r.vote,
      leader: r.lead,
      commit: r.log.committed,
      applied: r.log.applied,
      lastIndex: r.log.lastIndex(),
      lastTerm: r.log.lastTerm(),
      firstIndex: r.log.firstIndex(),
      electionElapsed: r.electionElapsed,
      randomizedElectionTimeout: r.randomizedElectionTimeout,
      leadTransferee: r.leadTransferee,
      voter: r.isVoter,
    };
  }
}
