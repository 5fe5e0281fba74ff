/**
 * The core's features wired through the simulator: ReadIndex and lease reads (thesis
 * §6.4), leadership transfer (§3.10), snapshots and InstallSnapshot (§7), and
 * membership changes (§4).
 */
import { describe, expect, test } from 'vitest';
import { Simulation } from './simulation';
import { call, runUntilTrue, waitForLeader, VERIFY_REPORTS } from './testing';
import type { SimEvent } from './types';

/** A client id whose first attempt goes to node `id` (clients spread over the nodes by id). */
const clientAt = (id: number) => id;

function follower(sim: Simulation, leader: number): number {
  return sim.view().nodes.find((n) => n.id !== leader && n.up)!.id;
}

describe('reads (thesis §6.4)', () => {
  test('a linearizable read goes through ReadIndex, not the log, and is served at the commit index', () => {
    const sim = new Simulation({ seed: 21 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const put = call(sim, 1, { type: 'put', key: 'x', value: 'v1' });
    const lastIndex = sim.view().nodes.find((n) => n.id === leader)!.lastIndex;
    const types: string[] = [];
    sim.onEvent((e) => {
      if (e.type === 'message-sent') types.push(e.message.msg.type);
    });
    // Sent to a follower first: it forwards the request to the leader through the core.
    const get = call(sim, clientAt(follower(sim, leader)), {
      type: 'get',
      key: 'x',
      consistency: 'linearizable',
    });
    expect(get.status).toBe('ok');
    expect(get.result).toMatchObject({ value: 'v1', index: put.result!.index });
    expect(types).toContain('ReadIndex');
    expect(types).toContain('ReadIndexResponse');
    expect(sim.view().nodes.find((n) => n.id === leader)!.lastIndex).toBe(lastIndex);
  });

  test('a lease read is answered by the leader without a round of heartbeats', () => {
    const sim = new Simulation({ seed: 22, checkQuorum: true }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    call(sim, 1, { type: 'put', key: 'x', value: 'v1' });
    sim.runUntil(sim.now + 400_000); // a check-quorum round: the lease is established
    const get = call(sim, clientAt(leader), { type: 'get', key: 'x', consistency: 'lease' });
    expect(get.status).toBe('ok');
    expect(get.result).toMatchObject({ value: 'v1', node: leader });
  });

  test('a lease read without check-quorum fails with lease-unavailable', () => {
    const sim = new Simulation({ seed: 23, checkQuorum: false }, VERIFY_REPORTS);
    waitForLeader(sim);
    const get = call(sim, 1, { type: 'get', key: 'x', consistency: 'lease' });
    expect(get.status).toBe('fail');
    expect(get.reason).toBe('lease-unavailable');
  });

  test('a deposed leader cut off from the majority serves no linearizable read', () => {
    const sim = new Simulation({ seed: 24, checkQuorum: false, preVote: false }, VERIFY_REPORTS);
    const old = waitForLeader(sim);
    call(sim, 1, { type: 'put', key: 'x', value: 'old' });
    const others = sim
      .view()
      .nodes.map((n) => n.id)
      .filter((id) => id !== old);
    sim.input({ kind: 'partition', groups: [[old], others] });
    runUntilTrue(sim, () => sim.leader() !== 0 && sim.leader() !== old);
    call(sim, 2, { type: 'put', key: 'x', value: 'new' });
    const opId = sim.invoke(clientAt(old), { type: 'get', key: 'x', consistency: 'linearizable' });
    sim.runUntil(sim.now + 300_000);
    // The old leader cannot confirm its leadership, so it never answers; the client retries elsewhere.
    const get = sim.history().find((h) => h.opId === opId)!;
    if (get.status === 'ok') expect(get.result!.value).toBe('new');
  });
});

describe('leadership transfer (thesis §3.10)', () => {
  test('the transfer input moves leadership to the target', () => {
    const sim = new Simulation({ seed: 31 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const target = follower(sim, leader);
    sim.input({ kind: 'transfer', from: leader, to: target });
    runUntilTrue(sim, () => sim.leader() === target, 2_000_000);
    expect(sim.trace().inputs.some((i) => i.kind === 'transfer')).toBe(true);
    const replayed = Simulation.replay(sim.trace(), undefined, VERIFY_REPORTS);
    replayed.runUntil(sim.now);
    expect(replayed.leader()).toBe(target);
  });
});

describe('snapshots (paper §7)', () => {
  function fill(sim: Simulation, count: number): void {
    for (let i = 0; i < count; i++) call(sim, 1 + (i % 3), { type: 'put', key: `k${i % 4}`, value: `v${i}` });
  }

  test('nodes snapshot every snapshotEvery applied entries and compact their logs', () => {
    const sim = new Simulation({ seed: 41, snapshotEvery: 10 }, VERIFY_REPORTS);
    const taken: SimEvent[] = [];
    sim.onEvent((e) => {
      if (e.type === 'snapshot-taken') taken.push(e);
    });
    waitForLeader(sim);
    fill(sim, 25);
    sim.runUntil(sim.now + 500_000);
    expect(taken.length).toBeGreaterThan(0);
    for (const node of sim.view().nodes) {
      expect(node.snapshotIndex).toBeGreaterThanOrEqual(10);
      expect(node.snapshotIndex).toBeLessThanOrEqual(node.applied);
      expect(node.log[0].index).toBe(node.snapshotIndex + 1);
    }
    expect(sim.violations).toBe(0);
  });

  test('a crashed follower catches up through InstallSnapshot after the leader compacted', () => {
    const sim = new Simulation({ seed: 42, snapshotEvery: 0 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const lagging = follower(sim, leader);
    sim.input({ kind: 'crash', node: lagging });
    fill(sim, 12);
    sim.input({ kind: 'compact', node: leader });
    const leaderView = sim.view().nodes.find((n) => n.id === leader)!;
    expect(leaderView.snapshotIndex).toBe(leaderView.applied);
    const installed: SimEvent[] = [];
    const sent: string[] = [];
    sim.onEvent((e) => {
      if (e.type === 'snapshot-installed') installed.push(e);
      if (e.type === 'message-sent') sent.push(e.message.msg.type);
    });
    sim.input({ kind: 'restart', node: lagging });
    runUntilTrue(sim, () => installed.length > 0, 3_000_000);
    expect(sent).toContain('InstallSnapshot');
    runUntilTrue(sim, () => {
      const n = sim.view().nodes.find((x) => x.id === lagging)!;
      return n.applied >= leaderView.applied;
    });
    const caughtUp = sim.view().nodes.find((n) => n.id === lagging)!;
    expect(caughtUp.kv).toEqual(leaderView.kv);
    expect(sim.violations).toBe(0);
  });

  test('a restart from a snapshot restores the store and the session table', () => {
    const sim = new Simulation({ seed: 43, snapshotEvery: 0 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const node = follower(sim, leader);
    fill(sim, 8);
    sim.runUntil(sim.now + 300_000);
    sim.input({ kind: 'compact', node });
    const before = sim.view().nodes.find((n) => n.id === node)!;
    expect(before.snapshotIndex).toBeGreaterThan(0);
    sim.input({ kind: 'crash', node });
    sim.input({ kind: 'restart', node });
    const after = sim.view().nodes.find((n) => n.id === node)!;
    expect(after.kv).toEqual(before.kv);
    expect(after.applied).toBeGreaterThanOrEqual(before.snapshotIndex);
    expect(sim.violations).toBe(0);
  });
});

describe('membership changes (thesis §4)', () => {
  test('add-node creates node n+1, which joins as a voter and receives the data', () => {
    const sim = new Simulation({ seed: 51, nodes: 3 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    call(sim, 1, { type: 'put', key: 'x', value: 'v' });
    const { node, result } = sim.addNode();
    expect(node).toBe(4);
    expect(result).toMatchObject({ ok: true });
    expect(sim.config.nodes).toBe(4);
    // A new server has no configuration until the leader's entries reach it (§4.1).
    expect(sim.view().nodes[3].voter).toBe(false);
    runUntilTrue(sim, () => sim.view().nodes[3].kv.x === 'v', 3_000_000);
    expect(sim.view().nodes.map((n) => n.voter)).toEqual([true, true, true, true]);
    runUntilTrue(sim, () => sim.membership()?.voters.includes(4) === true);
    expect(sim.trace().config.nodes).toBe(3);
    expect(leader).toBeGreaterThan(0);
    // A trace with a membership change replays to the same cluster.
    const replayed = Simulation.replay(sim.trace(), undefined, VERIFY_REPORTS);
    replayed.runUntil(sim.now);
    expect(replayed.view().nodes.map((n) => n.kv)).toEqual(sim.view().nodes.map((n) => n.kv));
  });

  test('remove-node takes a voter out; a second change waits for the first', () => {
    const sim = new Simulation({ seed: 52, nodes: 5 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    call(sim, 1, { type: 'put', key: 'x', value: 'v' });
    const removed = follower(sim, leader);
    expect(sim.removeNode(removed)).toMatchObject({ ok: true });
    expect(sim.confChangeBlocker()).toBe('conf-change-pending');
    runUntilTrue(sim, () => sim.confChangeBlocker() === null);
    expect(sim.membership()!.voters).not.toContain(removed);
    expect(call(sim, 2, { type: 'put', key: 'y', value: 'w' }).status).toBe('ok');
    expect(sim.violations).toBe(0);
    // Each node reports whether it is a voter in its own configuration, crashed or not.
    const voters = () =>
      sim
        .view()
        .nodes.filter((n) => n.voter)
        .map((n) => n.id);
    expect(voters()).toEqual([1, 2, 3, 4, 5].filter((id) => id !== removed));
    const reported: boolean[] = [];
    sim.onEvent((e) => {
      if (e.type === 'node-state' && e.node.id === removed) reported.push(e.node.voter);
    });
    sim.input({ kind: 'crash', node: removed });
    sim.input({ kind: 'restart', node: removed });
    sim.runUntil(sim.now + 500_000);
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.every((voter) => !voter)).toBe(true);
  });

  test('the cluster stops at nine nodes', () => {
    const sim = new Simulation({ seed: 53, nodes: 9 }, VERIFY_REPORTS);
    expect(() => sim.input({ kind: 'add-node' })).toThrow(/at most 9/);
  });
});
