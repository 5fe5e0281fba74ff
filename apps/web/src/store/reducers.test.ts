import { describe, expect, it } from 'vitest';
import type { HistoryOp } from '@raftlab/protocol';
import { createRaftStore } from './store';
import { COMMIT_ANNOUNCE_GAP_MS } from './slices/announcer';
import { appendEntries, truncateLog } from './slices/logs';
import {
  selectLeader,
  selectLeaderId,
  selectLinkState,
  selectUncheckedCompletions,
  nodeLabel,
} from './selectors';
import { clock, entry, events, heartbeat, nodeView, snapshot } from './testing';
import { BOUNDS } from './types';

describe('applySnapshot', () => {
  it('replaces nodes, logs, links and clock, sorting node ids', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 42);
    const s = store.getState();
    expect(s.clusterId).toBe('abc');
    expect(s.nodeIds).toEqual([1, 2, 3]);
    expect(s.logs[1].map((e) => e.index)).toEqual([1, 2]);
    expect(s.clock).toEqual({ ...clock, receivedAt: 42 });
    expect(selectLinkState(s, 1, 2)).toBe('one-way');
    expect(selectLinkState(s, 2, 3)).toBe('up');
    expect('log' in s.nodes[1]).toBe(false);
  });

  it('a resync drops messages and links the old snapshot had', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot({ messages: [heartbeat(7, 1, 2)] }), 0);
    expect(Object.keys(store.getState().messages)).toEqual(['7']);
    store.getState().applySnapshot(snapshot({ linksDown: [] }), 1);
    expect(store.getState().messages).toEqual({});
    expect(store.getState().linksDown).toEqual({});
  });
});

describe('applyEvents', () => {
  it('appends, overwrites a conflicting suffix, and truncates logs', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 0);
    store
      .getState()
      .applyEvents(events({ type: 'log-appended', t: 1, node: 1, entries: [entry(3, 1), entry(4, 1)] }), 1);
    expect(store.getState().logs[1].map((e) => e.index)).toEqual([1, 2, 3, 4]);
    // A new leader's entry at index 3 replaces 3 and 4 (Log Matching).
    store.getState().applyEvents(events({ type: 'log-appended', t: 2, node: 1, entries: [entry(3, 2)] }), 2);
    expect(store.getState().logs[1].map((e) => [e.index, e.term])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
    ]);
    store.getState().applyEvents(events({ type: 'log-truncated', t: 3, node: 1, fromIndex: 2, term: 2 }), 3);
    expect(store.getState().logs[1].map((e) => e.index)).toEqual([1]);
    // The deleted suffix is kept briefly so the log view can flash it out.
    expect(store.getState().truncations.at(-1)).toMatchObject({
      node: 1,
      entries: [{ index: 2 }, { index: 3 }],
    });
  });

  it('drops entries covered by a snapshot from the log view, taken or installed (§7)', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 0);
    store.getState().applyEvents(events({ type: 'snapshot-taken', t: 2, node: 1, index: 1, term: 1 }), 2);
    expect(store.getState().logs[1].map((e) => e.index)).toEqual([2]);
    store.getState().applyEvents(events({ type: 'snapshot-installed', t: 3, node: 1, index: 2, term: 1 }), 3);
    expect(store.getState().logs[1]).toEqual([]);
    store.getState().applyEvents(events({ type: 'node-added', t: 4, node: 4 }), 4);
    expect(store.getState().announcements.at(-1)?.text).toBe('Node 4 joined the cluster');
  });

  it("takes pending operations' stages from a snapshot, for a viewer that joins mid-operation", () => {
    const store = createRaftStore();
    const proposed = { node: 2, index: 7, term: 3 };
    store
      .getState()
      .applySnapshot({ ...snapshot(), stages: [{ opId: 4, attempt: 2, node: 2, proposed }] }, 0);
    expect(store.getState().stages).toEqual({ 4: { attempt: 2, node: 2, proposed } });
  });

  it('narrates events into bounded feeds and samples terms and commits for the charts', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 0);
    store.getState().applyEvents(events({ type: 'node-crashed', t: 1, node: 3 }), 0);
    for (let i = 0; i < BOUNDS.heartbeats + 5; i++) {
      store
        .getState()
        .applyEvents(events({ type: 'message-sent', t: i * 30_000, message: heartbeat(i, 1, 2) }), i);
    }
    const s = store.getState();
    expect(s.heartbeats).toHaveLength(BOUNDS.heartbeats);
    expect(s.heartbeats.at(-1)?.text).toMatch(/^Node 1 sent a heartbeat to node 2/);
    // Heartbeats have a ring of their own: they never push the crash out of the feed.
    expect(s.feed.map((item) => item.text)).toEqual([expect.stringMatching(/^Node 3 crashed/)]);
    expect(s.samples).toHaveLength(1); // every frame had the same clock
    store.getState().applyEvents({ ...events(), clock: { ...clock, now: 500_000 } }, 1);
    expect(store.getState().samples.map((p) => p.t)).toEqual([2_000, 500_000]);
    expect(store.getState().samples.at(-1)?.terms).toEqual({ 1: 1, 2: 1, 3: 1 });
  });

  it("joins a leader's AppendEntries to each follower into one sentence, within one batch only", () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 0);
    const append = (id: number, to: number) => ({
      ...heartbeat(id, 1, to),
      msg: { ...heartbeat(id, 1, to).msg, prevLogIndex: 2, prevLogTerm: 1, entries: [entry(3, 1)] },
    });
    const sent = (id: number, to: number) => ({
      type: 'message-sent' as const,
      t: 3_000,
      message: append(id, to),
    });
    store
      .getState()
      .applyEvents(events(sent(1, 2), sent(2, 3), { type: 'node-crashed', t: 3_000, node: 2 }), 1);
    store.getState().applyEvents(events(sent(3, 2), sent(4, 3), sent(5, 2)), 2);
    expect(store.getState().feed.map((item) => [item.text, item.nodes])).toEqual([
      ['Node 1 sent entry 3 to nodes 2 and 3 after index 2 (term 1)', [1, 2, 3]],
      [expect.stringMatching(/^Node 2 crashed/), [2]],
      ['Node 1 sent entry 3 to nodes 2 and 3 after index 2 (term 1)', [1, 2, 3]],
      // A second message to node 2 (a retry) is news of its own.
      ['Node 1 sent entry 3 to node 2 after index 2 (term 1)', [1, 2]],
    ]);
  });

  it('tracks a message from sent to delivered, and records a drop', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 0);
    store
      .getState()
      .applyEvents(
        events(
          { type: 'message-sent', t: 1_000, message: heartbeat(1, 1, 2) },
          { type: 'message-sent', t: 1_000, message: heartbeat(2, 1, 3) },
        ),
        1,
      );
    expect(Object.keys(store.getState().messages).sort()).toEqual(['1', '2']);
    store
      .getState()
      .applyEvents(
        events(
          { type: 'message-delivered', t: 21_000, id: 1 },
          { type: 'message-dropped', t: 11_000, id: 2, reason: 'link-down' },
        ),
        2,
      );
    const s = store.getState();
    expect(s.messages).toEqual({});
    expect(s.drops).toHaveLength(1);
    expect(s.drops[0]).toMatchObject({ t: 11_000, reason: 'link-down', message: { id: 2 } });
  });

  it('keeps the record of drops bounded', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 0);
    for (let i = 0; i < BOUNDS.drops + 10; i++) {
      store
        .getState()
        .applyEvents(
          events(
            { type: 'message-sent', t: 1, message: heartbeat(i, 1, 2) },
            { type: 'message-dropped', t: 2, id: i, reason: 'node-down' },
          ),
          i,
        );
    }
    expect(store.getState().drops).toHaveLength(BOUNDS.drops);
  });

  it('cuts and restores directed links', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 0);
    store.getState().applyEvents(events({ type: 'link-changed', t: 1, from: 2, to: 1, up: false }), 1);
    expect(selectLinkState(store.getState(), 1, 2)).toBe('cut');
    store
      .getState()
      .applyEvents(
        events(
          { type: 'link-changed', t: 2, from: 1, to: 2, up: true },
          { type: 'link-changed', t: 2, from: 2, to: 1, up: true },
        ),
        2,
      );
    expect(selectLinkState(store.getState(), 1, 2)).toBe('up');
  });

  it('announces a new leader once, and crashes and restarts', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 0);
    const leader = { ...nodeView(3, { role: 'leader', term: 4 }) };
    const { log: _log, kv: _kv, ...state } = leader;
    store.getState().applyEvents(events({ type: 'node-state', t: 1, node: state }), 1);
    store.getState().applyEvents(events({ type: 'node-state', t: 2, node: { ...state, commit: 1 } }), 2);
    expect(selectLeaderId(store.getState())).toBe(3);
    store.getState().applyEvents(events({ type: 'node-crashed', t: 3, node: 3 }), 3);
    expect(selectLeader(store.getState())).toBeNull();
    expect(nodeLabel(store.getState().nodes[3])).toBe('Node 3, crashed, term 4');
    store.getState().applyEvents(events({ type: 'node-restarted', t: 4, node: 3 }), 4);
    expect(store.getState().announcements.map((a) => a.text)).toEqual([
      'Node 3 became leader in term 4',
      'Entry 1 committed in term 4',
      'Node 3 crashed',
      'Node 3 restarted',
    ]);
  });

  it('announces commits once per batch, coalesced over COMMIT_ANNOUNCE_GAP_MS', () => {
    const store = createRaftStore();
    // The snapshot's commit index is not news.
    store.getState().applySnapshot(snapshot({ nodes: [nodeView(1, { commit: 4, term: 2 })] }), 0);
    const at = (id: number, commit: number) => {
      const { log: _log, kv: _kv, ...node } = nodeView(id, { commit, term: 2 });
      return { type: 'node-state' as const, t: 1, node };
    };
    const texts = () => store.getState().announcements.map((a) => a.text);
    store.getState().applyEvents(events(at(1, 4), at(2, 4)), 100);
    expect(texts()).toEqual([]);
    // Three nodes learn a new commit index in one batch: one sentence.
    store.getState().applyEvents(events(at(1, 6), at(2, 6), at(3, 5)), 200);
    expect(texts()).toEqual(['Entries up to 6 committed in term 2']);
    // Inside the gap: held back, not lost.
    store.getState().applyEvents(events(at(1, 7)), 200 + COMMIT_ANNOUNCE_GAP_MS - 1);
    store.getState().applyEvents(events(at(1, 9)), 200 + COMMIT_ANNOUNCE_GAP_MS - 1);
    expect(texts()).toHaveLength(1);
    store.getState().applyEvents(events(), 200 + COMMIT_ANNOUNCE_GAP_MS);
    expect(texts()).toEqual(['Entries up to 6 committed in term 2', 'Entries up to 9 committed in term 2']);
    store.getState().applyEvents(events(at(2, 10)), 200 + 2 * COMMIT_ANNOUNCE_GAP_MS);
    expect(texts().at(-1)).toBe('Entry 10 committed in term 2');
  });

  it('counts the completed operations the last history check did not see', () => {
    const store = createRaftStore();
    const op = (opId: number, done: boolean): HistoryOp => ({
      opId,
      clientId: opId,
      op: { type: 'delete', key: 'x' },
      invokedAt: 1,
      completedAt: done ? 2 : null,
      status: done ? 'ok' : 'pending',
    });
    store.getState().applySnapshot({ ...snapshot(), history: [op(1, true), op(2, false), op(3, true)] }, 0);
    // Before any check, every completion is unseen.
    expect(selectUncheckedCompletions(store.getState())).toBe(2);
    store
      .getState()
      .checkFinished({ status: 'linearizable', checkedOps: 3, message: '' }, { maxOpId: 3, pending: [2] });
    expect(selectUncheckedCompletions(store.getState())).toBe(0);
    // Op 2 was pending when checked, op 4 is newer: both are news once they complete.
    store.getState().applyEvents(events({ type: 'client-completed', t: 3, opId: 2, status: 'unknown' }), 1);
    expect(selectUncheckedCompletions(store.getState())).toBe(1);
    store
      .getState()
      .applyEvents(
        events(
          { type: 'client-invoked', t: 4, opId: 4, clientId: 4, op: { type: 'delete', key: 'y' } },
          { type: 'client-completed', t: 5, opId: 4, status: 'fail' },
        ),
        2,
      );
    expect(selectUncheckedCompletions(store.getState())).toBe(2);
  });

  it('takes the clock of every frame', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 0);
    store.getState().applyEvents(events(), 99);
    expect(store.getState().clock).toEqual({ ...clock, now: 2_000, receivedAt: 99 });
  });

  it('records client invocations and completions in the history', () => {
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot(), 0);
    store.getState().applyEvents(
      events({
        type: 'client-invoked',
        t: 5,
        opId: 1,
        clientId: 9,
        op: { type: 'put', key: 'x', value: '1' },
      }),
      1,
    );
    store.getState().applyEvents(
      events({
        type: 'client-completed',
        t: 9,
        opId: 1,
        status: 'ok',
        result: { value: '1', index: 3, term: 1, node: 1 },
      }),
      2,
    );
    expect(store.getState().history).toEqual([
      expect.objectContaining({ opId: 1, status: 'ok', invokedAt: 5, completedAt: 9 }),
    ]);
  });
});

describe('log helpers', () => {
  it('appendEntries keeps the newest entries only', () => {
    const log = Array.from({ length: BOUNDS.logEntriesPerNode }, (_, i) => entry(i + 1, 1));
    const next = appendEntries(log, [entry(BOUNDS.logEntriesPerNode + 1, 2)]);
    expect(next).toHaveLength(BOUNDS.logEntriesPerNode);
    expect(next[0].index).toBe(2);
    expect(next[next.length - 1].term).toBe(2);
  });

  it('appendEntries before the first kept index replaces everything', () => {
    expect(appendEntries([entry(5, 1), entry(6, 1)], [entry(4, 3)]).map((e) => e.index)).toEqual([4]);
  });

  it('truncateLog removes fromIndex and later', () => {
    expect(truncateLog([entry(1, 1), entry(2, 1), entry(3, 1)], 2).map((e) => e.index)).toEqual([1]);
  });
});

describe('safety violations', () => {
  it('come from the snapshot, then from events, and are announced', () => {
    const violation = {
      invariant: 'election-safety' as const,
      message: 'two leaders in term 2',
      nodes: [1, 2],
      term: 2,
    };
    const store = createRaftStore();
    store.getState().applySnapshot(snapshot({ violations: [violation] }), 0);
    expect(store.getState().violations).toEqual([violation]);
    store.getState().applyEvents(events({ type: 'invariant-violated', violation, t: 5 }), 0);
    expect(store.getState().violations).toHaveLength(2);
    expect(store.getState().announcements.at(-1)?.text).toMatch(/Safety violation: two leaders/);
  });
});
