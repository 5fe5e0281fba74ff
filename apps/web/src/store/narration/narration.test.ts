/** The narrator, through the reducers: each sentence is read from the state before its event. */
import { describe, expect, it } from 'vitest';
import type { Entry, HeartbeatTally, Message, NodeView } from '@raftlab/protocol';
import { initialState, reduceEvents, reduceSnapshot } from '../reducers';
import { events, nodeView, snapshot, type Unsequenced } from '../testing';
import type { RaftState } from '../types';
import type { FeedItem } from './feedItem';
import { RECENT_MESSAGES } from './memory';

const node = (id: number, over: Partial<NodeView> = {}): NodeView =>
  nodeView(id, { term: 5, timerStart: null, timerEnd: null, ...over });
const entries = (n: number, term: number): Entry[] =>
  Array.from({ length: n }, (_, i) => ({ index: i + 1, term, kind: 'noop' as const, data: '' }));

/** A page that has seen a snapshot of `nodes` and then the frames given to `frame`. */
class Page {
  s: RaftState;
  private msgId = 0;
  constructor(nodes: NodeView[]) {
    this.s = { ...initialState(), ...reduceSnapshot(initialState(), snapshot({ nodes, linksDown: [] }), 0) };
  }
  /** Applies one frame; returns what it narrated, in order (feed and heartbeats). */
  frame(evs: Unsequenced[], heartbeats?: HeartbeatTally[]): FeedItem[] {
    const first = this.s.nextFeedId;
    this.s = reduceEvents(this.s, { ...events(...evs), ...(heartbeats ? { heartbeats } : {}) }, 0);
    return [...this.s.feed, ...this.s.heartbeats].filter((i) => i.id >= first).sort((a, b) => a.id - b.id);
  }
  /** `msg` sent (in flight until `deliverAt`), as an event. */
  sent(msg: Message, deliverAt = 2): Unsequenced {
    return { type: 'message-sent', t: 1, message: { id: ++this.msgId, sentAt: 1, deliverAt, msg } };
  }
  get lastId(): number {
    return this.msgId;
  }
  /** Sends and delivers a request, so the narrator knows what the answer answers. */
  deliver(msg: Message): void {
    this.frame([this.sent(msg)]);
    this.frame([{ type: 'message-delivered', t: 2, id: this.msgId }]);
  }
  /** The sentences for `msg` sent. */
  say(msg: Message): FeedItem[] {
    return this.frame([this.sent(msg)]);
  }
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
const stateOf = ({ log: _log, kv: _kv, ...state }: NodeView) => state;

describe('narration', () => {
  it('explains a refused vote by the voter’s more up-to-date log (§5.4.1)', () => {
    const page = new Page([node(2), node(3, { lastIndex: 7, log: entries(7, 4) })]);
    page.deliver(vote(2, 3, 5, 6, 4));
    const [item] = page.say({ type: 'RequestVoteResponse', from: 3, to: 2, term: 5, voteGranted: false });
    expect(item.text).toMatch(/^Node 3 refused to vote for node 2 in term 5: its log is more up to date/);
    expect(item.rule).toBe('§5.4.1');
    expect(item.category).toBe('vote');
  });

  it('explains a refused vote by a vote already cast (§5.2)', () => {
    const page = new Page([node(2), node(3, { vote: 4 })]);
    page.deliver(vote(2, 3, 5, 0, 0));
    const [item] = page.say({ type: 'RequestVoteResponse', from: 3, to: 2, term: 5, voteGranted: false });
    expect(item.text).toBe(
      'Node 3 refused to vote for node 2 in term 5: it already voted for node 4 in this term',
    );
    expect(item.rule).toBe('§5.2');
  });

  it('names the voters of a new leader (§5.2)', () => {
    const page = new Page([node(1, { role: 'candidate', term: 4 }), node(2), node(4)]);
    for (const voter of [4, 2])
      page.say({ type: 'RequestVoteResponse', from: voter, to: 1, term: 4, voteGranted: true });
    const [item] = page.frame([
      { type: 'node-state', t: 3, node: stateOf(node(1, { role: 'leader', term: 4 })) },
    ]);
    expect(item.text).toBe('Node 1 became leader in term 4 with votes from 1, 2 and 4');
    expect(item.rule).toBe('§5.2');
  });

  it('tells of a leader’s commit (§5.4.2), not a follower’s', () => {
    const page = new Page([node(1, { role: 'leader', commit: 6 }), node(2, { commit: 6 })]);
    const [item] = page.frame([
      { type: 'node-state', t: 3, node: stateOf(node(1, { role: 'leader', commit: 7 })) },
    ]);
    expect(item.text).toBe('Entry 7 committed on a majority by leader 1');
    expect(item.rule).toBe('§5.4.2');
    expect(page.frame([{ type: 'node-state', t: 3, node: stateOf(node(2, { commit: 7 })) }])).toEqual([]);
  });

  it('explains a failed consistency check: a missing entry or a conflicting term (§5.3)', () => {
    const page = new Page([node(1, { role: 'leader' }), node(2, { lastIndex: 5, log: entries(5, 3) })]);
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
    page.deliver(append(6, 4));
    expect(page.say(reject)[0].text).toBe('Node 2 rejected AppendEntries: no entry at index 6');
    page.deliver(append(5, 4));
    expect(page.say(reject)[0].text).toBe(
      'Node 2 rejected AppendEntries: its entry at index 5 has term 3, not 4',
    );
  });

  it('files heartbeats apart so the feed can hide them', () => {
    const page = new Page([node(1), node(2)]);
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
    page.deliver(hb);
    expect(page.s.heartbeats.map((i) => i.category)).toEqual(['heartbeat']);
    const ok: Message = {
      type: 'AppendEntriesResponse',
      from: 2,
      to: 1,
      term: 5,
      success: true,
      matchIndex: 0,
    };
    expect(page.say(ok).map((i) => [i.category, i.text])).toEqual([
      ['heartbeat', "Node 2 answered node 1's heartbeat"],
    ]);
    expect(page.s.feed).toEqual([]);
  });

  it('reads out the heartbeat round trips the server tallied, one sentence per leader', () => {
    const items = new Page([node(1), node(2)]).frame(
      [],
      [
        { leader: 1, follower: 3, count: 4, lastAt: 90 },
        { leader: 1, follower: 2, count: 5, lastAt: 80 },
        { leader: 4, follower: 5, count: 1, lastAt: 70 },
      ],
    );
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

  it('remembers the newest messages sent, also those the store no longer holds in flight', () => {
    const page = new Page([node(1), node(2)]);
    const sent = RECENT_MESSAGES + 900;
    // Each due later than the last, so the store keeps the newest in flight and lets the oldest go.
    page.frame(Array.from({ length: sent }, (_, i) => page.sent(vote(1, 2, 1, 0, 0), 10 + i)));
    const newest = page.lastId;
    const oldest = newest - sent + 1;
    const dropped = (id: number) => page.frame([{ type: 'message-dropped', t: 1, id, reason: 'loss' }]);
    const forgotten = newest - RECENT_MESSAGES;
    const rememberedOnly = forgotten + 1;
    expect(page.s.messages[rememberedOnly]).toBeUndefined();
    expect(dropped(rememberedOnly).map((i) => i.text)).toEqual([
      'RequestVote from node 1 to node 2 was lost: the link lost it',
    ]);
    expect(dropped(newest)).toHaveLength(1);
    expect(dropped(forgotten)).toEqual([]);
    expect(dropped(oldest)).toEqual([]);
  });
  it('tells a server leaving or joining the configuration, and why a leader stepped down (thesis §4)', () => {
    const page = new Page([node(1, { role: 'leader' }), node(2), node(3)]);
    const [left] = page.frame([{ type: 'node-state', t: 3, node: stateOf(node(2, { voter: false })) }]);
    expect(left.text).toBe('Node 2 is no longer a voter: its log holds a configuration without it');
    expect(left.rule).toBe('§4.1 (thesis)');
    const [joined] = page.frame([{ type: 'node-state', t: 4, node: stateOf(node(2)) }]);
    expect(joined.text).toBe('Node 2 is a voter now: its log holds a configuration that includes it');
    // A leader that removed itself steps down in its own term once that is committed (§4.2.2).
    const removed = page.frame([{ type: 'node-state', t: 5, node: stateOf(node(1, { voter: false })) }]);
    expect(removed.map((i) => i.text)).toEqual([
      'Node 1 stepped down to follower: its removal is committed, and it is no longer a member',
      'Node 1 is no longer a voter: its log holds a configuration without it',
    ]);
  });

  it('says a leader that steps down in its own term lost touch with a majority (check-quorum)', () => {
    const page = new Page([node(1, { role: 'leader' }), node(2)]);
    const [item] = page.frame([{ type: 'node-state', t: 3, node: stateOf(node(1)) }]);
    expect(item.text).toBe(
      'Node 1 stepped down to follower: it heard from no majority for an election timeout (check-quorum)',
    );
    expect(item.rule).toBe('§6.2 (thesis)');
  });
});
