import { describe, expect, it } from 'vitest';
import type { Entry, Message, NodeState, SimEvent } from '@raftlab/protocol';
import { Narrator, type NarrationView } from './narrate';

const node = (id: number, over: Partial<NodeState> = {}): NodeState => ({
  id,
  up: true,
  role: 'follower',
  term: 5,
  vote: 0,
  leader: 0,
  commit: 0,
  applied: 0,
  lastIndex: 0,
  snapshotIndex: 0,
  timerStart: null,
  timerEnd: null,
  progress: null,
  ...over,
});
const entries = (n: number, term: number): Entry[] =>
  Array.from({ length: n }, (_, i) => ({ index: i + 1, term, kind: 'noop' as const, data: '' }));

function view(nodes: NodeState[], logs: Record<number, Entry[]> = {}): NarrationView {
  return { nodes: Object.fromEntries(nodes.map((n) => [n.id, n])), logs, messages: {} };
}

let seq = 0;
let msgId = 0;
const sent = (msg: Message): SimEvent => ({
  type: 'message-sent',
  t: 1,
  seq: ++seq,
  message: { id: ++msgId, sentAt: 1, deliverAt: 2, msg },
});
const delivered = (id: number): SimEvent => ({ type: 'message-delivered', t: 2, seq: ++seq, id });

/** Sends and delivers a request, so the narrator knows what the answer answers. */
function deliver(n: Narrator, v: NarrationView, msg: Message): void {
  n.narrate(sent(msg), v);
  n.narrate(delivered(msgId), v);
}

const vote = (
  from: number,
  to: number,
  term: number,
  lastLogIndex: number,
  lastLogTerm: number,
): Message => ({
  type: 'RequestVote',
  from,
  to,
  term,
  lastLogIndex,
  lastLogTerm,
});

describe('Narrator', () => {
  it('explains a refused vote by the voter’s more up-to-date log (§5.4.1)', () => {
    const n = new Narrator();
    const v = view([node(2), node(3, { lastIndex: 7 })], { 3: entries(7, 4) });
    deliver(n, v, vote(2, 3, 5, 6, 4));
    const [item] = n.narrate(
      sent({ type: 'RequestVoteResponse', from: 3, to: 2, term: 5, voteGranted: false }),
      v,
    );
    expect(item.text).toMatch(/^Node 3 refused to vote for node 2 in term 5: its log is more up to date/);
    expect(item.rule).toBe('§5.4.1');
    expect(item.category).toBe('vote');
  });

  it('explains a refused vote by a vote already cast (§5.2)', () => {
    const n = new Narrator();
    const v = view([node(2), node(3, { vote: 4 })]);
    deliver(n, v, vote(2, 3, 5, 0, 0));
    const [item] = n.narrate(
      sent({ type: 'RequestVoteResponse', from: 3, to: 2, term: 5, voteGranted: false }),
      v,
    );
    expect(item.text).toBe(
      'Node 3 refused to vote for node 2 in term 5: it already voted for node 4 in this term',
    );
    expect(item.rule).toBe('§5.2');
  });

  it('names the voters of a new leader (§5.2)', () => {
    const n = new Narrator();
    const v = view([node(1, { role: 'candidate', term: 4 }), node(2), node(4)]);
    for (const voter of [4, 2]) {
      n.narrate(sent({ type: 'RequestVoteResponse', from: voter, to: 1, term: 4, voteGranted: true }), v);
    }
    const [item] = n.narrate(
      { type: 'node-state', t: 3, seq: ++seq, node: node(1, { role: 'leader', term: 4 }) },
      v,
    );
    expect(item.text).toBe('Node 1 became leader in term 4 with votes from 1, 2 and 4');
    expect(item.rule).toBe('§5.2');
  });

  it('tells of a leader’s commit (§5.4.2), not a follower’s', () => {
    const n = new Narrator();
    const v = view([node(1, { role: 'leader', commit: 6 }), node(2, { commit: 6 })]);
    const [item] = n.narrate(
      { type: 'node-state', t: 3, seq: ++seq, node: node(1, { role: 'leader', commit: 7 }) },
      v,
    );
    expect(item.text).toBe('Entry 7 committed on a majority by leader 1');
    expect(item.rule).toBe('§5.4.2');
    expect(n.narrate({ type: 'node-state', t: 3, seq: ++seq, node: node(2, { commit: 7 }) }, v)).toEqual([]);
  });

  it('explains a failed consistency check: a missing entry or a conflicting term (§5.3)', () => {
    const n = new Narrator();
    const append = (prevLogIndex: number, prevLogTerm: number): Message => ({
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 5,
      prevLogIndex,
      prevLogTerm,
      entries: [{ index: prevLogIndex + 1, term: 5, kind: 'noop', data: '' }],
      leaderCommit: 0,
    });
    const reject: Message = {
      type: 'AppendEntriesResponse',
      from: 2,
      to: 1,
      term: 5,
      success: false,
      matchIndex: 0,
    };
    const v = view([node(1, { role: 'leader' }), node(2, { lastIndex: 5 })], { 2: entries(5, 3) });
    deliver(n, v, append(6, 4));
    expect(n.narrate(sent(reject), v)[0].text).toBe('Node 2 rejected AppendEntries: no entry at index 6');
    deliver(n, v, append(5, 4));
    expect(n.narrate(sent(reject), v)[0].text).toBe(
      'Node 2 rejected AppendEntries: its entry at index 5 has term 3, not 4',
    );
  });

  it('files heartbeats apart so the feed can hide them', () => {
    const n = new Narrator();
    const v = view([node(1), node(2)]);
    const hb: Message = {
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 5,
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [],
      leaderCommit: 0,
    };
    expect(n.narrate(sent(hb), v)[0].category).toBe('heartbeat');
    n.narrate(delivered(msgId), v);
    const ok: Message = {
      type: 'AppendEntriesResponse',
      from: 2,
      to: 1,
      term: 5,
      success: true,
      matchIndex: 0,
    };
    expect(n.narrate(sent(ok), v)[0].category).toBe('heartbeat');
  });

  it('reads out the heartbeat round trips the server tallied, one sentence per leader', () => {
    const n = new Narrator();
    const items = n.heartbeats([
      { leader: 1, follower: 3, count: 4, lastAt: 90 },
      { leader: 1, follower: 2, count: 5, lastAt: 80 },
      { leader: 4, follower: 5, count: 1, lastAt: 70 },
    ]);
    expect(items.map((i) => [i.t, i.category, i.rule, i.text, i.nodes])).toEqual([
      [
        90,
        'heartbeat',
        '§5.2',
        'Node 1 sent heartbeats to nodes 2 and 3 and each was answered (9 round trips)',
        [1, 3, 2],
      ],
      [
        70,
        'heartbeat',
        '§5.2',
        'Node 4 sent heartbeats to node 5 and each was answered (1 round trip)',
        [4, 5],
      ],
    ]);
  });

  it('remembers a bounded number of messages', () => {
    const n = new Narrator();
    const v = view([node(1), node(2)]);
    for (let i = 0; i < 5000; i++) n.narrate(sent(vote(1, 2, 1, 0, 0)), v);
    // The oldest are forgotten: a drop of one of them cannot be narrated.
    expect(
      n.narrate({ type: 'message-dropped', t: 1, seq: ++seq, id: msgId - 4999, reason: 'loss' }, v),
    ).toEqual([]);
    expect(
      n.narrate({ type: 'message-dropped', t: 1, seq: ++seq, id: msgId, reason: 'loss' }, v),
    ).toHaveLength(1);
  });
});
