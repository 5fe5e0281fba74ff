/**
 * Linearizable reads without writing to the log: ReadIndex (thesis §6.4) and lease
 * reads (§6.4.1), the leader side of etcd's read_only.go.
 *
 * A read of request `id` is safe at index `i` once (1) `i` is the leader's commit
 * index when the request arrived, (2) the leader has committed an entry of its own
 * term, so `i` covers every entry committed by earlier leaders (§6.4 step 1), and
 * (3) the leader has confirmed it was still leader after the request arrived, by a
 * round of heartbeats acknowledged by a quorum (§6.4 step 3) — or, in lease mode,
 * by trusting that check-quorum deposes it within an election timeout.
 *
 * `ReadOnly` holds the requests (`Raft.readOnly`); the functions below decide.
 * Invariant: `queue` is ordered by arrival, so also by `index`; a quorum of acks for
 * one request confirms every request queued before it too.
 */
import type { Raft } from './raft';
import { bcastHeartbeat } from './raft_replication';
import { voteResult } from './quorum';
import type { NodeId, ReadOnlyOption, ReadState } from './types';

interface ReadRequest {
  requestId: string;
  /** Who asked: ourselves (a local client) or a follower that forwarded it. */
  from: NodeId;
  index: number;
  acks: Set<NodeId>;
}

export class ReadOnly {
  /** Confirmed reads of local clients, handed out in `Ready.readStates`. */
  readStates: ReadState[] = [];
  /** Requests waiting for a quorum of heartbeat acknowledgements. */
  queue: ReadRequest[] = [];
  /** Requests that arrived before this leader committed an entry of its term. */
  waiting: { requestId: string; from: NodeId }[] = [];

  constructor(readonly option: ReadOnlyOption) {}

  /** A change of role or term drops unconfirmed requests; their clients retry. */
  reset(): void {
    this.queue = [];
    this.waiting = [];
  }
}

/** Leader: handles a read request from a local client (`from` = our id) or a follower. */
export function requestRead(r: Raft, requestId: string, from: NodeId): void {
  // §6.4 step 1: until an entry of this term is committed, our commit index may
  // lag behind what an earlier leader committed.
  if (r.log.term(r.log.committed) !== r.term) {
    r.readOnly.waiting.push({ requestId, from });
    return;
  }
  const req: ReadRequest = { requestId, from, index: r.log.committed, acks: new Set([r.id]) };
  if (r.readOnly.option === 'lease' || confirmed(r, req)) {
    respond(r, req);
    return;
  }
  r.readOnly.queue.push(req);
  bcastHeartbeat(r, requestId);
}

/** Leader: a follower answered the heartbeat of the round `requestId`. */
export function recvReadAck(r: Raft, from: NodeId, requestId: string): void {
  const queue = r.readOnly.queue;
  const at = queue.findIndex((q) => q.requestId === requestId);
  if (at < 0) return;
  const req = queue[at];
  req.acks.add(from);
  if (!confirmed(r, req)) return;
  // Everything queued before this request was confirmed by the same round.
  const done = queue.splice(0, at + 1);
  for (const q of done) respond(r, q);
}

/** Leader: the commit index advanced, so reads held back by §6.4 step 1 may proceed. */
export function readsOnCommit(r: Raft): void {
  const readOnly = r.readOnly;
  if (readOnly.waiting.length === 0) return;
  const waiting = readOnly.waiting;
  readOnly.waiting = [];
  for (const w of waiting) requestRead(r, w.requestId, w.from);
}

/** Follower: the leader answered a forwarded request. */
export function recvReadResponse(r: Raft, requestId: string, index: number): void {
  r.readOnly.readStates.push({ index, requestId });
}

function confirmed(r: Raft, req: ReadRequest): boolean {
  return voteResult(r.voters, (id) => (req.acks.has(id) ? true : undefined)) === 'won';
}

function respond(r: Raft, req: ReadRequest): void {
  if (req.from === r.id) {
    r.readOnly.readStates.push({ index: req.index, requestId: req.requestId });
  } else {
    const { requestId, index } = req;
    r.send({ type: 'ReadIndexResponse', to: req.from, requestId, index, from: r.id, term: r.term });
  }
}
