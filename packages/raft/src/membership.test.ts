/**
 * Single-server membership changes (thesis §4.1). The stories (adding a learner and
 * promoting it, removing a follower or the leader, replacing the leader, truncation,
 * snapshots) are in testdata/membership*.txt; these tests pin the API and the rules.
 */
import { describe, expect, it } from 'vitest';
import { applyConfChange, checkConfChange, decodeConfEntry, encodeConfChange } from './confchange';
import { Network } from './testing/network';
import { RawNode } from './rawnode';
import { MemoryStorage } from './storage';
import type { ConfState, Ready } from './types';

/** A 3-node cluster whose leader 1 has committed its no-op. */
function cluster(): Network {
  const net = new Network([1, 2, 3]);
  net.campaign(1);
  net.deliverAll();
  return net;
}

function drainReadies(node: RawNode, storage: MemoryStorage): Ready[] {
  const out: Ready[] = [];
  while (node.hasReady()) {
    const rd = node.ready();
    if (rd.hardState) storage.setHardState(rd.hardState);
    storage.append(rd.entries);
    out.push(rd);
    node.advance(rd);
  }
  return out;
}

describe('confchange (pure)', () => {
  const cs: ConfState = { voters: [1, 2, 3], learners: [4] };

  it('applies changes, keeping ids sorted', () => {
    expect(applyConfChange(cs, { type: 'addVoter', node: 4 })).toEqual({
      voters: [1, 2, 3, 4],
      learners: [],
    });
    expect(applyConfChange(cs, { type: 'addLearner', node: 2 })).toEqual({
      voters: [1, 3],
      learners: [2, 4],
    });
    expect(applyConfChange(cs, { type: 'removeNode', node: 4 })).toEqual({ voters: [1, 2, 3], learners: [] });
    expect(cs).toEqual({ voters: [1, 2, 3], learners: [4] });
  });

  it('refuses no-ops, the removal of the last voter and bad ids', () => {
    expect(checkConfChange(cs, { type: 'addVoter', node: 2 })).toBe('no-op');
    expect(checkConfChange(cs, { type: 'addLearner', node: 4 })).toBe('no-op');
    expect(checkConfChange(cs, { type: 'removeNode', node: 9 })).toBe('no-op');
    expect(checkConfChange({ voters: [1], learners: [] }, { type: 'removeNode', node: 1 })).toBe(
      'last-voter',
    );
    expect(checkConfChange({ voters: [1], learners: [] }, { type: 'addLearner', node: 1 })).toBe(
      'last-voter',
    );
    expect(checkConfChange(cs, { type: 'addVoter', node: 0 })).toBe('invalid-node');
    expect(checkConfChange(cs, { type: 'addVoter', node: 4 })).toBeUndefined();
  });

  it('round-trips a config entry, which carries the resulting configuration', () => {
    const change = { type: 'addVoter' as const, node: 4 };
    const data = encodeConfChange(change, applyConfChange(cs, change));
    expect(JSON.parse(data)).toMatchObject({ type: 'addVoter', node: 4 });
    expect(decodeConfEntry({ index: 5, term: 1, kind: 'config', data })).toEqual({
      change,
      confState: { voters: [1, 2, 3, 4], learners: [] },
    });
  });
});

describe('proposeConfChange', () => {
  it('is leader only', () => {
    const net = cluster();
    expect(net.node(2).proposeConfChange({ type: 'addLearner', node: 4 })).toEqual({
      ok: false,
      error: 'not-leader',
    });
  });

  it('appends a config entry with JSON {type, node}', () => {
    const net = cluster();
    const r = net.proposeConfChange(1, { type: 'addLearner', node: 4 });
    expect(r).toEqual({ ok: true, index: 2, term: 1 });
    const entry = net.log(1)[1];
    expect(entry.kind).toBe('config');
    expect(JSON.parse(entry.data)).toMatchObject({ type: 'addLearner', node: 4 });
  });

  it('allows one pending change at a time', () => {
    const net = cluster();
    net.addNode(4);
    net.addNode(5);
    expect(net.proposeConfChange(1, { type: 'addLearner', node: 4 }).ok).toBe(true);
    expect(net.proposeConfChange(1, { type: 'addLearner', node: 5 })).toEqual({
      ok: false,
      error: 'conf-change-pending',
    });
    net.deliverAll();
    expect(net.proposeConfChange(1, { type: 'addLearner', node: 5 }).ok).toBe(true);
  });

  it('waits for an entry of the leader’s term to commit (§4.1 erratum)', () => {
    const net = new Network([1, 2, 3]);
    net.campaign(1);
    net.deliverOne();
    net.deliverOne();
    net.deliverOne(); // 2's vote: 1 leads, its no-op is not committed
    expect(net.node(1).status().role).toBe('leader');
    expect(net.proposeConfChange(1, { type: 'removeNode', node: 3 })).toEqual({
      ok: false,
      error: 'term-not-committed',
    });
  });

  it('is refused during a leadership transfer, and for no-ops and the last voter', () => {
    const net = cluster();
    net.isolate(3);
    net.propose(1, 'x');
    net.deliverAll();
    net.heal();
    expect(net.transferLeader(1, 3).ok).toBe(true);
    expect(net.proposeConfChange(1, { type: 'addLearner', node: 4 })).toEqual({
      ok: false,
      error: 'transferring',
    });

    const single = new Network([1]);
    single.campaign(1);
    expect(single.proposeConfChange(1, { type: 'addVoter', node: 1 })).toEqual({ ok: false, error: 'no-op' });
    expect(single.proposeConfChange(1, { type: 'removeNode', node: 1 })).toEqual({
      ok: false,
      error: 'last-voter',
    });
  });
});

describe('configuration', () => {
  it('is reported in a Ready once, when it changes', () => {
    const storage = new MemoryStorage({ voters: [1] });
    const node = new RawNode({ id: 1, electionTick: 10, heartbeatTick: 1, random: () => 0 }, storage);
    node.campaign();
    const before = drainReadies(node, storage);
    expect(before.some((rd) => rd.confState !== undefined)).toBe(false);
    expect(node.proposeConfChange({ type: 'addLearner', node: 2 }).ok).toBe(true);
    const after = drainReadies(node, storage);
    expect(after[0].confState).toEqual({ voters: [1], learners: [2] });
    expect(after.slice(1).every((rd) => rd.confState === undefined)).toBe(true);
    expect(node.status().confState).toEqual({ voters: [1], learners: [2] });
  });

  it('counts only voters for commitment: 3 -> 4 voters needs 3 acknowledgements', () => {
    const net = cluster();
    net.addNode(4);
    net.isolate(3);
    net.isolate(4);
    net.proposeConfChange(1, { type: 'addVoter', node: 4 });
    net.deliverAll();
    expect(net.node(1).status().commit).toBe(1); // 1 and 2 are two of four
    net.heal();
    net.tick(1);
    net.deliverAll();
    expect(net.node(1).status().commit).toBe(2);
  });

  it('learners receive the log but never campaign or count', () => {
    const net = cluster();
    net.addNode(4);
    net.proposeConfChange(1, { type: 'addLearner', node: 4 });
    net.deliverAll();
    expect(net.log(4).map((e) => e.index)).toEqual([1, 2]);
    net.isolate(2);
    net.isolate(3);
    net.propose(1, 'x'); // 1 and learner 4 hold it: not a majority of voters {1, 2, 3}
    net.deliverAll();
    expect(net.node(4).status().lastIndex).toBe(3);
    expect(net.node(1).status().commit).toBe(2);
    net.tick(4, 100);
    expect(net.node(4).status().role).toBe('follower');
    expect(net.node(4).status().term).toBe(1);
  });

  it('does not count the vote of a removed server', () => {
    const net = cluster();
    net.proposeConfChange(1, { type: 'removeNode', node: 3 });
    net.deliverAll();
    net.isolate(1);
    net.campaign(2);
    const term = net.node(2).status().term;
    net.node(2).step({ type: 'RequestVoteResponse', from: 3, to: 2, term, voteGranted: true });
    net.process(2);
    expect(net.node(2).status().role).toBe('candidate');
  });

  it('records the configuration as of a snapshot index, not the latest one', () => {
    const net = cluster();
    net.proposeConfChange(1, { type: 'addLearner', node: 4 });
    net.isolate(1); // uncommitted: the snapshot at the applied index must not include it
    expect(net.node(1).status().confState).toEqual({ voters: [1, 2, 3], learners: [4] });
    expect(net.node(1).confStateAt(1)).toEqual({ voters: [1, 2, 3], learners: [] });
    const snap = net.compact(1, 'state');
    expect(snap.metadata).toMatchObject({ index: 1, confState: { voters: [1, 2, 3], learners: [] } });
    expect(() => net.node(1).confStateAt(99)).toThrow(RangeError);
  });

  it('is recovered from the log on restart, for old members and new ones', () => {
    const net = cluster();
    net.addNode(4);
    net.proposeConfChange(1, { type: 'addVoter', node: 4 });
    net.deliverAll();
    net.proposeConfChange(1, { type: 'removeNode', node: 2 });
    net.deliverAll();
    for (const id of [1, 3, 4]) {
      net.restart(id);
      expect(net.node(id).status().confState).toEqual({ voters: [1, 3, 4], learners: [] });
    }
  });
});

describe('joining and leaving', () => {
  it('a brand-new server waits passively with no voters', () => {
    const storage = new MemoryStorage();
    const node = new RawNode(
      { id: 4, voters: [], electionTick: 10, heartbeatTick: 1, random: () => 0 },
      storage,
    );
    for (let i = 0; i < 100; i++) node.tick();
    node.campaign();
    expect(node.hasReady()).toBe(false);
    expect(node.status()).toMatchObject({
      role: 'follower',
      term: 0,
      confState: { voters: [], learners: [] },
    });
  });

  it('a leader removed from the configuration steps down once it is committed (§4.2.2)', () => {
    const net = cluster();
    net.proposeConfChange(1, { type: 'removeNode', node: 1 });
    expect(net.node(1).status().role).toBe('leader');
    net.deliverAll();
    expect(net.node(1).status().role).toBe('follower');
    net.tick(1, 50);
    expect(net.queue).toEqual([]);
    for (let i = 0; i < 30 && net.leaders().length === 0; i++) {
      net.tick(2);
      net.tick(3);
      net.deliverAll();
    }
    expect(net.leaders()).toHaveLength(1);
    expect(net.leaders()[0]).not.toBe(1);
  });
});
