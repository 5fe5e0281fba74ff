/**
 * The per-role message handlers that `Raft.stepRole` picks (etcd's stepFollower,
 * stepCandidate, stepLeader). `Raft.step` has already dealt with the term (§5.1) and
 * answered vote requests; each handler routes what its role can receive to the file
 * of that concern, and drops the rest. Like every raft_*.ts file, these are functions
 * of the `Raft` they are given (see raft.ts).
 */
import type { Raft } from './raft';
import { campaign, handleVoteResponse } from './raft_election';
import { maybeFinishConfChange } from './raft_membership';
import { handleAppendEntries, handleAppendResponse } from './raft_replication';
import { handleInstallSnapshot, handleSnapshotResponse } from './raft_snapshot';
import { recvReadResponse, requestRead } from './read_only';
import type { Message } from './types';

export function stepFollower(r: Raft, m: Message): void {
  switch (m.type) {
    case 'AppendEntries':
      // The leader of our term (§5.2): restart the election timer.
      r.electionElapsed = 0;
      r.lead = m.from;
      handleAppendEntries(r, m);
      return;
    case 'InstallSnapshot':
      r.electionElapsed = 0;
      r.lead = m.from;
      handleInstallSnapshot(r, m);
      return;
    case 'TimeoutNow':
      // Thesis §3.10: the leader chose us; skip pre-vote and the election timeout.
      if (r.promotable()) campaign(r, 'transfer');
      return;
    case 'ReadIndex':
      // Thesis §6.4: only the leader can vouch for a read index; ask it.
      if (m.from === r.id)
        r.send({ type: 'ReadIndex', to: r.lead, requestId: m.requestId, from: r.id, term: r.term });
      return;
    case 'ReadIndexResponse':
      recvReadResponse(r, m.requestId, m.index);
      return;
    default:
      // Responses addressed to an earlier role of ours are dropped.
      return;
  }
}

export function stepCandidate(r: Raft, m: Message): void {
  switch (m.type) {
    case 'AppendEntries':
    case 'InstallSnapshot':
      // §5.2: an AppendEntries (or snapshot) of our term comes from the legitimate leader.
      r.becomeFollower(m.term, m.from);
      stepFollower(r, m);
      return;
    case 'RequestVoteResponse':
    case 'PreVoteResponse':
      handleVoteResponse(r, m);
      return;
    default:
      return;
  }
}

export function stepLeader(r: Raft, m: Message): void {
  switch (m.type) {
    case 'AppendEntriesResponse':
      handleAppendResponse(r, m);
      // Thesis §4.2.2: the acknowledgement may have committed a membership change.
      maybeFinishConfChange(r);
      return;
    case 'InstallSnapshotResponse':
      handleSnapshotResponse(r, m);
      return;
    case 'ReadIndex':
      requestRead(r, m.requestId, m.from);
      return;
    default:
      // Nothing else can arrive at our own term: another leader of this term would
      // violate Election Safety, and vote requests were answered in step().
      return;
  }
}
