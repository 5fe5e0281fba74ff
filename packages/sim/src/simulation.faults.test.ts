import { describe, expect, test } from 'vitest';
import { decodeCommand } from './kv_rules';
import { Simulation } from './simulation';
import { call, leaders, runUntilTrue, waitForLeader, VERIFY_REPORTS } from './testing';
import type { SimEvent } from './types';

const nodeView = (sim: Simulation, id: number) => sim.view().nodes.find((n) => n.id === id)!;

describe('crash and restart', () => {
  test('crash the leader: a new leader in a higher term, and a put still succeeds', () => {
    const sim = new Simulation({ seed: 21 }, VERIFY_REPORTS);
    const old = waitForLeader(sim);
    const oldTerm = nodeView(sim, old).term;
    call(sim, 1, { type: 'put', key: 'a', value: '1' });
    sim.input({ kind: 'crash', node: old });
    expect(nodeView(sim, old)).toMatchObject({ up: false, timerStart: null, kv: {} });
    const crashedAt = sim.now;
    runUntilTrue(sim, () => sim.leader() !== 0, 3_000_000);
    expect(sim.leader()).not.toBe(old);
    expect(nodeView(sim, sim.leader()).term).toBeGreaterThan(oldTerm);
    expect(sim.now - crashedAt).toBeLessThan(3_000_000);
    // Client 1's hint still points at the crashed node: it must time out and reroute.
    const put = call(sim, 1, { type: 'put', key: 'b', value: '2' });
    expect(put.status).toBe('ok');
    expect(nodeView(sim, sim.leader()).kv).toEqual({ a: '1', b: '2' });
  });

  test('messages to a crashed node are dropped as node-down', () => {
    const sim = new Simulation({ seed: 22 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const victim = leader === 1 ? 2 : 1;
    const dropped: SimEvent[] = [];
    sim.onEvent((e) => e.type === 'message-dropped' && dropped.push(e));
    sim.input({ kind: 'crash', node: victim });
    sim.runUntil(sim.now + 200_000);
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.every((e) => e.type === 'message-dropped' && e.reason === 'node-down')).toBe(true);
  });

  test('a restarted node rebuilds its state machine and catches up', () => {
    const sim = new Simulation({ seed: 23 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const victim = leader === 5 ? 4 : 5;
    call(sim, 1, { type: 'put', key: 'before', value: '1' });
    sim.runUntil(sim.now + 200_000);
    sim.input({ kind: 'crash', node: victim });
    for (let i = 0; i < 5; i++) call(sim, 1, { type: 'put', key: `k${i}`, value: `${i}` });
    expect(nodeView(sim, victim).lastIndex).toBeLessThan(nodeView(sim, leader).lastIndex);
    const events: SimEvent[] = [];
    sim.onEvent((e) => events.push(e));
    sim.input({ kind: 'restart', node: victim });
    expect(events.map((e) => e.type)).toContain('node-restarted');
    expect(nodeView(sim, victim).kv).toEqual({ before: '1' }); // rebuilt from its own committed log
    sim.runUntil(sim.now + 1_000_000);
    const v = nodeView(sim, victim);
    const l = nodeView(sim, sim.leader());
    expect(v.lastIndex).toBe(l.lastIndex);
    expect(v.commit).toBe(l.commit);
    expect(v.kv).toEqual(l.kv);
    expect(v.log).toEqual(l.log);
  });
});

describe('partitions', () => {
  test('{1,2} | {3,4,5} with the old leader in the minority: only the majority commits', () => {
    // One attempt per operation (attempt timeout > op timeout), so an op sent to the minority stays there.
    const sim = new Simulation(
      { seed: 31, clientAttemptTimeoutUs: 5_000_000, clientTimeoutUs: 1_500_000 },
      VERIFY_REPORTS,
    );
    sim.input({ kind: 'timeout', node: 1 });
    runUntilTrue(sim, () => sim.leader() === 1, 1_000_000);
    call(sim, 1, { type: 'put', key: 'base', value: '0' });
    sim.runUntil(sim.now + 200_000);
    const minorityCommit = nodeView(sim, 1).commit;
    const truncated: SimEvent[] = [];
    sim.onEvent((e) => e.type === 'log-truncated' && truncated.push(e));

    sim.input({
      kind: 'partition',
      groups: [
        [1, 2],
        [3, 4, 5],
      ],
    });
    expect(sim.view().linksDown).toHaveLength(12);
    const lost = call(sim, 1, { type: 'put', key: 'minority', value: 'x' }); // client 1 → node 1
    expect(['unknown', 'fail']).toContain(lost.status);
    expect(nodeView(sim, 1).commit).toBe(minorityCommit);
    expect(nodeView(sim, 2).commit).toBe(minorityCommit);

    runUntilTrue(sim, () => [3, 4, 5].includes(sim.leader()), 2_000_000);
    const won = call(sim, 3, { type: 'put', key: 'majority', value: 'y' }); // client 3 → node 3
    expect(won.status).toBe('ok');
    expect([3, 4, 5]).toContain(won.result!.node);

    sim.input({ kind: 'heal' });
    expect(sim.view().linksDown).toEqual([]);
    sim.runUntil(sim.now + 2_000_000);
    expect(leaders(sim)).toHaveLength(1);
    const views = sim.view().nodes;
    for (const n of views) {
      expect(n.kv).toEqual({ base: '0', majority: 'y' });
      expect(n.log).toEqual(views[0].log);
    }
    // Node 1's uncommitted minority entry was overwritten once it rejoined.
    expect(truncated.some((e) => e.type === 'log-truncated' && e.node === 1)).toBe(true);
  });

  test('cutting a link drops messages already in flight on it, at delivery time', () => {
    const sim = new Simulation({ seed: 32 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const follower = leader === 1 ? 2 : 1;
    const sent = new Set<number>();
    const dropped: number[] = [];
    sim.onEvent((e) => {
      if (e.type === 'message-sent' && e.message.msg.from === leader && e.message.msg.to === follower)
        sent.add(e.message.id);
      if (e.type === 'message-dropped' && e.reason === 'link-down') dropped.push(e.id);
    });
    runUntilTrue(sim, () => sim.view().messages.some((m) => sent.has(m.id)), 1_000_000, 1_000);
    const inFlight = sim
      .view()
      .messages.filter((m) => sent.has(m.id))
      .map((m) => m.id);
    sim.input({ kind: 'link', from: leader, to: follower, up: false });
    sim.runUntil(sim.now + 100_000);
    for (const id of inFlight) expect(dropped).toContain(id);
  });
});

describe('client sessions', () => {
  test('a command retried after a leader crash is applied once', () => {
    const sim = new Simulation({ seed: 41 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const holders = new Set<number>();
    sim.onEvent((e) => {
      if (e.type === 'log-appended' && e.entries.some((x) => decodeCommand(x.data)?.op.type === 'put'))
        holders.add(e.node);
    });
    const opId = sim.invoke(7, { type: 'put', key: 'once', value: 'v' });
    // Crash the leader once the entry is on a majority but before it answers the client.
    runUntilTrue(sim, () => holders.size >= 3, 1_000_000, 1_000);
    sim.input({ kind: 'crash', node: leader });
    runUntilTrue(sim, () => sim.history()[0].status !== 'pending', 5_000_000);
    expect(sim.history().find((h) => h.opId === opId)!.status).toBe('ok');
    sim.runUntil(sim.now + 500_000);
    const newLeader = nodeView(sim, sim.leader());
    const copies = newLeader.log.filter((e) => {
      const c = decodeCommand(e.data);
      return c?.clientId === 7 && c.seq === 1;
    });
    expect(copies.length).toBe(2); // the original and the retry both reached the log...
    expect(newLeader.kv).toEqual({ once: 'v' }); // ...and the store holds one effect
  });
});
