/**
 * Leadership transfer (thesis §3.10), leader side. The leader
 *   1. stops accepting proposals, so the target can catch up with a log that no
 *      longer grows;
 *   2. brings the target's log up to date with ordinary AppendEntries;
 *   3. sends TimeoutNow once the target's matchIndex equals its last index, so the
 *      target starts an election at once and, holding the whole log, wins it;
 *   4. gives up after an election timeout, so a target that is down or too slow does
 *      not leave the cluster without a leader that accepts proposals.
 * The target's side (an immediate election with `transfer: true`) is in raft_election.ts.
 */
import type { Raft } from './raft';
import { NONE, type NodeId, type TransferResult } from './types';

export class LeaderTransfer {
  /** The target of the transfer in progress, or NONE. */
  transferee: NodeId = NONE;

  constructor(private readonly raft: Raft) {}

  start(to: NodeId): TransferResult {
    const r = this.raft;
    if (!r.voters.includes(to)) return { ok: false, error: 'not-a-voter' };
    if (to === r.id || to === this.transferee) return { ok: true };
    this.transferee = to;
    // Step 4: the transfer has one election timeout to finish (see tickHeartbeat).
    r.electionElapsed = 0;
    this.maybeSendTimeoutNow(to);
    return { ok: true };
  }

  /** Step 3, or step 2 while the target is behind. */
  maybeSendTimeoutNow(id: NodeId): void {
    const r = this.raft;
    if (id !== this.transferee) return;
    const pr = r.progress.get(id);
    if (pr && pr.match === r.log.lastIndex()) {
      r.send({ type: 'TimeoutNow', to: id, from: r.id, term: r.term });
    } else {
      r.replication.sendAppend(id, false);
    }
  }

  abort(): void {
    this.transferee = NONE;
  }
}
