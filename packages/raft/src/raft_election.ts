/**
 * Leader election (§5.2), its safety restriction (§5.4.1), pre-vote (thesis §9.6)
 * and the disruptive-server guard (thesis §4.2.3). Role transitions stay in
 * raft.ts; this file decides when to make them.
 */
import type { Raft } from './raft';
import { voteResult, type VoteResult } from './quorum';
import {
  NONE,
  type Message,
  type NodeId,
  type PreVote,
  type PreVoteResponse,
  type RequestVote,
  type RequestVoteResponse,
} from './types';

/** 'transfer': an election started by TimeoutNow (thesis §3.10), which skips pre-vote. */
export type CampaignKind = 'pre-vote' | 'election' | 'transfer';

/** Starts a pre-vote round at term+1 without adopting it, or a real election. */
export function campaign(r: Raft, kind: CampaignKind): void {
  if (kind === 'pre-vote') r.becomePreCandidate();
  else r.becomeCandidate();
  // A candidate votes for itself (§5.2); a single voter wins at once.
  if (poll(r, r.id, true) === 'won') {
    won(r, kind);
    return;
  }
  // §5.2 / thesis §9.6: ask every other voter, in id order.
  const term = kind === 'pre-vote' ? r.term + 1 : r.term;
  const lastLogIndex = r.log.lastIndex();
  const lastLogTerm = r.log.lastTerm();
  for (const to of r.voters) {
    if (to === r.id) continue;
    if (kind === 'pre-vote') r.send({ type: 'PreVote', to, term, lastLogIndex, lastLogTerm, from: r.id });
    else if (kind === 'transfer')
      r.send({ type: 'RequestVote', to, term, lastLogIndex, lastLogTerm, transfer: true, from: r.id });
    else r.send({ type: 'RequestVote', to, term, lastLogIndex, lastLogTerm, from: r.id });
  }
}

/**
 * Thesis §4.2.3: with check-quorum, a server that heard from a leader within the
 * minimum election timeout ignores vote requests of a higher term, so a server
 * that was partitioned away cannot depose a working leader. A leadership transfer
 * is the deliberate exception.
 */
export function ignoresHigherTerm(r: Raft, m: Message): boolean {
  if (m.type !== 'RequestVote' && m.type !== 'PreVote') return false;
  if (m.type === 'RequestVote' && m.transfer) return false;
  return r.cfg.checkQuorum && heardFromLeader(r);
}

/** Answers RequestVote and PreVote of a term >= ours (step() has handled the term). */
export function handleVoteRequest(r: Raft, m: RequestVote | PreVote): void {
  const canVote =
    m.type === 'RequestVote'
      ? // §5.2: at most one vote per term, first-come-first-served (repeats are fine).
        r.vote === m.from || (r.vote === NONE && r.lead === NONE)
      : // Thesis §9.6: grant a pre-vote only if we have not heard from a leader
        // within an election timeout; the term is hypothetical, so no vote is recorded.
        m.term > r.term && !heardFromLeader(r);
  // §5.4.1: only a candidate whose log is at least as up to date as ours.
  const granted =
    canVote &&
    // BUG (vote-without-log-check): skipping §5.4.1 lets a stale log win and erase commits.
    (r.cfg.bugs.has('vote-without-log-check') || r.log.isUpToDate(m.lastLogIndex, m.lastLogTerm));
  if (m.type === 'RequestVote') {
    if (granted) {
      // The vote reaches the hard state in the same Ready as this response, and
      // the caller persists it before sending (Figure 2).
      r.vote = m.from;
      r.electionElapsed = 0;
    }
    r.send({ type: 'RequestVoteResponse', to: m.from, voteGranted: granted, from: r.id, term: r.term });
  } else {
    // A granted pre-vote answers at the proposed term; a refusal at ours, so a
    // pre-candidate that is behind learns the current term.
    const term = granted ? m.term : r.term;
    r.send({ type: 'PreVoteResponse', to: m.from, voteGranted: granted, term, from: r.id });
  }
}

export function handleVoteResponse(r: Raft, m: RequestVoteResponse | PreVoteResponse): void {
  const kind: CampaignKind = r.role === 'precandidate' ? 'pre-vote' : 'election';
  if ((kind === 'pre-vote') !== (m.type === 'PreVoteResponse')) return; // from an earlier round
  if (m.type === 'PreVoteResponse' && m.voteGranted && m.term !== r.term + 1) return;
  const result = poll(r, m.from, m.voteGranted);
  if (result === 'won') won(r, kind);
  else if (result === 'lost') r.becomeFollower(r.term, NONE);
}

function won(r: Raft, kind: CampaignKind): void {
  if (kind === 'pre-vote') campaign(r, 'election');
  else r.becomeLeader();
}

function poll(r: Raft, id: NodeId, granted: boolean): VoteResult {
  if (!r.votes.has(id)) r.votes.set(id, granted);
  return voteResult(r.voters, (v) => r.votes.get(v));
}

function heardFromLeader(r: Raft): boolean {
  return r.lead !== NONE && r.electionElapsed < r.cfg.electionTick;
}
