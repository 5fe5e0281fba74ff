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
 * stepLeader in raft_step.ts) and the timer (tickElection, tickHeartbeat) in one place
 * each (`stepRole` here; `tick`, `ticksUntilDue`, `skipTicks` in raft_tick.ts); the
 * handlers never branch on the role. etcd swaps a function field at each
 * transition instead; a switch keeps every call direct.
 * Shaped for speed: see docs/performance.md#role-dispatch
 *
 * `Raft` holds the state; the files of each concern are functions of it, `(r: Raft,
 * ...)`, as etcd's raft.go methods are, and decide when to call the transitions, which
 * all live here: raft_tick.ts (timeouts, heartbeats, check-quorum), raft_election.ts
 * (votes, pre-vote, §4.2.3 guard), raft_replication.ts (AppendEntries on both sides,
 * commit rule), raft_snapshot.ts (InstallSnapshot, §7), raft_transfer.ts (leadership
 * transfer, §3.10), raft_membership.ts (thesis §4.1, one server at a time: the
 * configuration follows the latest config entry in the log) and read_only.ts
 * (ReadIndex and lease reads, §6.4). Parts with state of their own that need no
 * `Raft` are objects: `log` (log.ts), `progress` (tracker.ts), `readOnly`. Local
 * requests that depend on the role (a read) enter as messages from ourselves through
 * `stepRole`. Proposals are appended at once but sent on the next Ready
 * (`flushProposals`), so proposals between two Readies share one AppendEntries.
 *
 * Counting: role, term, vote, leader and the election timeout are written through
 * setters that count each change in `statusChanges`; the log counts commit, applied
 * and its end, the progresses their own changes. observe.ts turns these into the
 * version numbers a host compares after every input.
 *
 * Invariants: log.applied <= log.committed <= log.lastIndex(); at most one vote per
 * term (`vote` is reset only when `term` changes); a leader never removes entries.
 */
import { settingsFrom, type Settings } from './config';
import { RaftLog } from './log';
import { campaign, handleVoteRequest, ignoresHigherTerm } from './raft_election';
import { initMembership, proposeConfChange, type ConfChangeResult } from './raft_membership';
import { bcastAppend, maybeCommit } from './raft_replication';
import { stepCandidate, stepFollower, stepLeader } from './raft_step';
import { abortTransfer, startTransfer } from './raft_transfer';
import { ReadOnly } from './read_only';
import { ProgressTracker } from './tracker';
import { sortedIds } from './confchange';
import type { Storage } from './storage';
import {
  NONE,
  type ConfChange,
  type ConfState,
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
  readonly log: RaftLog;
  /** Leader only: one entry per voter and learner, including ourselves. */
  readonly progress: ProgressTracker;
  /** Candidate / pre-candidate: votes received in the current round. */
  votes = new Map<NodeId, boolean>();
  readonly readOnly: ReadOnly;
  msgs: Message[] = [];
  /** Leader: entries were proposed since the last `flushProposals`. */
  proposalsPending = false;
  /** Leader: the target of the leadership transfer in progress, or NONE (thesis §3.10). */
  leadTransferee: NodeId = NONE;

  // The configuration (raft_membership.ts), thesis §4.1: the latest config entry in the log.
  /** Sorted voter ids. */
  voters: NodeId[] = [];
  /** `voters.includes(id)`, kept with `voters`. */
  isVoter = false;
  learners: NodeId[] = [];
  /**
   * Index of the config entry the configuration comes from; the snapshot's index (0 for
   * a bootstrap membership) when no config entry is left in the log.
   * Invariant: no config entry lies in (confIndex, lastIndex].
   */
  confIndex = 0;
  /** Moves with every change of the configuration; RawNode turns it into `Ready.confState`. */
  confVersion = 0;
  /** `Config.voters` and `learners`: the configuration of a brand-new storage. */
  readonly bootstrapConf: ConfState;

  readonly cfg: Settings;
  private readonly random: () => number;

  /** Ticks since we last heard from a leader (follower) or last checked the quorum (leader). */
  electionElapsed = 0;
  heartbeatElapsed = 0;

  /**
   * Moves with every change of `role`, `term`, `vote`, `lead` and
   * `randomizedElectionTimeout`, counted by their setters (and may move when a later
   * change undid an earlier one): part of the status version, observe.ts.
   */
  statusChanges = 0;
  private currentRole: Role = 'follower';
  private currentTerm = 0;
  private votedFor: NodeId = NONE;
  private leader: NodeId = NONE;
  private electionTimeout = 0;

  constructor(config: Config, storage: Storage) {
    this.id = config.id;
    this.cfg = settingsFrom(config);
    this.readOnly = new ReadOnly(this.cfg.readOnly);
    this.random = config.random;
    this.log = new RaftLog(storage);
    this.progress = new ProgressTracker(this.id, this.cfg.maxInflight);

    const { hardState } = storage.initialState();
    // Thesis §4.1: the configuration is the latest one in the log (or snapshot);
    // `config.voters` only bootstraps a brand-new storage.
    this.bootstrapConf = {
      voters: sortedIds(config.voters ?? []),
      learners: sortedIds(config.learners ?? []),
    };
    initMembership(this);

    // Restart: recover term, vote and commit (Figure 2, persistent state).
    if (hardState.commit < this.log.committed || hardState.commit > this.log.lastIndex()) {
      throw new Error(
        `hard state commit ${hardState.commit} outside [${this.log.committed}, ${this.log.lastIndex()}]`,
      );
    }
    this.log.commitTo(hardState.commit);
    this.term = hardState.term;
    this.vote = hardState.vote;
    if (config.applied !== undefined) this.log.appliedTo(config.applied);
    this.becomeFollower(this.term, NONE);
  }

  // ---- counted state -------------------------------------------------------

  get role(): Role {
    return this.currentRole;
  }
  private set role(role: Role) {
    if (role !== this.currentRole) this.statusChanges++;
    this.currentRole = role;
  }

  /** Figure 2: currentTerm. */
  get term(): number {
    return this.currentTerm;
  }
  private set term(term: number) {
    if (term !== this.currentTerm) this.statusChanges++;
    this.currentTerm = term;
  }

  /** Figure 2: votedFor in `term`, or NONE. */
  get vote(): NodeId {
    return this.votedFor;
  }
  set vote(id: NodeId) {
    if (id !== this.votedFor) this.statusChanges++;
    this.votedFor = id;
  }

  /** The leader of `term` as far as we know, or NONE. */
  get lead(): NodeId {
    return this.leader;
  }
  set lead(id: NodeId) {
    if (id !== this.leader) this.statusChanges++;
    this.leader = id;
  }

  /** §5.2: drawn from [electionTick, 2 * electionTick) at every reset. */
  get randomizedElectionTimeout(): number {
    return this.electionTimeout;
  }
  private set randomizedElectionTimeout(ticks: number) {
    if (ticks !== this.electionTimeout) this.statusChanges++;
    this.electionTimeout = ticks;
  }

  // ---- role transitions --------------------------------------------------

  becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.lead = lead;
    this.role = 'follower';
  }

  /** Thesis §9.6: a pre-candidate neither increments its term nor changes its vote. */
  becomePreCandidate(): void {
    if (this.role === 'leader') throw new Error('invalid transition: leader -> precandidate');
    this.votes.clear();
    this.lead = NONE;
    this.role = 'precandidate';
  }

  becomeCandidate(): void {
    if (this.role === 'leader') throw new Error('invalid transition: leader -> candidate');
    this.reset(this.term + 1); // §5.2: increment currentTerm, vote for self
    this.vote = this.id;
    this.role = 'candidate';
  }

  becomeLeader(): void {
    if (this.role !== 'candidate') throw new Error(`invalid transition: ${this.role} -> leader`);
    this.reset(this.term);
    this.lead = this.id;
    this.role = 'leader';
    const self = this.progress.get(this.id);
    if (self) {
      self.becomeReplicate();
      self.recentActive = true;
    }
    // Thesis §6.4 / paper §8: a no-op entry of the new term lets the leader commit
    // (and so learn) everything before it, which §5.4.2 forbids by counting replicas.
    this.appendEntries([{ kind: 'noop', data: '' }]);
    // Figure 2, "Upon election": announce ourselves to every server at once.
    bcastAppend(this);
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
    abortTransfer(this);
    this.progress.reset(sortedIds([...this.voters, ...this.learners]), this.log.lastIndex());
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
    campaign(this, this.cfg.preVote ? 'pre-vote' : 'election');
  }

  /** Leader only: append commands and replicate them. */
  propose(entries: Pick<Entry, 'kind' | 'data'>[]): ProposeResult {
    if (this.role !== 'leader') return { ok: false, error: 'not-leader' };
    // Thesis §3.10: the log must stop growing for the transferee to catch up.
    if (this.leadTransferee !== NONE) return { ok: false, error: 'transferring' };
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
    return proposeConfChange(this, cc);
  }

  /** Sends the AppendEntries for proposals made since the last call. */
  flushProposals(): void {
    if (!this.proposalsPending) return;
    this.proposalsPending = false;
    if (this.role === 'leader') bcastAppend(this);
  }

  /** A linearizable read barrier (thesis §6.4); the answer comes in `Ready.readStates`. */
  readIndex(requestId: string): ReadIndexResult {
    if (this.lead === NONE) return { ok: false, error: 'no-leader' };
    this.stepRole({ type: 'ReadIndex', from: this.id, to: this.id, term: this.term, requestId });
    return { ok: true };
  }

  transferLeader(to: NodeId): TransferResult {
    if (this.role !== 'leader') return { ok: false, error: 'not-leader' };
    return startTransfer(this, to);
  }

  // ---- messages --------------------------------------------------------------

  step(m: Message): void {
    // The term and the type are read once: see docs/performance.md#messages-built-whole
    const { term, type } = m;
    if (term !== this.term && !this.stepTerm(m)) return;
    if (type === 'RequestVote' || type === 'PreVote') {
      handleVoteRequest(this, m);
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
      if (ignoresHigherTerm(this, m)) return false;
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
    maybeCommit(this);
    return last;
  }

  /**
   * Queues `m` for the next Ready. Every caller builds `m` whole, `from` and `term` last
   * (their place in the JSON of every message event since they were added here).
   * Shaped for speed: see docs/performance.md#messages-built-whole
   */
  send(m: Message): void {
    // An outbox starts with its first message: see docs/performance.md#outboxes
    if (this.msgs.length === 0) this.msgs = [m];
    else this.msgs.push(m);
  }
}
