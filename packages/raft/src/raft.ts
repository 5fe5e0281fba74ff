/**
 * The Raft state machine (Ongaro & Ousterhout 2014; Ongaro's thesis 2014).
 *
 * Theory of operation
 * -------------------
 * `Raft` is a pure, single-threaded state machine. Three inputs drive it:
 *   - `tick()`: one unit of logical time,
 *   - `step(m)`: a message from a peer,
 *   - `hup()` / `propose()` / `readIndex()` / `transferLeader()`: local requests.
 * Its outputs are read by `RawNode`: outgoing messages accumulate in `msgs`, new
 * entries in the log's unstable part, the hard state in `term`/`vote`/`log.committed`.
 * Nothing leaves until the caller has persisted it, so a vote or acknowledgement
 * is never sent before the state behind it is durable (Figure 2).
 *
 * The term is handled once, at the top of `step()` (§5.1): a message with a higher
 * term turns us into a follower of that term first; a message with a lower term is
 * answered with our term where Figure 2 says so and otherwise dropped. RequestVote
 * and PreVote are then answered by common code; every other message goes to the
 * handler of our role (`stepRole`).
 *
 * Roles and the only legal transitions (anything else throws):
 *
 *     follower ──timeout──▶ precandidate ──pre-vote won──▶ candidate ──won──▶ leader
 *        ▲  └──────timeout (no pre-vote)─────────────────────▲  │                │
 *        └─────────── higher term / lost / leader found ─────┴──┴────────────────┘
 *
 * `becomeFollower` / `becomePreCandidate` / `becomeCandidate` / `becomeLeader` set
 * `role`, and the role picks the message handler (stepFollower, stepCandidate,
 * stepLeader in raft_step.ts) and the timer (tickElection, tickHeartbeat in
 * raft_tick.ts) in one place each (`stepRole`, `tick`, `ticksUntilDue`, `skipTicks`);
 * the handlers never branch on the role. (A switch rather than functions swapped
 * in at each transition: a call through such a field reached a different function
 * per role, which V8 calls the slow, generic way: about 5% of a light run.)
 * All transitions live here; one file per concern decides when to call them:
 * raft_tick.ts (timeouts, heartbeats, check-quorum), raft_election.ts (votes,
 * pre-vote, §4.2.3 guard), raft_replication.ts (AppendEntries on both sides, commit
 * rule), raft_snapshot.ts (InstallSnapshot, §7), raft_transfer.ts (leadership
 * transfer, §3.10) and read_only.ts (ReadIndex and lease reads, §6.4). Local
 * requests that depend on the role (a read) enter as messages from ourselves
 * through `stepRole`. Proposals are appended at once but sent on the next Ready
 * (`flushProposals`), so proposals between two Readies share one AppendEntries.
 *
 * Membership (thesis §4.1, one server at a time) lives in raft_membership.ts: the
 * configuration (`voters`, `learners`) follows the latest config entry in the log.
 *
 * Invariants: log.applied <= log.committed <= log.lastIndex(); at most one vote per
 * term (`vote` is reset only when `term` changes); a leader never removes entries.
 */
import { settingsFrom, type Settings } from './config';
import { RaftLog } from './log';
import { Elections } from './raft_election';
import { Replication } from './raft_replication';
import { Snapshots } from './raft_snapshot';
import { LeaderTransfer } from './raft_transfer';
import { Membership, type ConfChangeResult } from './raft_membership';
import { ReadOnly } from './read_only';
import { Timers } from './raft_tick';
import { stepCandidate, stepFollower, stepLeader } from './raft_step';
import { Progress, ProgressCounts } from './progress';
import type { Storage } from './storage';
import {
  NONE,
  type ConfChange,
  type Config,
  type Entry,
  type Message,
  type NodeId,
  type ProposeResult,
  type ReadIndexResult,
  type Role,
  type TransferResult,
} from './types';

export class Raft {
  readonly id: NodeId;
  term = 0;
  vote: NodeId = NONE;
  lead: NodeId = NONE;
  role: Role = 'follower';
  readonly log: RaftLog;
  /** Sorted voter ids; set only by `membership` (thesis §4.1: the latest config in the log). */
  voters: NodeId[] = [];
  /** `voters.includes(id)`, kept by `membership` whenever it sets `voters`. */
  isVoter = false;
  learners: NodeId[] = [];
  /** Leader only: one entry per voter and learner, including ourselves. */
  progress = new Map<NodeId, Progress>();
  /**
   * Shared by the progresses: their changes (a replaced map counts too; see
   * RawNode.progressVersion) and how many are in snapshot state.
   */
  readonly progressCounts = new ProgressCounts();
  /** Candidate / pre-candidate: votes received in the current round. */
  votes = new Map<NodeId, boolean>();
  msgs: Message[] = [];
  /**
   * Moves whenever `role`, `term`, `vote` or `lead` may have changed (and sometimes
   * when none did): see RawNode.statusVersion.
   */
  statusChanges = 0;
  /** Leader: entries were proposed since the last `flushProposals`. */
  proposalsPending = false;

  readonly cfg: Settings;
  private readonly random: () => number;

  /** Ticks since we last heard from a leader (follower) or last checked the quorum (leader). */
  electionElapsed = 0;
  heartbeatElapsed = 0;
  /** §5.2: drawn from [electionTick, 2 * electionTick) at every reset. */
  randomizedElectionTimeout = 0;

  private readonly timers = new Timers(this);
  readonly elections = new Elections(this);
  readonly replication = new Replication(this);
  readonly snapshots = new Snapshots(this);
  readonly transfer = new LeaderTransfer(this);
  readonly membership = new Membership(this);
  readonly readOnly: ReadOnly;

  constructor(config: Config, storage: Storage) {
    this.id = config.id;
    this.cfg = settingsFrom(config);
    this.readOnly = new ReadOnly(this, this.cfg.readOnly);
    this.random = config.random;
    this.log = new RaftLog(storage);

    const { hardState } = storage.initialState();
    // Thesis §4.1: the configuration is the latest one in the log (or snapshot);
    // `config.voters` only bootstraps a brand-new storage.
    this.membership.init({ voters: config.voters ?? [], learners: config.learners ?? [] });

    // Restart: recover term, vote and commit (Figure 2, persistent state).
    if (hardState.commit < this.log.committed || hardState.commit > this.log.lastIndex()) {
      throw new Error(
        `hard state commit ${hardState.commit} outside [${this.log.committed}, ${this.log.lastIndex()}]`,
      );
    }
    this.log.committed = hardState.commit;
    this.term = hardState.term;
    this.vote = hardState.vote;
    if (config.applied !== undefined) this.log.appliedTo(config.applied);
    this.becomeFollower(this.term, NONE);
  }

  tick(): void {
    if (this.role === 'leader') this.timers.tickHeartbeat();
    else this.timers.tickElection();
  }

  /** See RawNode.ticksUntilDue. */
  ticksUntilDue(): number {
    return this.role === 'leader' ? this.timers.ticksUntilHeartbeatDue() : this.timers.ticksUntilElection();
  }

  /** See RawNode.skipTicks. */
  skipTicks(n: number): void {
    const due = this.ticksUntilDue();
    if (!(Number.isInteger(n) && n >= 0 && n < due)) {
      throw new RangeError(`skipTicks(${n}): only ticks before the next due one (${due}) only count`);
    }
    if (this.role === 'leader') this.timers.skipHeartbeatTicks(n);
    else this.timers.skipElectionTicks(n);
  }

  // ---- role transitions --------------------------------------------------

  becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.lead = lead;
    this.role = 'follower';
    this.statusChanges++;
  }

  /** Thesis §9.6: a pre-candidate neither increments its term nor changes its vote. */
  becomePreCandidate(): void {
    if (this.role === 'leader') throw new Error('invalid transition: leader -> precandidate');
    this.votes.clear();
    this.lead = NONE;
    this.role = 'precandidate';
    this.statusChanges++;
  }

  becomeCandidate(): void {
    if (this.role === 'leader') throw new Error('invalid transition: leader -> candidate');
    this.reset(this.term + 1); // §5.2: increment currentTerm, vote for self
    this.vote = this.id;
    this.role = 'candidate';
    this.statusChanges++;
  }

  becomeLeader(): void {
    if (this.role !== 'candidate') throw new Error(`invalid transition: ${this.role} -> leader`);
    this.reset(this.term);
    this.lead = this.id;
    this.role = 'leader';
    this.statusChanges++;
    const self = this.progress.get(this.id);
    if (self) {
      self.becomeReplicate();
      self.recentActive = true;
    }
    // Thesis §6.4 / paper §8: a no-op entry of the new term lets the leader commit
    // (and so learn) everything before it, which §5.4.2 forbids by counting replicas.
    this.appendEntries([{ kind: 'noop', data: '' }]);
    // Figure 2, "Upon election": announce ourselves to every server at once.
    this.replication.bcastAppend();
  }

  private reset(term: number): void {
    if (term !== this.term) {
      this.term = term;
      this.vote = NONE; // one vote per term (§5.2)
    }
    this.lead = NONE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.resetRandomizedElectionTimeout();
    this.votes.clear();
    this.readOnly.reset();
    this.transfer.abort();
    this.progress = new Map();
    this.progressCounts.changes++;
    this.progressCounts.snapshots = 0;
    const last = this.log.lastIndex();
    for (const id of [...this.voters, ...this.learners].sort((a, b) => a - b)) {
      // Figure 2: nextIndex starts just after the leader's last entry, matchIndex at 0.
      const pr = new Progress(id, 0, last + 1, this.cfg.maxInflight, this.progressCounts);
      if (id === this.id) pr.match = last;
      this.progress.set(id, pr);
    }
  }

  /** A follower heard from the leader of its term (every heartbeat: only a new one counts). */
  followLeader(lead: NodeId): void {
    if (this.lead === lead) return;
    this.lead = lead;
    this.statusChanges++;
  }

  private resetRandomizedElectionTimeout(): void {
    const r = Math.min(Math.max(this.random(), 0), 0.999999);
    this.randomizedElectionTimeout = this.cfg.electionTick + Math.floor(r * this.cfg.electionTick);
  }

  /** Whether we are a voter (only a voter campaigns); asked on every tick and wake-up. */
  promotable(): boolean {
    return this.isVoter;
  }

  // ---- local requests --------------------------------------------------------

  /** Start an election now (election timeout or the caller's `campaign()`). */
  hup(): void {
    if (this.role === 'leader' || !this.promotable()) return;
    this.elections.campaign(this.cfg.preVote ? 'pre-vote' : 'election');
  }

  /** Leader only: append commands and replicate them. */
  propose(entries: Pick<Entry, 'kind' | 'data'>[]): ProposeResult {
    if (this.role !== 'leader') return { ok: false, error: 'not-leader' };
    // Thesis §3.10: the log must stop growing for the transferee to catch up.
    if (this.transfer.transferee !== NONE) return { ok: false, error: 'transferring' };
    // Flow control: a leader cut off from its quorum cannot commit, so bound what it
    // accepts instead of letting its log grow without limit.
    if (this.log.lastIndex() - this.log.committed + entries.length > this.cfg.maxUncommittedEntries) {
      return { ok: false, error: 'dropped' };
    }
    const index = this.appendEntries(entries);
    // Batching: the AppendEntries go out when the caller next asks for a Ready, so
    // every proposal made before then shares one message per follower.
    this.proposalsPending = true;
    return { ok: true, index, term: this.term };
  }

  /** Leader only: a single-server membership change (thesis §4.1), see raft_membership.ts. */
  proposeConfChange(cc: ConfChange): ConfChangeResult {
    return this.membership.propose(cc);
  }

  /** Sends the AppendEntries for proposals made since the last call. */
  flushProposals(): void {
    if (!this.proposalsPending) return;
    this.proposalsPending = false;
    if (this.role === 'leader') this.replication.bcastAppend();
  }

  /** A linearizable read barrier (thesis §6.4); the answer comes in `Ready.readStates`. */
  readIndex(requestId: string): ReadIndexResult {
    if (this.lead === NONE) return { ok: false, error: 'no-leader' };
    this.stepRole({ type: 'ReadIndex', from: this.id, to: this.id, term: this.term, requestId });
    return { ok: true };
  }

  transferLeader(to: NodeId): TransferResult {
    if (this.role !== 'leader') return { ok: false, error: 'not-leader' };
    return this.transfer.start(to);
  }

  // ---- messages --------------------------------------------------------------

  step(m: Message): void {
    // Messages of every type pass here, so each read of a field is a generic lookup:
    // the term and the type are read once.
    const { term, type } = m;
    if (term !== this.term && !this.stepTerm(m)) return;
    if (type === 'RequestVote' || type === 'PreVote') {
      this.elections.handleVoteRequest(m);
      return;
    }
    this.stepRole(m);
  }

  /** Everything but the term and vote requests is up to the role (raft_step.ts). */
  private stepRole(m: Message): void {
    switch (this.role) {
      case 'leader':
        return stepLeader(this, m);
      case 'follower':
        return stepFollower(this, m);
      case 'precandidate':
      case 'candidate':
        return stepCandidate(this, m);
    }
  }

  /** §5.1, for a message of another term: false when it is dropped (after any answer). */
  private stepTerm(m: Message): boolean {
    if (m.term > this.term) {
      if (this.elections.ignoresHigherTerm(m)) return false;
      // Thesis §9.6: pre-vote terms are hypothetical and never adopted.
      if (m.type === 'PreVote' || (m.type === 'PreVoteResponse' && m.voteGranted)) return true;
      // §5.1: a higher term means we are out of date; the sender of an
      // AppendEntries is the leader of that term.
      this.becomeFollower(m.term, m.type === 'AppendEntries' ? m.from : NONE);
      return true;
    }
    // Figure 2: reply false to AppendEntries/RequestVote with a stale term; our
    // term in the reply makes the sender step down. Stale responses are dropped.
    const { id: from, term } = this;
    const to = m.from;
    if (m.type === 'AppendEntries') {
      this.send({ type: 'AppendEntriesResponse', to, success: false, matchIndex: 0, from, term });
    } else if (m.type === 'RequestVote') {
      this.send({ type: 'RequestVoteResponse', to, voteGranted: false, from, term });
    } else if (m.type === 'PreVote') {
      this.send({ type: 'PreVoteResponse', to, voteGranted: false, from, term });
    }
    return false;
  }

  private appendEntries(entries: Pick<Entry, 'kind' | 'data'>[]): number {
    let index = this.log.lastIndex();
    const numbered = entries.map((e) => ({ index: ++index, term: this.term, kind: e.kind, data: e.data }));
    const last = this.log.append(numbered);
    this.progress.get(this.id)?.maybeUpdate(last);
    // A single voter is a majority on its own.
    this.replication.maybeCommit();
    return last;
  }

  /**
   * Queues `m` for the next Ready. Every caller builds `m` whole, `from` and `term` last
   * (their place in the JSON of every message event since they were added here): an
   * object completed after its creation changes shape on the way, and the code that
   * reads messages of every type saw more shapes (light load: about 5%).
   */
  send(m: Message): void {
    // An outbox starts with its first message: `[m]` has room for one, where `[]` grew
    // to seventeen slots at the first push, and most outboxes (a follower's answer)
    // hold one message: 8% fewer scavenges, light load 2-3% faster.
    if (this.msgs.length === 0) this.msgs = [m];
    else this.msgs.push(m);
  }
}
