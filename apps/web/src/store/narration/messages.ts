/**
 * Narration of the messages: each request as it is sent, each answer with its reason,
 * each loss, and the heartbeat round trips the server counted instead of streaming.
 *
 * Events carry facts, not reasons: a vote response says only `voteGranted: false`. The
 * reason is recovered from what the responder knew when it answered — the request it had
 * just received (remembered per directed link as it is delivered), its term and vote, and
 * its last log entry — read from the state *before* the event is applied.
 */
import type { Entry, HeartbeatTally, Message } from '@raftlab/protocol';
import type { EventHandlers, FrameDraft } from '../draft';
import type { RaftState } from '../types';
import { groupText, type GroupSentence } from './feedItem';
import { lastRequest, messageById, recordVote, rememberMessage, rememberRequest } from './memory';
import { list } from './phrases';
import { say } from './say';

export const messageNarration: EventHandlers = {
  'message-sent': (d, e) => {
    rememberMessage(d, e.message);
    sent(d, e.t, e.message.msg);
  },
  'message-delivered': (d, e) => {
    const msg = messageById(d.s, e.id);
    if (msg && isRequest(msg)) rememberRequest(d, msg);
  },
  'message-dropped': (d, e) => {
    const msg = messageById(d.s, e.id);
    if (!msg) return;
    const why = {
      'link-down': 'the link is down',
      loss: 'the link lost it',
      'node-down': `node ${msg.to} is down`,
      manual: 'dropped by hand',
    }[e.reason];
    const category = msg.type === 'AppendEntries' && msg.entries.length === 0 ? 'heartbeat' : 'network';
    say(
      d,
      e.t,
      category,
      `${msg.type} from node ${msg.from} to node ${msg.to} was lost: ${why}`,
      '§5.1',
      [msg.from, msg.to],
      {
        burst: { kind: 'dropped', reason: e.reason },
      },
    );
  },
  'message-delayed': (d, e) => {
    const msg = messageById(d.s, e.id);
    if (!msg) return;
    const at = (e.deliverAt / 1e6).toFixed(3);
    say(
      d,
      e.t,
      'network',
      `${msg.type} from node ${msg.from} to node ${msg.to} delayed by hand: it arrives at ${at} s`,
      '§5.1',
      [msg.from, msg.to],
    );
  },
};

/**
 * One sentence per leader for the heartbeat round trips the server counted instead of
 * streaming (they began and ended between two frames).
 */
export function narrateHeartbeats(d: FrameDraft, tallies: readonly HeartbeatTally[]): void {
  const byLeader = new Map<number, { followers: number[]; count: number; t: number }>();
  for (const h of tallies) {
    const sum = byLeader.get(h.leader) ?? { followers: [], count: 0, t: 0 };
    sum.followers.push(h.follower);
    sum.count += h.count;
    sum.t = Math.max(sum.t, h.lastAt);
    byLeader.set(h.leader, sum);
  }
  for (const [leader, { followers, count, t }] of byLeader) {
    say(
      d,
      t,
      'heartbeat',
      `Node ${leader} sent heartbeats to ${followers.length === 1 ? 'node' : 'nodes'} ${list(followers)} and each was answered (${count} round ${count === 1 ? 'trip' : 'trips'})`,
      '§5.2',
      [leader, ...followers],
    );
  }
}

function lastEntry(s: RaftState, node: number): { index: number; term: number } {
  const log = s.logs[node];
  const last = log && log.length > 0 ? log[log.length - 1] : undefined;
  return last ? { index: last.index, term: last.term } : { index: s.nodes[node]?.lastIndex ?? 0, term: 0 };
}

function entryAt(s: RaftState, node: number, index: number): Entry | undefined {
  const log = s.logs[node];
  if (!log || log.length === 0) return undefined;
  return log[index - log[0].index];
}

const isRequest = (msg: Message): boolean =>
  msg.type === 'RequestVote' || msg.type === 'PreVote' || msg.type === 'AppendEntries';

/** A sentence that joins with the next like it (`joinFeedItems`), said of one node. */
function sayGrouped(
  d: FrameDraft,
  t: number,
  key: string,
  sentence: GroupSentence,
  member: number,
  pair: number[],
) {
  const members = [member];
  say(d, t, 'replication', groupText(sentence, members), '§5.3', pair, { group: { key, members, sentence } });
}

function sent(d: FrameDraft, t: number, msg: Message): void {
  const pair = [msg.from, msg.to];
  switch (msg.type) {
    case 'RequestVote':
      say(
        d,
        t,
        'vote',
        `Node ${msg.from} asked node ${msg.to} for its vote in term ${msg.term} (last entry ${msg.lastLogIndex}, term ${msg.lastLogTerm})`,
        '§5.2',
        pair,
      );
      break;
    case 'PreVote':
      say(
        d,
        t,
        'vote',
        `Node ${msg.from} asked node ${msg.to} whether it would vote for it in term ${msg.term} (pre-vote)`,
        '§9.6',
        pair,
      );
      break;
    case 'RequestVoteResponse':
    case 'PreVoteResponse':
      voteAnswer(d, t, msg);
      break;
    case 'AppendEntries':
      if (msg.entries.length === 0) {
        say(
          d,
          t,
          'heartbeat',
          `Node ${msg.from} sent a heartbeat to node ${msg.to} (term ${msg.term}, leaderCommit ${msg.leaderCommit})`,
          '§5.2',
          pair,
        );
      } else {
        const first = msg.entries[0].index;
        const last = msg.entries[msg.entries.length - 1].index;
        const { prevLogIndex, prevLogTerm } = msg;
        const key = `sent ${msg.from} ${first} ${last} ${prevLogIndex} ${prevLogTerm}`;
        const sentence = { kind: 'sent', leader: msg.from, first, last, prevLogIndex, prevLogTerm } as const;
        sayGrouped(d, t, key, sentence, msg.to, pair);
      }
      break;
    case 'AppendEntriesResponse':
      appendAnswer(d, t, msg);
      break;
    case 'InstallSnapshot':
      say(
        d,
        t,
        'replication',
        `Node ${msg.from} sent node ${msg.to} a snapshot up to index ${msg.lastIncludedIndex} (term ${msg.lastIncludedTerm})`,
        '§7',
        pair,
      );
      break;
    case 'InstallSnapshotResponse':
      say(
        d,
        t,
        'replication',
        `Node ${msg.from} installed the snapshot up to index ${msg.matchIndex}`,
        '§7',
        pair,
      );
      break;
    case 'TimeoutNow':
      say(
        d,
        t,
        'election',
        `Node ${msg.from} told node ${msg.to} to start an election now (leadership transfer)`,
        '§3.10 (thesis)',
        pair,
      );
      break;
    case 'ReadIndex':
      say(d, t, 'client', `Node ${msg.from} asked leader ${msg.to} for a read index`, '§6.4 (thesis)', pair);
      break;
    case 'ReadIndexResponse':
      say(
        d,
        t,
        'client',
        `Leader ${msg.from} confirmed its leadership and gave node ${msg.to} read index ${msg.index}`,
        '§6.4 (thesis)',
        pair,
      );
      break;
  }
}

function voteAnswer(
  d: FrameDraft,
  t: number,
  msg: Extract<Message, { type: 'RequestVoteResponse' | 'PreVoteResponse' }>,
): void {
  const voter = msg.from;
  const candidate = msg.to;
  const pre = msg.type === 'PreVoteResponse';
  const pair = [voter, candidate];
  if (msg.voteGranted) {
    if (!pre) recordVote(d, candidate, msg.term, voter);
    say(
      d,
      t,
      'vote',
      pre
        ? `Node ${voter} would vote for node ${candidate} in term ${msg.term} (pre-vote)`
        : `Node ${voter} voted for node ${candidate} in term ${msg.term}`,
      pre ? '§9.6' : '§5.2',
      pair,
    );
    return;
  }
  const s = d.s;
  const request = lastRequest(s, candidate, voter, pre ? 'PreVote' : 'RequestVote');
  const node = s.nodes[voter];
  const term = request?.term ?? msg.term;
  const verb = pre
    ? `Node ${voter} would not vote for node ${candidate} in term ${term}`
    : `Node ${voter} refused to vote for node ${candidate} in term ${term}`;
  const mine = lastEntry(s, voter);
  if (node && request && request.term < node.term) {
    say(d, t, 'vote', `${verb}: its own term ${node.term} is newer`, '§5.1', pair);
  } else if (
    request &&
    'lastLogTerm' in request &&
    (request.lastLogTerm < mine.term ||
      (request.lastLogTerm === mine.term && request.lastLogIndex < mine.index))
  ) {
    say(
      d,
      t,
      'vote',
      `${verb}: its log is more up to date (entry ${mine.index}, term ${mine.term} against ${request.lastLogIndex}, term ${request.lastLogTerm})`,
      '§5.4.1',
      pair,
    );
  } else if (pre && node && node.leader > 0) {
    say(d, t, 'vote', `${verb}: it still hears from leader ${node.leader}`, '§9.6', pair);
  } else if (!pre && node && node.vote > 0 && node.vote !== candidate && node.term === term) {
    say(d, t, 'vote', `${verb}: it already voted for node ${node.vote} in this term`, '§5.2', pair);
  } else {
    say(d, t, 'vote', verb, pre ? '§9.6' : '§5.2', pair);
  }
}

function appendAnswer(
  d: FrameDraft,
  t: number,
  msg: Extract<Message, { type: 'AppendEntriesResponse' }>,
): void {
  const follower = msg.from;
  const leader = msg.to;
  const pair = [follower, leader];
  const s = d.s;
  const request = lastRequest(s, leader, follower, 'AppendEntries');
  const heartbeat = request?.type === 'AppendEntries' && request.entries.length === 0;
  if (msg.success) {
    if (heartbeat) {
      say(d, t, 'heartbeat', `Node ${follower} answered node ${leader}'s heartbeat`, '§5.2', pair);
    } else {
      const sentence = { kind: 'accepted', leader, matchIndex: msg.matchIndex } as const;
      sayGrouped(d, t, `accepted ${leader} ${msg.matchIndex}`, sentence, follower, pair);
    }
    return;
  }
  const node = s.nodes[follower];
  if (request?.type !== 'AppendEntries') {
    say(d, t, 'replication', `Node ${follower} rejected AppendEntries from node ${leader}`, '§5.3', pair);
    return;
  }
  if (node && request.term < node.term) {
    say(
      d,
      t,
      'replication',
      `Node ${follower} rejected AppendEntries from node ${leader}: term ${request.term} is stale, its own is ${node.term}`,
      '§5.1',
      pair,
    );
    return;
  }
  const prev = request.prevLogIndex;
  const have = entryAt(s, follower, prev);
  const lastIndex = node?.lastIndex ?? lastEntry(s, follower).index;
  const reason =
    prev > lastIndex
      ? `no entry at index ${prev}`
      : `its entry at index ${prev} has term ${have?.term ?? msg.conflictTerm ?? '?'}, not ${request.prevLogTerm}`;
  say(d, t, 'replication', `Node ${follower} rejected AppendEntries: ${reason}`, '§5.3', pair);
}
