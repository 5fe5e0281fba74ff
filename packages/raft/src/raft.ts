/**
 * The Raft state machine (Ongaro & Ousterhout 2014; Ongaro's thesis 2014).
 *
 * Theory of operation
 * -------------------
 * `Raft` is a pure, single-threaded state machine. Three inputs drive it:
 *   - `tick()`: one unit of logical time; calls `tickFn`,
 *   - `step(m)`: a message from a peer,
 *   - `hup()` / `propose()`: local requests (campaign now, append a command).
 * Its outputs are read by `RawNode`: outgoing messages accumulate in `msgs`, new
 * entries in the log's unstable part, the hard state in `term`/`vote`/`log.committed`.
 * Nothing leaves until the caller has persisted it, so a vote or acknowledgement
 * is never sent before the state behind it is durable (Figure 2).
 *
 * The term is handled once, at the top of `step()` (§5.1): a message with a higher
 * term turns us into a follower of that term first; a message with a lower term is
 * answered with our term where Figure 2 says so and otherwise dropped. RequestVote
 * and PreVote are then answered by common code; every other message goes to the
 * per-role function in `stepFn`.
 *
 * Roles and the only legal transitions (anything else throws):
 *
 *     follower ──timeout──▶ precandidate ──pre-vote won──▶ candidate ──won──▶ leader
 *        ▲  └──────timeout (no pre-vote)─────────────────────▲  │                │
 *        └─────────── higher term / lost / leader found ─────┴──┴────────────────┘
 *
 * `becomeFollower` / `becomePreCandidate` / `becomeCandidate` / `becomeLeader` swap
 * `stepFn` (stepFollower, stepCandidate, stepLeader) and `tickFn` (tickElection,
 * tickHeartbeat); handlers never branch on the role. All transitions live here;
 * raft_election.ts (votes, pre-vote, §4.2.3 guard) and raft_replication.ts
 * (AppendEntries on both sides, commit rule) decide when to call them.
 *
 * Not yet: InstallSnapshot (a follower behind the leader's compacted log makes
 * `sendAppend` throw), ReadIndex, leadership transfer / TimeoutNow and membership
 * changes; those messages are dropped on arrival.
 *
 * Invariants: log.applied <= log.committed <= log.lastIndex(); at most one vote per
 * term (`vote` is reset only when `term` changes); a leader never removes entries.
 */
import { RaftLog } from './log';
import { Elections } from './raft_election';
import { Replication } from './raft_replication';
import { Progress } from './progress';
import { voteResult } from './quorum';
import type { Storage } from './storage';
import { NONE, type Config, type Entry, type Message, type NodeId, type Role } from './types';

/** A message as built inside the core: `from` and `term` are filled in by `send`. */
export type Outgoing = (Message extends infer M
  ? M extends unknown
    ? Omit<M, 'from' | 'term'>
    : never
  : never) & {
  term?: number;
};

export class Raft {
  readonly id: NodeId;
  term = 0;
  vote: NodeId = NONE;
  lead: NodeId = NONE;
  role: Role = 'follower';
  readonly log: RaftLog;
  /** Sorted voter ids; the configuration is fixed until membership changes land. */
  readonly voters: NodeId[];
  readonly learners: NodeId[];
  /** Leader only: one entry per voter and learner, including ourselves. */
  progress = new Map<NodeId, Progress>();
  /** Candidate / pre-candidate: votes received in the current round. */
  votes = new Map<NodeId, boolean>();
  msgs: Message[] = [];

  readonly electionTick: number;
  readonly heartbeatTick: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  readonly maxEntriesPerMessage: number;
  readonly maxInflight: number;
  private readonly random: () => number;

  /** Ticks since we last heard from a leader (follower) or last checked the quorum (leader). */
  electionElapsed = 0;
  heartbeatElapsed = 0;
  /** §5.2: drawn from [electionTick, 2 * electionTick) at every reset. */
  randomizedElectionTimeout = 0;

  private stepFn: (m: Message) => void = (m) => this.stepFollower(m);
  private tickFn: () => void = () => this.tickElection();
  private readonly elections = new Elections(this);
  private readonly replication = new Replication(this);

  constructor(config: Config, storage: Storage) {
    if (config.heartbeatTick <= 0 || config.electionTick <= config.heartbeatTick) {
      throw new Error('config: need 0 < heartbeatTick < electionTick');
    }
    this.id = config.id;
    this.electionTick = config.electionTick;
    this.heartbeatTick = config.heartbeatTick;
    this.preVote = config.preVote ?? false;
    this.checkQuorum = config.checkQuorum ?? false;
    this.maxEntriesPerMessage = config.maxEntriesPerMessage ?? 64;
    this.maxInflight = config.maxInflight ?? 256;
    this.random = config.random;
    this.log = new RaftLog(storage);

    const { hardState, confState } = storage.initialState();
    const stored = confState.voters.length > 0;
    this.voters = sortedIds(stored ? confState.voters : (config.voters ?? []));
    this.learners = sortedIds(stored ? confState.learners : (config.learners ?? []));

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
    this.tickFn();
  }

  // ---- role transitions --------------------------------------------------

  becomeFollower(term: number, lead: NodeId): void {
    this.stepFn = (m) => this.stepFollower(m);
    this.tickFn = () => this.tickElection();
    this.reset(term);
    this.lead = lead;
    this.role = 'follower';
  }

  /** Thesis §9.6: a pre-candidate neither increments its term nor changes its vote. */
  becomePreCandidate(): void {
    if (this.role === 'leader') throw new Error('invalid transition: leader -> precandidate');
    this.stepFn = (m) => this.stepCandidate(m);
    this.tickFn = () => this.tickElection();
    this.votes.clear();
    this.lead = NONE;
    this.role = 'precandidate';
  }

  becomeCandidate(): void {
    if (this.role === 'leader') throw new Error('invalid transition: leader -> candidate');
    this.stepFn = (m) => this.stepCandidate(m);
    this.tickFn = () => this.tickElection();
    this.reset(this.term + 1); // §5.2: increment currentTerm, vote for self
    this.vote = this.id;
    this.role = 'candidate';
  }

  becomeLeader(): void {
    if (this.role !== 'candidate') throw new Error(`invalid transition: ${this.role} -> leader`);
    this.stepFn = (m) => this.stepLeader(m);
    this.tickFn = () => this.tickHeartbeat();
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
    this.progress = new Map();
    const last = this.log.lastIndex();
    for (const id of [...this.voters, ...this.learners].sort((a, b) => a - b)) {
      // Figure 2: nextIndex starts just after the leader's last entry, matchIndex at 0.
      const pr = new Progress(0, last + 1, this.maxInflight);
      if (id === this.id) pr.match = last;
      this.progress.set(id, pr);
    }
  }

  private resetRandomizedElectionTimeout(): void {
    const r = Math.min(Math.max(this.random(), 0), 0.999999);
    this.randomizedElectionTimeout = this.electionTick + Math.floor(r * this.electionTick);
  }

  // ---- time ----------------------------------------------------------------

  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.hup();
    }
  }

  private tickHeartbeat(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.electionTick) {
      this.electionElapsed = 0;
      // §6.2 of the thesis (check-quorum): a leader cut off from a majority for an
      // election timeout steps down, so clients can find the real leader.
      if (this.checkQuorum && !this.quorumActive()) {
        this.becomeFollower(this.term, NONE);
        return;
      }
      for (const [id, pr] of this.progress) pr.recentActive = id === this.id;
    }
    if (this.heartbeatElapsed >= this.heartbeatTick) {
      this.heartbeatElapsed = 0;
      this.replication.bcastHeartbeat();
    }
  }

  private quorumActive(): boolean {
    return (
      voteResult(this.voters, (id) => id === this.id || this.progress.get(id)?.recentActive === true) ===
      'won'
    );
  }

  promotable(): boolean {
    return this.voters.includes(this.id);
  }

  // ---- local requests --------------------------------------------------------

  /** Start an election now (election timeout or the caller's `campaign()`). */
  hup(): void {
    if (this.role === 'leader' || !this.promotable()) return;
    this.elections.campaign(this.preVote ? 'pre-vote' : 'election');
  }

  /** Leader only: append a command and replicate it. Returns the new entry's index. */
  propose(entries: Pick<Entry, 'kind' | 'data'>[]): number {
    if (this.role !== 'leader') throw new Error('propose on a non-leader');
    const last = this.appendEntries(entries);
    this.replication.bcastAppend();
    return last;
  }

  // ---- messages --------------------------------------------------------------

  step(m: Message): void {
    if (m.term > this.term) {
      if (this.elections.ignoresHigherTerm(m)) return;
      if (m.type === 'PreVote' || (m.type === 'PreVoteResponse' && m.voteGranted)) {
        // Thesis §9.6: pre-vote terms are hypothetical and never adopted.
      } else {
        // §5.1: a higher term means we are out of date; the sender of an
        // AppendEntries is the leader of that term.
        this.becomeFollower(m.term, m.type === 'AppendEntries' ? m.from : NONE);
      }
    } else if (m.term < this.term) {
      // Figure 2: reply false to AppendEntries/RequestVote with a stale term; our
      // term in the reply makes the sender step down. Stale responses are dropped.
      if (m.type === 'AppendEntries') {
        this.send({ type: 'AppendEntriesResponse', to: m.from, success: false, matchIndex: 0 });
      } else if (m.type === 'RequestVote') {
        this.send({ type: 'RequestVoteResponse', to: m.from, voteGranted: false });
      } else if (m.type === 'PreVote') {
        this.send({ type: 'PreVoteResponse', to: m.from, voteGranted: false });
      }
      return;
    }
    if (m.type === 'RequestVote' || m.type === 'PreVote') {
      this.elections.handleVoteRequest(m);
      return;
    }
    this.stepFn(m);
  }

  private stepFollower(m: Message): void {
    if (m.type === 'AppendEntries') {
      this.electionElapsed = 0;
      this.lead = m.from;
      this.replication.handleAppendEntries(m);
    }
    // Responses addressed to an earlier role of ours, InstallSnapshot and
    // TimeoutNow (later issues) are dropped.
  }

  private stepCandidate(m: Message): void {
    switch (m.type) {
      case 'AppendEntries':
        // §5.2: an AppendEntries of our term comes from the legitimate leader.
        this.becomeFollower(m.term, m.from);
        this.replication.handleAppendEntries(m);
        return;
      case 'RequestVoteResponse':
      case 'PreVoteResponse':
        this.elections.handleVoteResponse(m);
        return;
      default:
        return;
    }
  }

  private stepLeader(m: Message): void {
    if (m.type === 'AppendEntriesResponse') this.replication.handleAppendResponse(m);
    // Nothing else can arrive at our own term: another leader of this term would
    // violate Election Safety, and vote requests were answered in step().
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

  send(m: Outgoing): void {
    this.msgs.push({ ...m, from: this.id, term: m.term ?? this.term } as Message);
  }
}

function sortedIds(ids: readonly NodeId[]): NodeId[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}
