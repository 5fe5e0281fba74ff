/**
 * Narration of everything but messages: elections and commits (from node states),
 * faults, snapshots, membership, the network's links and the clients' operations, each
 * sentence citing the rule of the Raft paper (Ongaro & Ousterhout 2014) or thesis it follows.
 */
import { invariantInfo, type NodeState } from '@raftlab/protocol';
import type { EventHandlers, EventOf, FrameDraft } from '../draft';
import { becameLeader } from '../slices/cluster';
import { recallInvoked, rememberInvoked, votersOf } from './memory';
import { describeOp, list } from './phrases';
import { say } from './say';

export const eventNarration: EventHandlers = {
  'node-state': nodeState,
  'log-truncated': (d, e) => {
    say(
      d,
      e.t,
      'replication',
      `Node ${e.node} deleted its conflicting entries from index ${e.fromIndex} on`,
      '§5.3',
      [e.node],
    );
  },
  'node-crashed': (d, e) => {
    say(d, e.t, 'fault', `Node ${e.node} crashed: only its term, vote and log survive`, 'Figure 2', [e.node]);
  },
  'node-restarted': (d, e) => {
    say(d, e.t, 'fault', `Node ${e.node} restarted as a follower from its persistent state`, '§5.1', [
      e.node,
    ]);
  },
  'snapshot-taken': (d, e) => {
    say(
      d,
      e.t,
      'replication',
      `Node ${e.node} took a snapshot at index ${e.index} (term ${e.term}) and compacted its log`,
      '§7',
      [e.node],
    );
  },
  'snapshot-installed': (d, e) => {
    say(
      d,
      e.t,
      'replication',
      `Node ${e.node} installed the leader's snapshot up to index ${e.index} (term ${e.term})`,
      '§7',
      [e.node],
    );
  },
  'node-added': (d, e) => {
    say(
      d,
      e.t,
      'fault',
      `Node ${e.node} joined the cluster; it becomes a voter once its addition commits`,
      '§4.1 (thesis)',
      [e.node],
    );
  },
  'link-changed': (d, e) => {
    say(
      d,
      e.t,
      'network',
      `Link from node ${e.from} to node ${e.to} ${e.up ? 'restored' : 'cut'}`,
      '§5.1',
      [e.from, e.to],
      {
        burst: { kind: 'link', up: e.up },
      },
    );
  },
  'link-quality-changed': (d, e) => {
    const q = e.quality;
    const latency = q.latency ? `, latency ${q.latency.minUs / 1000}–${q.latency.maxUs / 1000} ms` : '';
    say(
      d,
      e.t,
      'network',
      `Link from node ${e.from} to node ${e.to} now loses ${Math.round(q.loss * 100)}% and duplicates ${Math.round(q.duplicate * 100)}%${latency}`,
      '§5.1',
      [e.from, e.to],
    );
  },
  'client-invoked': (d, e) => {
    const text = describeOp(e.op);
    rememberInvoked(d, e.opId, { clientId: e.clientId, text });
    say(d, e.t, 'client', `Client ${e.clientId} invoked ${text}`, '§8', []);
  },
  'client-completed': (d, e) => {
    const op = recallInvoked(d, e.opId);
    const who = op ? `Client ${op.clientId}'s ${op.text}` : `Operation ${e.opId}`;
    const r = e.result;
    const where = r ? ` at index ${r.index} (term ${r.term}, node ${r.node})` : '';
    const text =
      e.status === 'ok'
        ? `${who} succeeded${where}`
        : e.status === 'fail'
          ? `${who} failed${e.reason ? `: ${e.reason}` : ''}`
          : `${who} timed out: it may or may not have taken effect`;
    say(d, e.t, 'client', text, e.status === 'unknown' ? '§6.3 (thesis)' : '§8', r ? [r.node] : []);
  },
  'invariant-violated': (d, e) => {
    const { invariant, message, nodes } = e.violation;
    const { title, section } = invariantInfo(invariant);
    say(d, e.t, 'safety', `Safety violated — ${title}: ${message}`, section, nodes);
  },
};

/** Why a node stepped down to follower, and the section that says so. */
function steppedDownBecause(before: NodeState, next: NodeState): [string, string] {
  if (next.term > before.term) return [`it saw the newer term ${next.term}`, '§5.1'];
  if (before.role !== 'leader') return ['it lost the election', '§5.2'];
  // A leader steps down in its own term for two reasons only.
  if (!next.voter) return ['its removal is committed, and it is no longer a member', '§4.2.2 (thesis)'];
  return ['it heard from no majority for an election timeout (check-quorum)', '§6.2 (thesis)'];
}

/** Elections and a leader's commits, told from how a node's state differs from its last. */
function nodeState(d: FrameDraft, event: EventOf<'node-state'>): void {
  const next = event.node;
  const before = d.s.nodes[next.id];
  const id = next.id;
  if (!before) return;
  const t = event.t;
  if (next.role !== before.role || next.term !== before.term) {
    if (becameLeader(before, next)) {
      const voters = votersOf(d.s, id, next.term);
      say(
        d,
        t,
        'election',
        `Node ${id} became leader in term ${next.term} with votes from ${list(voters)}`,
        '§5.2',
        [id],
      );
    } else if (next.role === 'candidate' && before.role !== 'candidate') {
      say(
        d,
        t,
        'election',
        `Node ${id} timed out and became a candidate in term ${next.term}, voting for itself`,
        '§5.2',
        [id],
      );
    } else if (next.role === 'candidate') {
      say(d, t, 'election', `Node ${id}'s election split: it tries again in term ${next.term}`, '§5.2', [id]);
    } else if (next.role === 'precandidate') {
      say(
        d,
        t,
        'election',
        `Node ${id} timed out and asks whether it could win before raising its term (pre-vote)`,
        '§9.6',
        [id],
      );
    } else if (before.role !== 'follower' && next.role === 'follower') {
      const [why, section] = steppedDownBecause(before, next);
      say(d, t, 'election', `Node ${id} stepped down to follower: ${why}`, section, [id]);
    } else if (next.term > before.term) {
      say(d, t, 'election', `Node ${id} adopted term ${next.term}`, '§5.1', [id]);
    }
  }
  if (next.up && before.up && next.voter !== before.voter) {
    const text = next.voter
      ? `Node ${id} is a voter now: its log holds a configuration that includes it`
      : `Node ${id} is no longer a voter: its log holds a configuration without it`;
    say(d, t, 'fault', text, '§4.1 (thesis)', [id]);
  }
  if (next.role === 'leader' && next.commit > before.commit && next.term === before.term) {
    const first = before.commit + 1;
    const text = first === next.commit ? `Entry ${next.commit}` : `Entries ${first}–${next.commit}`;
    say(d, t, 'commit', `${text} committed on a majority by leader ${id}`, '§5.4.2', [id]);
  }
}
