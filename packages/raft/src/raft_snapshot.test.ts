import { describe, expect, it } from 'vitest';
import { Network } from './testing/network';
import { newTestNode, storageWith } from './testing/helpers';
import type { InstallSnapshot, Snapshot } from './types';

/** 3 nodes; 3 misses entries 2..6, which the leader then compacts away. */
function laggingFollower() {
  const net = new Network([1, 2, 3]);
  net.campaign(1);
  net.deliverAll();
  net.isolate(3);
  for (const x of ['a', 'b', 'c', 'd', 'e']) net.propose(1, x);
  net.deliverAll();
  expect(net.node(1).status()).toMatchObject({ commit: 6, applied: 6 });
  net.compact(1, 'image@6');
  expect(net.node(1).status().firstIndex).toBe(7);
  net.heal();
  return net;
}

function snapshotAt(index: number, term: number): Snapshot {
  return {
    metadata: { index, term, confState: { voters: [1, 2, 3], learners: [] } },
    data: `image@${index}`,
  };
}

function install(snapshot: Snapshot): InstallSnapshot {
  const { index, term } = snapshot.metadata;
  return {
    type: 'InstallSnapshot',
    from: 2,
    to: 1,
    term,
    lastIncludedIndex: index,
    lastIncludedTerm: term,
    snapshot,
  };
}

describe('§7 log compaction and InstallSnapshot', () => {
  it('a follower behind the compacted log catches up from a snapshot, then from the log', () => {
    const net = laggingFollower();
    net.tick(1); // the heartbeat answer shows 3 is behind
    for (let i = 0; i < 4; i++) net.deliverOne(); // 3 rejects the check at index 6
    expect(net.queue).toMatchObject([
      { type: 'InstallSnapshot', to: 3, lastIncludedIndex: 6, lastIncludedTerm: 1 },
    ]);
    expect(net.node(1).status().progress[3]).toMatchObject({ state: 'snapshot', paused: true });
    net.deliverAll();
    expect(net.restored.get(3)?.data).toBe('image@6');
    expect(net.node(3).status()).toMatchObject({ commit: 6, applied: 6, firstIndex: 7, lastIndex: 6 });
    // Entries 2..6 reached 3's state machine as the image, not one by one.
    expect(net.applied.get(3)!.filter((e) => e.index > 1)).toEqual([]);
    net.propose(1, 'f');
    net.deliverAll();
    expect(net.node(1).status().progress[3]).toMatchObject({ state: 'replicate', matchIndex: 7 });
    expect(net.log(3).map((e) => e.data)).toEqual(['f']);
  });

  it('a lost snapshot is retried after an election timeout', () => {
    const net = laggingFollower();
    net.tick(1);
    for (let i = 0; i < 4; i++) net.deliverOne();
    net.dropOne(); // the InstallSnapshot is lost
    net.tick(1, 5);
    net.deliverAll();
    expect(net.node(1).status().progress[3].state).toBe('snapshot');
    net.tick(1, 5); // electionTick = 10 ticks without an answer
    net.deliverAll();
    expect(net.restored.get(3)?.metadata.index).toBe(6);
    // Back to probe: the next AppendEntries it acknowledges puts it in replicate.
    expect(net.node(1).status().progress[3]).toMatchObject({ state: 'probe', matchIndex: 6, nextIndex: 7 });
  });

  it('a follower restores: log reset to the snapshot, commit at its index, snapshot in Ready', () => {
    const { node, storage } = newTestNode(1, [1, 2, 3], {}, storageWith([1, 2, 3], [1, 1, 2], 2));
    node.step(install(snapshotAt(5, 2)));
    const rd = node.ready();
    expect(rd.snapshot?.data).toBe('image@5');
    expect(rd.committedEntries).toEqual([]);
    expect(rd.hardState).toMatchObject({ commit: 5 });
    expect(rd.messages).toMatchObject([{ type: 'InstallSnapshotResponse', to: 2, matchIndex: 5 }]);
    storage.applySnapshot(rd.snapshot!);
    node.advance(rd);
    expect(node.status()).toMatchObject({ commit: 5, applied: 5, firstIndex: 6, lastIndex: 5, lastTerm: 2 });
  });

  it('a follower ignores a snapshot at or below its commit index', () => {
    const { node, drain } = newTestNode(1, [1, 2, 3], {}, storageWith([1, 2, 3], [1, 1, 1], 1));
    node.step(install(snapshotAt(3, 1))); // only moves commit: the log holds entry 3 of term 1
    expect(drain()).toMatchObject([{ type: 'InstallSnapshotResponse', matchIndex: 3 }]);
    node.step(install(snapshotAt(2, 1)));
    const rd = node.ready();
    expect(rd.snapshot).toBeUndefined();
    expect(rd.messages).toMatchObject([{ type: 'InstallSnapshotResponse', matchIndex: 3 }]);
    expect(node.status()).toMatchObject({ commit: 3, firstIndex: 1, lastIndex: 3 });
  });

  it('a restarted node starts from its snapshot', () => {
    const net = laggingFollower();
    net.restart(1);
    expect(net.node(1).status()).toMatchObject({ commit: 6, applied: 6, firstIndex: 7, lastIndex: 6 });
    expect(net.applied.get(1)).toEqual([]);
  });
});
