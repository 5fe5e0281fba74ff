/**
 * Leadership transfer (thesis §3.10), leader side. The leader
 *   1. stops accepting proposals, so the target can catch up with a log that no
 *      longer grows;
 *   2. brings the target's log up to date with ordinary AppendEntries;
 *   3. sends TimeoutNow once the target's matchIndex equals its last index, so the
 *      target starts an election at once and, holding the whole log, wins it;
 *   4. gives up after an election timeout, so a target that is down or too slow does
 *      not leave the cluster without a leader that accepts proposals.
 * The transfer in progress is `Raft.leadTransferee`; every change of role or term abandons it
 * (`Raft.reset`). The target's side (an immediate election with `transfer: true`) is in
 * raft_election.ts.
 */
import type { Raft } from './raft';
import { sendAppend } from './raft_replication';
import { NONE, type NodeId, type TransferResult } from './types';

/** Leader: steps 1 and 2 (or 3, if `to` is already up to date). */
export function startTransfer(r: Raft, to: NodeId): TransferResult {
  if (!r.voters.includes(to)) return { ok: false, error: 'not-a-voter' };
  if (to === r.id || to === r.leadTransferee) return { ok: true };
  r.leadTransferee = to;
  // Step 4: the transfer has one election timeout to finish (see tickHeartbeat).
  r.electionElapsed = 0;
  maybeSendTimeoutNow(r, to);
  return { ok: true };
}

/** Step 3, or step 2 while the target is behind. */
export function maybeSendTimeoutNow(r: Raft, id: NodeId): void {
  if (id !== r.leadTransferee) return;
  const pr = r.progress.get(id);
  if (pr && pr.match === r.log.lastIndex()) {
    r.send({ type: 'TimeoutNow', to: id, from: r.id, term: r.term });
  } else {
    sendAppend(r, id, false);
  }
}

/** Step 4, or the target left the configuration (§3.10: only a voter can take over). */
export function abortTransfer(r: Raft): void {
  r.leadTransferee = NONE;
}
