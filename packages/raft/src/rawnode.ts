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
 * // then drain:
 * while (node.hasReady()) {
 *   const rd = node.ready();
 *   // 1. persist: rd.hardState -> storage.setHardState, rd.snapshot, rd.entries -> storage.append
 *   // 2. send rd.messages (only now: they promise that step 1 is durable)
 *   // 3. apply rd.committedEntries to the state machine, in order
 *   // 4. acknowledge:
 *   node.advance(rd);
 * }
 * ```
 *
 * Every `ready()` must be followed by `advance()` of that Ready before the next
 * `ready()`. Restart: build a new RawNode over the same storage; term, vote, log and
 * commit come back from it, and committed entries after `config.applied` (default:
 * the snapshot index) are handed out again for a fresh state machine.
 */
import { Raft } from './raft';
import type { Storage } from './storage';
import type {
  Config,
  HardState,
  Message,
  ProgressStatus,
  ProposeResult,
  Ready,
  SoftState,
  Status,
} from './types';

export class RawNode {
  private readonly raft: Raft;
  private prevSoftState: SoftState;
  private prevHardState: HardState;

  constructor(config: Config, storage: Storage) {
    this.raft = new Raft(config, storage);
    this.prevSoftState = this.softState();
    this.prevHardState = storage.initialState().hardState;
  }

  /** One logical clock tick: drives election timeouts and heartbeats. */
  tick(): void {
    this.raft.tick();
  }

  /** Delivers a message from a peer. */
  step(msg: Message): void {
    if (msg.to !== this.raft.id) throw new Error(`message to ${msg.to} stepped into node ${this.raft.id}`);
    this.raft.step(msg);
  }

  /** Appends a command to the leader's log and replicates it. */
  propose(data: string): ProposeResult {
    if (this.raft.role !== 'leader') return { ok: false, error: 'not-leader' };
    const index = this.raft.propose([{ kind: 'command', data }]);
    return { ok: true, index, term: this.raft.term };
  }

  /** Starts an election now, as if the election timeout had elapsed (with pre-vote if enabled). */
  campaign(): void {
    this.raft.hup();
  }

  hasReady(): boolean {
    const r = this.raft;
    return (
      !sameSoftState(this.softState(), this.prevSoftState) ||
      !sameHardState(this.hardState(), this.prevHardState) ||
      r.log.unstable.entries.length > 0 ||
      r.msgs.length > 0 ||
      r.log.hasNextCommittedEntries()
    );
  }

  ready(): Ready {
    const r = this.raft;
    const rd: Ready = {
      entries: r.log.unstableEntries(),
      messages: r.msgs,
      committedEntries: r.log.nextCommittedEntries(),
    };
    r.msgs = [];
    const soft = this.softState();
    if (!sameSoftState(soft, this.prevSoftState)) {
      rd.softState = soft;
      this.prevSoftState = soft;
    }
    const hard = this.hardState();
    if (!sameHardState(hard, this.prevHardState)) {
      rd.hardState = hard;
      this.prevHardState = hard;
    }
    return rd;
  }

  /** The caller has persisted, sent and applied `rd`. */
  advance(rd: Ready): void {
    const log = this.raft.log;
    const lastEntry = rd.entries[rd.entries.length - 1];
    if (lastEntry) log.stableTo(lastEntry.index, lastEntry.term);
    const lastApplied = rd.committedEntries[rd.committedEntries.length - 1];
    if (lastApplied) log.appliedTo(lastApplied.index);
  }

  /** A snapshot of the node's state; mutating it does not affect the node. */
  status(): Status {
    const r = this.raft;
    const progress: Record<number, ProgressStatus> = {};
    if (r.role === 'leader') {
      for (const [id, pr] of r.progress) progress[id] = pr.toStatus();
    }
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
      confState: { voters: [...r.voters], learners: [...r.learners] },
      progress,
    };
  }

  private softState(): SoftState {
    return { role: this.raft.role, leader: this.raft.lead };
  }

  private hardState(): HardState {
    return { term: this.raft.term, vote: this.raft.vote, commit: this.raft.log.committed };
  }
}

function sameSoftState(a: SoftState, b: SoftState): boolean {
  return a.role === b.role && a.leader === b.leader;
}

function sameHardState(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}
