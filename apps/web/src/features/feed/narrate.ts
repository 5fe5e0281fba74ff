/**
 * The event feed's narrator: turns simulator events into sentences a student can follow,
 * each citing the rule of the Raft paper (Ongaro & Ousterhout 2014) or thesis it follows.
 *
 * Theory of operation. Events carry facts, not reasons: a vote response says only
 * `voteGranted: false`. The reason is recovered from what the responder knew when it
 * answered — the request it had just received (remembered per directed link as it is
 * delivered), its term and vote, and its last log entry — read from the state *before*
 * the event is applied. The narrator keeps only bounded memory: the most recent messages
 * by id, the last request delivered on each link, and the votes of recent elections.
 */
import {
  invariantInfo,
  type Entry,
  type HeartbeatTally,
  type Message,
  type NodeState,
  type SimEvent,
} from '@raftlab/protocol';
import type { FeedCategory, FeedGroup, FeedItem } from './feedItem';

export type { FeedCategory, FeedGroup, FeedItem } from './feedItem';

/** What the narrator reads of the dashboard's state (before the event is applied). */
export interface NarrationView {
  nodes: Record<number, NodeState>;
  logs: Record<number, Entry[]>;
  messages: Record<number, { msg: Message }>;
}

/** Messages remembered by id, for events that name only the id. */
const RECENT_MESSAGES = 4096;
const VOTE_ROUNDS = 64;

type EventOf<K extends SimEvent['type']> = Extract<SimEvent, { type: K }>;

const list = (ids: Iterable<number>): string => {
  const sorted = [...ids].sort((a, b) => a - b);
  if (sorted.length <= 1) return sorted.join('');
  return `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
};

const range = (from: number, to: number): string => (from === to ? `entry ${from}` : `entries ${from}–${to}`);

function lastEntry(view: NarrationView, node: number): { index: number; term: number } {
  const log = view.logs[node];
  const last = log && log.length > 0 ? log[log.length - 1] : undefined;
  return last ? { index: last.index, term: last.term } : { index: view.nodes[node]?.lastIndex ?? 0, term: 0 };
}

function entryAt(view: NarrationView, node: number, index: number): Entry | undefined {
  const log = view.logs[node];
  if (!log || log.length === 0) return undefined;
  return log[index - log[0].index];
}

function describeOp(op: EventOf<'client-invoked'>['op']): string {
  switch (op.type) {
    case 'put':
      return `put ${op.key} = ${op.value}`;
    case 'get':
      return `get ${op.key} (${op.consistency})`;
    case 'delete':
      return `delete ${op.key}`;
    case 'cas':
      return `cas ${op.key} = ${op.value} if ${op.expected === null ? 'absent' : op.expected}`;
  }
}

export class Narrator {
  private seq = 0;
  private recent = new Map<number, Message>();
  /** The last request delivered on each directed link `from-to`, by request type. */
  private lastRequest = new Map<string, Message>();
  /** Voters per `candidate-term`, the candidate included. */
  private votes = new Map<string, Set<number>>();
  private invoked = new Map<number, { clientId: number; text: string }>();

  /** Forgets everything (after a resync snapshot). */
  reset(messages: Iterable<{ msg: Message; id: number }>): void {
    this.recent.clear();
    this.lastRequest.clear();
    this.votes.clear();
    for (const m of messages) this.remember(m.id, m.msg);
  }

  /** Sentences for one event, given the state before it. */
  narrate(event: SimEvent, view: NarrationView): FeedItem[] {
    const out: FeedItem[] = [];
    const say: Say = (category, text, rule, nodes, group) =>
      out.push({ id: ++this.seq, t: event.t, category, text, rule, nodes, ...(group ? { group } : {}) });
    switch (event.type) {
      case 'message-sent':
        this.remember(event.message.id, event.message.msg);
        this.sent(event.message.msg, view, say);
        break;
      case 'message-delivered': {
        const msg = this.recent.get(event.id) ?? view.messages[event.id]?.msg;
        if (msg && isRequest(msg)) this.lastRequest.set(`${msg.from}-${msg.to}-${msg.type}`, msg);
        break;
      }
      case 'message-dropped': {
        const msg = this.recent.get(event.id) ?? view.messages[event.id]?.msg;
        if (!msg) break;
        const why =
          event.reason === 'link-down'
            ? 'the link is down'
            : event.reason === 'loss'
              ? 'the link lost it'
              : `node ${msg.to} is down`;
        const category = msg.type === 'AppendEntries' && msg.entries.length === 0 ? 'heartbeat' : 'network';
        say(category, `${msg.type} from node ${msg.from} to node ${msg.to} was lost: ${why}`, '§5.1', [
          msg.from,
          msg.to,
        ]);
        break;
      }
      case 'node-state':
        this.nodeState(event, view, say);
        break;
      case 'log-truncated':
        say(
          'replication',
          `Node ${event.node} deleted its conflicting entries from index ${event.fromIndex} on`,
          '§5.3',
          [event.node],
        );
        break;
      case 'node-crashed':
        say('fault', `Node ${event.node} crashed: only its term, vote and log survive`, 'Figure 2', [
          event.node,
        ]);
        break;
      case 'node-restarted':
        say('fault', `Node ${event.node} restarted as a follower from its persistent state`, '§5.1', [
          event.node,
        ]);
        break;
      case 'snapshot-taken':
        say(
          'replication',
          `Node ${event.node} took a snapshot at index ${event.index} (term ${event.term}) and compacted its log`,
          '§7',
          [event.node],
        );
        break;
      case 'snapshot-installed':
        say(
          'replication',
          `Node ${event.node} installed the leader's snapshot up to index ${event.index} (term ${event.term})`,
          '§7',
          [event.node],
        );
        break;
      case 'node-added':
        say(
          'fault',
          `Node ${event.node} joined the cluster; it becomes a voter once its addition commits`,
          '§4.1 (thesis)',
          [event.node],
        );
        break;
      case 'link-changed':
        say(
          'network',
          `Link from node ${event.from} to node ${event.to} ${event.up ? 'restored' : 'cut'}`,
          '§5.1',
          [event.from, event.to],
        );
        break;
      case 'link-quality-changed': {
        const q = event.quality;
        const latency = q.latency ? `, latency ${q.latency.minUs / 1000}–${q.latency.maxUs / 1000} ms` : '';
        say(
          'network',
          `Link from node ${event.from} to node ${event.to} now loses ${Math.round(q.loss * 100)}% and duplicates ${Math.round(q.duplicate * 100)}%${latency}`,
          '§5.1',
          [event.from, event.to],
        );
        break;
      }
      case 'client-invoked': {
        const text = describeOp(event.op);
        this.invoked.set(event.opId, { clientId: event.clientId, text });
        if (this.invoked.size > 512) this.invoked.delete(this.invoked.keys().next().value as number);
        say('client', `Client ${event.clientId} invoked ${text}`, '§8', []);
        break;
      }
      case 'client-completed': {
        const op = this.invoked.get(event.opId);
        this.invoked.delete(event.opId);
        const who = op ? `Client ${op.clientId}'s ${op.text}` : `Operation ${event.opId}`;
        const r = event.result;
        const where = r ? ` at index ${r.index} (term ${r.term}, node ${r.node})` : '';
        const text =
          event.status === 'ok'
            ? `${who} succeeded${where}`
            : event.status === 'fail'
              ? `${who} failed${event.reason ? `: ${event.reason}` : ''}`
              : `${who} timed out: it may or may not have taken effect`;
        say('client', text, event.status === 'unknown' ? '§6.3 (thesis)' : '§8', r ? [r.node] : []);
        break;
      }
      case 'invariant-violated': {
        const { title, section } = invariantInfo(event.violation.invariant);
        say(
          'safety',
          `Safety violated — ${title}: ${event.violation.message}`,
          section,
          event.violation.nodes,
        );
        break;
      }
      default:
        break;
    }
    return out;
  }

  /**
   * One sentence per leader for the heartbeat round trips the server counted instead of
   * streaming (they began and ended between two frames).
   */
  heartbeats(tallies: readonly HeartbeatTally[]): FeedItem[] {
    const byLeader = new Map<number, { followers: number[]; count: number; t: number }>();
    for (const h of tallies) {
      const sum = byLeader.get(h.leader) ?? { followers: [], count: 0, t: 0 };
      sum.followers.push(h.follower);
      sum.count += h.count;
      sum.t = Math.max(sum.t, h.lastAt);
      byLeader.set(h.leader, sum);
    }
    return [...byLeader].map(([leader, { followers, count, t }]) => ({
      id: ++this.seq,
      t,
      category: 'heartbeat',
      text: `Node ${leader} sent heartbeats to ${followers.length === 1 ? 'node' : 'nodes'} ${list(followers)} and each was answered (${count} round ${count === 1 ? 'trip' : 'trips'})`,
      rule: '§5.2',
      nodes: [leader, ...followers],
    }));
  }

  private remember(id: number, msg: Message): void {
    this.recent.set(id, msg);
    if (this.recent.size > RECENT_MESSAGES) this.recent.delete(this.recent.keys().next().value as number);
  }

  private sent(msg: Message, view: NarrationView, say: Say): void {
    const pair = [msg.from, msg.to];
    switch (msg.type) {
      case 'RequestVote':
        say(
          'vote',
          `Node ${msg.from} asked node ${msg.to} for its vote in term ${msg.term} (last entry ${msg.lastLogIndex}, term ${msg.lastLogTerm})`,
          '§5.2',
          pair,
        );
        break;
      case 'PreVote':
        say(
          'vote',
          `Node ${msg.from} asked node ${msg.to} whether it would vote for it in term ${msg.term} (pre-vote)`,
          '§9.6',
          pair,
        );
        break;
      case 'RequestVoteResponse':
      case 'PreVoteResponse':
        this.voteAnswer(msg, view, say);
        break;
      case 'AppendEntries':
        if (msg.entries.length === 0) {
          say(
            'heartbeat',
            `Node ${msg.from} sent a heartbeat to node ${msg.to} (term ${msg.term}, leaderCommit ${msg.leaderCommit})`,
            '§5.2',
            pair,
          );
        } else {
          const first = msg.entries[0].index;
          const last = msg.entries[msg.entries.length - 1].index;
          const phrase = (to: number[]) =>
            `Node ${msg.from} sent ${range(first, last)} to ${nodeWord(to)} ${list(to)} after index ${msg.prevLogIndex} (term ${msg.prevLogTerm})`;
          say('replication', phrase([msg.to]), '§5.3', pair, {
            key: `sent ${msg.from} ${first} ${last} ${msg.prevLogIndex} ${msg.prevLogTerm}`,
            members: [msg.to],
            phrase,
          });
        }
        break;
      case 'AppendEntriesResponse':
        this.appendAnswer(msg, view, say);
        break;
      case 'InstallSnapshot':
        say(
          'replication',
          `Node ${msg.from} sent node ${msg.to} a snapshot up to index ${msg.lastIncludedIndex} (term ${msg.lastIncludedTerm})`,
          '§7',
          pair,
        );
        break;
      case 'InstallSnapshotResponse':
        say(
          'replication',
          `Node ${msg.from} installed the snapshot up to index ${msg.matchIndex}`,
          '§7',
          pair,
        );
        break;
      case 'TimeoutNow':
        say(
          'election',
          `Node ${msg.from} told node ${msg.to} to start an election now (leadership transfer)`,
          '§3.10 (thesis)',
          pair,
        );
        break;
      case 'ReadIndex':
        say('client', `Node ${msg.from} asked leader ${msg.to} for a read index`, '§6.4 (thesis)', pair);
        break;
      case 'ReadIndexResponse':
        say(
          'client',
          `Leader ${msg.from} confirmed its leadership and gave node ${msg.to} read index ${msg.index}`,
          '§6.4 (thesis)',
          pair,
        );
        break;
    }
  }

  private voteAnswer(
    msg: Extract<Message, { type: 'RequestVoteResponse' | 'PreVoteResponse' }>,
    view: NarrationView,
    say: Say,
  ): void {
    const voter = msg.from;
    const candidate = msg.to;
    const pre = msg.type === 'PreVoteResponse';
    const pair = [voter, candidate];
    if (msg.voteGranted) {
      if (!pre) {
        const key = `${candidate}-${msg.term}`;
        const voters = this.votes.get(key) ?? new Set([candidate]);
        voters.add(voter);
        this.votes.set(key, voters);
        if (this.votes.size > VOTE_ROUNDS) this.votes.delete(this.votes.keys().next().value as string);
      }
      say(
        'vote',
        pre
          ? `Node ${voter} would vote for node ${candidate} in term ${msg.term} (pre-vote)`
          : `Node ${voter} voted for node ${candidate} in term ${msg.term}`,
        pre ? '§9.6' : '§5.2',
        pair,
      );
      return;
    }
    const request = this.lastRequest.get(`${candidate}-${voter}-${pre ? 'PreVote' : 'RequestVote'}`);
    const node = view.nodes[voter];
    const term = request?.term ?? msg.term;
    const verb = pre
      ? `Node ${voter} would not vote for node ${candidate} in term ${term}`
      : `Node ${voter} refused to vote for node ${candidate} in term ${term}`;
    const mine = lastEntry(view, voter);
    if (node && request && request.term < node.term) {
      say('vote', `${verb}: its own term ${node.term} is newer`, '§5.1', pair);
    } else if (
      request &&
      'lastLogTerm' in request &&
      (request.lastLogTerm < mine.term ||
        (request.lastLogTerm === mine.term && request.lastLogIndex < mine.index))
    ) {
      say(
        'vote',
        `${verb}: its log is more up to date (entry ${mine.index}, term ${mine.term} against ${request.lastLogIndex}, term ${request.lastLogTerm})`,
        '§5.4.1',
        pair,
      );
    } else if (pre && node && node.leader > 0) {
      say('vote', `${verb}: it still hears from leader ${node.leader}`, '§9.6', pair);
    } else if (!pre && node && node.vote > 0 && node.vote !== candidate && node.term === term) {
      say('vote', `${verb}: it already voted for node ${node.vote} in this term`, '§5.2', pair);
    } else {
      say('vote', verb, pre ? '§9.6' : '§5.2', pair);
    }
  }

  private appendAnswer(
    msg: Extract<Message, { type: 'AppendEntriesResponse' }>,
    view: NarrationView,
    say: Say,
  ): void {
    const follower = msg.from;
    const leader = msg.to;
    const pair = [follower, leader];
    const request = this.lastRequest.get(`${leader}-${follower}-AppendEntries`);
    const heartbeat = request?.type === 'AppendEntries' && request.entries.length === 0;
    if (msg.success) {
      if (heartbeat) {
        say('heartbeat', `Node ${follower} answered node ${leader}'s heartbeat`, '§5.2', pair);
      } else {
        const phrase = (followers: number[]) =>
          followers.length === 1
            ? `Node ${follower} accepted node ${leader}'s entries: its log matches up to index ${msg.matchIndex}`
            : `Nodes ${list(followers)} accepted node ${leader}'s entries: their logs match up to index ${msg.matchIndex}`;
        say('replication', phrase([follower]), '§5.3', pair, {
          key: `accepted ${leader} ${msg.matchIndex}`,
          members: [follower],
          phrase,
        });
      }
      return;
    }
    const node = view.nodes[follower];
    if (request?.type !== 'AppendEntries') {
      say('replication', `Node ${follower} rejected AppendEntries from node ${leader}`, '§5.3', pair);
      return;
    }
    if (node && request.term < node.term) {
      say(
        'replication',
        `Node ${follower} rejected AppendEntries from node ${leader}: term ${request.term} is stale, its own is ${node.term}`,
        '§5.1',
        pair,
      );
      return;
    }
    const prev = request.prevLogIndex;
    const have = entryAt(view, follower, prev);
    const lastIndex = node?.lastIndex ?? lastEntry(view, follower).index;
    const reason =
      prev > lastIndex
        ? `no entry at index ${prev}`
        : `its entry at index ${prev} has term ${have?.term ?? msg.conflictTerm ?? '?'}, not ${request.prevLogTerm}`;
    say('replication', `Node ${follower} rejected AppendEntries: ${reason}`, '§5.3', pair);
  }

  private nodeState(event: EventOf<'node-state'>, view: NarrationView, say: Say): void {
    const next = event.node;
    const before = view.nodes[next.id];
    const id = next.id;
    if (!before) return;
    if (next.role !== before.role || next.term !== before.term) {
      if (next.role === 'leader' && (before.role !== 'leader' || before.term !== next.term)) {
        const voters = this.votes.get(`${id}-${next.term}`) ?? new Set([id]);
        say(
          'election',
          `Node ${id} became leader in term ${next.term} with votes from ${list(voters)}`,
          '§5.2',
          [id],
        );
      } else if (next.role === 'candidate' && before.role !== 'candidate') {
        say(
          'election',
          `Node ${id} timed out and became a candidate in term ${next.term}, voting for itself`,
          '§5.2',
          [id],
        );
      } else if (next.role === 'candidate') {
        say('election', `Node ${id}'s election split: it tries again in term ${next.term}`, '§5.2', [id]);
      } else if (next.role === 'precandidate') {
        say(
          'election',
          `Node ${id} timed out and asks whether it could win before raising its term (pre-vote)`,
          '§9.6',
          [id],
        );
      } else if (before.role !== 'follower' && next.role === 'follower') {
        const why = next.term > before.term ? `it saw the newer term ${next.term}` : 'it lost the election';
        say('election', `Node ${id} stepped down to follower: ${why}`, '§5.1', [id]);
      } else if (next.term > before.term) {
        say('election', `Node ${id} adopted term ${next.term}`, '§5.1', [id]);
      }
    }
    if (next.role === 'leader' && next.commit > before.commit && next.term === before.term) {
      const first = before.commit + 1;
      const text = first === next.commit ? `Entry ${next.commit}` : `Entries ${first}–${next.commit}`;
      say('commit', `${text} committed on a majority by leader ${id}`, '§5.4.2', [id]);
    }
  }
}

type Say = (category: FeedCategory, text: string, rule: string, nodes: number[], group?: FeedGroup) => void;

const nodeWord = (ids: readonly number[]): string => (ids.length === 1 ? 'node' : 'nodes');

const isRequest = (msg: Message): boolean =>
  msg.type === 'RequestVote' || msg.type === 'PreVote' || msg.type === 'AppendEntries';
