/**
 * Pure reducers: state + a server frame → the next state. They never read the wall
 * clock (the caller passes `receivedAt`), so the tests replay frames exactly.
 */
import type { Entry, EventsFrame, HistoryOp, NodeState, SimEvent, SnapshotFrame } from '@raftlab/protocol';
import { joinFeedItems, type FeedItem } from '../features/feed/feedItem';
import { Narrator } from '../features/feed/narrate';
import { BOUNDS, linkKey, type Announcement, type ChartSample, type KvBase, type RaftState } from './types';

type EventOf<K extends SimEvent['type']> = Extract<SimEvent, { type: K }>;

export function initialState(): RaftState {
  return {
    clusterId: null,
    connection: 'idle',
    clock: { now: 0, speed: 0, paused: true, receivedAt: 0 },
    config: null,
    nodeIds: [],
    nodes: {},
    logs: {},
    messages: {},
    drops: [],
    linksDown: {},
    history: [],
    stages: {},
    results: [],
    selected: null,
    announcements: [],
    commitAnnounced: { index: 0, at: Number.NEGATIVE_INFINITY },
    check: { checking: false, verdict: null, covered: { maxOpId: 0, pending: [] }, error: null },
    violations: [],
    notice: null,
    snapshotSeq: 0,
    feed: [],
    heartbeats: [],
    narrator: new Narrator(),
    highlighted: [],
    highlightIndex: null,
    truncations: [],
    kvBase: {},
    samples: [],
    elections: [],
  };
}

/** Replaces everything the server owns with the snapshot's contents. */
export function reduceSnapshot(
  state: RaftState,
  frame: SnapshotFrame,
  receivedAt: number,
): Partial<RaftState> {
  const nodes: Record<number, NodeState> = {};
  const logs: Record<number, Entry[]> = {};
  const kvBase: Record<number, KvBase> = {};
  for (const { log, kv, ...node } of frame.view.nodes) {
    nodes[node.id] = node;
    logs[node.id] = log.slice(-BOUNDS.logEntriesPerNode);
    kvBase[node.id] = { kv, applied: node.applied };
  }
  const messages: RaftState['messages'] = {};
  for (const m of frame.view.messages) messages[m.id] = m;
  const linksDown: RaftState['linksDown'] = {};
  for (const [from, to] of frame.view.linksDown) linksDown[linkKey(from, to)] = true;
  const nodeIds = frame.view.nodes.map((n) => n.id).sort((a, b) => a - b);
  state.narrator.reset(frame.view.messages);
  return {
    kvBase,
    truncations: [],
    highlighted: state.highlighted.filter((id) => nodes[id]),
    clusterId: frame.clusterId,
    clock: { ...frame.clock, receivedAt },
    config: frame.view.config,
    nodeIds,
    nodes,
    logs,
    messages,
    drops: [],
    linksDown,
    history: frame.history.slice(-BOUNDS.history),
    stages: Object.fromEntries((frame.stages ?? []).map(({ opId, ...stage }) => [opId, stage])),
    // What was committed before the viewer arrived is not news.
    commitAnnounced: { index: highestCommit(nodes).index, at: state.commitAnnounced.at },
    violations: frame.view.violations.slice(0, BOUNDS.violations),
    selected: state.selected !== null && nodes[state.selected] ? state.selected : null,
    snapshotSeq: state.snapshotSeq + 1,
  };
}

/** Working copies: each slice is copied at most once per frame, and only if touched. */
class Draft {
  private copied = new Set<string>();
  readonly announce: string[] = [];
  readonly feed: FeedItem[] = [];
  readonly heartbeats: FeedItem[] = [];
  truncated = false;
  elected = false;
  constructor(public s: RaftState) {
    this.s = { ...s };
  }
  edit<K extends 'nodes' | 'logs' | 'messages' | 'linksDown' | 'stages'>(key: K): RaftState[K] {
    if (!this.copied.has(key)) {
      this.copied.add(key);
      this.s[key] = { ...this.s[key] };
    }
    return this.s[key];
  }
  list<K extends 'drops' | 'history' | 'violations' | 'truncations' | 'elections'>(key: K): RaftState[K] {
    if (!this.copied.has(key)) {
      this.copied.add(key);
      this.s[key] = [...this.s[key]] as RaftState[K];
    }
    return this.s[key];
  }
}

/**
 * Appends entries, replacing any suffix they overwrite (Log Matching: same index ⇒ replace).
 * Invariant: a log is ascending and contiguous, so an index is found by arithmetic.
 */
export function appendEntries(log: Entry[], entries: Entry[]): Entry[] {
  if (entries.length === 0) return log;
  const first = entries[0].index;
  const kept = log.length > 0 && log[0].index >= first ? [] : truncateLog(log, first);
  const next = kept.concat(entries);
  return next.length > BOUNDS.logEntriesPerNode ? next.slice(-BOUNDS.logEntriesPerNode) : next;
}

/** Removes entries with index >= fromIndex. */
export function truncateLog(log: Entry[], fromIndex: number): Entry[] {
  if (log.length === 0) return log;
  const keep = Math.max(0, Math.min(log.length, fromIndex - log[0].index));
  return keep === log.length ? log : log.slice(0, keep);
}

const handlers: { [K in SimEvent['type']]: (d: Draft, e: EventOf<K>) => void } = {
  'message-sent': (d, e) => {
    d.edit('messages')[e.message.id] = e.message;
  },
  'message-delivered': (d, e) => {
    delete d.edit('messages')[e.id];
  },
  'message-dropped': (d, e) => {
    const message = d.s.messages[e.id];
    if (message) d.list('drops').push({ message, t: e.t, reason: e.reason });
    delete d.edit('messages')[e.id];
  },
  'node-state': (d, e) => {
    const before = d.s.nodes[e.node.id];
    if (e.node.role === 'leader' && (before?.role !== 'leader' || before.term !== e.node.term)) {
      d.announce.push(`Node ${e.node.id} became leader in term ${e.node.term}`);
      d.list('elections').push({ t: e.t, node: e.node.id, term: e.node.term });
    }
    d.edit('nodes')[e.node.id] = e.node;
    if (!d.s.nodeIds.includes(e.node.id)) d.s.nodeIds = [...d.s.nodeIds, e.node.id].sort((a, b) => a - b);
  },
  'log-appended': (d, e) => {
    const logs = d.edit('logs');
    logs[e.node] = appendEntries(logs[e.node] ?? [], e.entries);
  },
  'log-truncated': (d, e) => {
    const logs = d.edit('logs');
    const log = logs[e.node] ?? [];
    const kept = truncateLog(log, e.fromIndex);
    if (kept.length < log.length) {
      d.list('truncations').push({ id: ++truncationSeq, node: e.node, entries: log.slice(kept.length) });
    }
    logs[e.node] = kept;
  },
  'snapshot-taken': (d, e) => {
    compacted(d, e.node, e.index);
  },
  'snapshot-installed': (d, e) => {
    compacted(d, e.node, e.index);
  },
  'node-added': (d, e) => {
    d.announce.push(`Node ${e.node} joined the cluster`);
  },
  'node-crashed': (d, e) => {
    const node = d.s.nodes[e.node];
    if (node) d.edit('nodes')[e.node] = { ...node, up: false, timerStart: null, timerEnd: null };
    d.announce.push(`Node ${e.node} crashed`);
  },
  'node-restarted': (d, e) => {
    const node = d.s.nodes[e.node];
    if (node) d.edit('nodes')[e.node] = { ...node, up: true };
    d.announce.push(`Node ${e.node} restarted`);
  },
  'link-changed': (d, e) => {
    const links = d.edit('linksDown');
    if (e.up) delete links[linkKey(e.from, e.to)];
    else links[linkKey(e.from, e.to)] = true;
  },
  'link-quality-changed': () => {
    // Drawn from the narration only; loss and latency show in the messages themselves.
  },
  'client-invoked': (d, e) => {
    const op: HistoryOp = {
      opId: e.opId,
      clientId: e.clientId,
      op: e.op,
      invokedAt: e.t,
      completedAt: null,
      status: 'pending',
    };
    d.list('history').push(op);
  },
  'invariant-violated': (d, e) => {
    d.list('violations').push(e.violation);
    d.announce.push(`Safety violation: ${e.violation.message}`);
  },
  'client-attempt': (d, e) => {
    d.edit('stages')[e.opId] = { attempt: e.attempt, node: e.node, proposed: null };
  },
  'client-proposed': (d, e) => {
    const stage = d.s.stages[e.opId];
    const proposed = { node: e.node, index: e.index, term: e.term };
    d.edit('stages')[e.opId] = { attempt: stage?.attempt ?? 1, node: stage?.node ?? e.node, proposed };
  },
  'client-completed': (d, e) => {
    delete d.edit('stages')[e.opId];
    const history = d.list('history');
    const i = history.findLastIndex((h) => h.opId === e.opId);
    if (i >= 0) history[i] = { ...history[i], completedAt: e.t, status: e.status, result: e.result };
  },
};

/** Entries up to `index` are in the node's snapshot now, so its log view starts after it (§7). */
function compacted(d: Draft, node: number, index: number): void {
  const logs = d.edit('logs');
  const log = logs[node] ?? [];
  logs[node] = log.filter((e) => e.index > index);
}

/**
 * Appends `item`, or joins it with the last one (a leader's entries to eight followers
 * are one sentence, not eight). Only within one batch: in slow motion a batch holds a
 * moment and each follower's answer shows as it comes; at 10× a quarter of a second,
 * and the feed gets a readable line per step of the protocol rather than forty.
 */
function pushJoined(feed: FeedItem[], item: FeedItem): void {
  const joined = joinFeedItems(feed[feed.length - 1], item);
  if (joined) feed[feed.length - 1] = joined;
  else feed.push(item);
}

let announcementSeq = 0;
let truncationSeq = 0;

/** Applies one batch of events and the clock that came with it. */
export function reduceEvents(state: RaftState, frame: EventsFrame, receivedAt: number): Partial<RaftState> {
  const d = new Draft(state);
  for (const event of frame.events) {
    for (const item of state.narrator.narrate(event, d.s)) {
      if (item.category === 'heartbeat') d.heartbeats.push(item);
      else pushJoined(d.feed, item);
    }
    (handlers[event.type] as (d: Draft, e: SimEvent) => void)(d, event);
  }
  if (frame.heartbeats) d.heartbeats.push(...state.narrator.heartbeats(frame.heartbeats));
  const s = d.s;
  s.clock = { ...frame.clock, receivedAt };
  if (d.feed.length > 0) s.feed = s.feed.concat(d.feed).slice(-BOUNDS.feed);
  if (d.heartbeats.length > 0) {
    s.heartbeats = s.heartbeats.concat(d.heartbeats.slice(-BOUNDS.heartbeats)).slice(-BOUNDS.heartbeats);
  }
  if (s.truncations.length > BOUNDS.truncations) s.truncations = s.truncations.slice(-BOUNDS.truncations);
  if (s.elections.length > BOUNDS.elections) s.elections = s.elections.slice(-BOUNDS.elections);
  s.samples = addSample(s, frame.clock.now);
  if (s.drops.length > BOUNDS.drops) s.drops = s.drops.slice(-BOUNDS.drops);
  if (s.violations.length > BOUNDS.violations) s.violations = s.violations.slice(0, BOUNDS.violations);
  if (s.history.length > BOUNDS.history) s.history = s.history.slice(-BOUNDS.history);
  s.messages = boundMessages(s.messages);
  announceCommit(d, receivedAt);
  if (d.announce.length > 0) {
    const added: Announcement[] = d.announce.map((text) => ({ id: ++announcementSeq, text }));
    s.announcements = [...s.announcements, ...added].slice(-BOUNDS.announcements);
  }
  return s;
}

/**
 * Commits are read out at most once per this many wall ms: with continuous writes the
 * commit index moves with nearly every batch, and a screen reader that spoke each one
 * would never get to an election or a crash. An advance inside the gap is not lost: it
 * is announced with the first batch after the gap.
 */
export const COMMIT_ANNOUNCE_GAP_MS = 3000;

/** The highest commit index any node knows, and the term of the node that knows it. */
export function highestCommit(nodes: Record<number, NodeState>): { index: number; term: number } {
  let best = { index: 0, term: 0 };
  for (const n of Object.values(nodes)) {
    if (n.commit > best.index || (n.commit === best.index && n.term > best.term)) {
      best = { index: n.commit, term: n.term };
    }
  }
  return best;
}

/** One coalesced sentence for however far the commit index moved since it was last read out. */
function announceCommit(d: Draft, receivedAt: number): void {
  const last = d.s.commitAnnounced;
  if (receivedAt - last.at < COMMIT_ANNOUNCE_GAP_MS) return;
  const top = highestCommit(d.s.nodes);
  if (top.index <= last.index) return;
  d.announce.push(
    top.index === last.index + 1
      ? `Entry ${top.index} committed in term ${top.term}`
      : `Entries up to ${top.index} committed in term ${top.term}`,
  );
  d.s.commitAnnounced = { index: top.index, at: receivedAt };
}

/** Keeps at most BOUNDS.messages records, dropping those due soonest (they are the stalest). */
function boundMessages(messages: RaftState['messages']): RaftState['messages'] {
  const ids = Object.keys(messages);
  if (ids.length <= BOUNDS.messages) return messages;
  const sorted = Object.values(messages).sort((a, b) => b.deliverAt - a.deliverAt);
  const kept: RaftState['messages'] = {};
  for (const m of sorted.slice(0, BOUNDS.messages)) kept[m.id] = m;
  return kept;
}

/** Wall-independent chart sampling: at most one point per SAMPLE_GAP_US of virtual time. */
const SAMPLE_GAP_US = 20_000;

function addSample(s: RaftState, t: number): ChartSample[] {
  const last = s.samples[s.samples.length - 1];
  if (last && t - last.t < SAMPLE_GAP_US && t >= last.t) return s.samples;
  const terms: Record<number, number> = {};
  let commit = 0;
  for (const id of s.nodeIds) {
    const n = s.nodes[id];
    if (!n) continue;
    terms[id] = n.term;
    commit = Math.max(commit, n.commit);
  }
  const kept = last && t < last.t ? [] : s.samples;
  return [...kept.slice(-(BOUNDS.samples - 1)), { t, terms, commit }];
}
