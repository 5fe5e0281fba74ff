import { describe, expect, test } from 'vitest';
import { Simulation } from './simulation';
import { call, leaders, waitForLeader, VERIFY_REPORTS } from './testing';
import type { SimEvent } from './types';

describe('elections', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: a 5-node cluster elects exactly one leader within 2 s',
    (seed) => {
      const sim = new Simulation({ seed }, VERIFY_REPORTS);
      sim.runUntil(2_000_000);
      expect(leaders(sim)).toHaveLength(1);
      expect(sim.leader()).toBe(leaders(sim)[0]);
      const term = sim.view().nodes.find((n) => n.id === sim.leader())!.term;
      // Stable afterwards: no further elections while nothing fails.
      sim.runUntil(5_000_000);
      expect(sim.view().nodes.every((n) => n.term === term && n.leader === sim.leader())).toBe(true);
    },
  );

  test('node-state events only on change; timers set for followers, null for the leader', () => {
    const sim = new Simulation({ seed: 3 }, VERIFY_REPORTS);
    const states: SimEvent[] = [];
    sim.onEvent((e) => e.type === 'node-state' && states.push(e));
    sim.runUntil(2_000_000);
    const last = new Map<number, string>();
    for (const e of states) {
      if (e.type !== 'node-state') continue;
      const key = JSON.stringify(e.node);
      expect(last.get(e.node.id)).not.toBe(key);
      last.set(e.node.id, key);
    }
    for (const n of sim.view().nodes) {
      if (n.role === 'leader') expect(n.timerStart).toBeNull();
      else expect(n.timerEnd! - n.timerStart!).toBeGreaterThanOrEqual(15 * 10_000);
    }
  });

  test('a timeout input makes that node campaign and win before anyone else times out', () => {
    const sim = new Simulation({ seed: 5 }, VERIFY_REPORTS);
    sim.input({ kind: 'timeout', node: 3 });
    sim.runUntil(100_000);
    expect(sim.leader()).toBe(3);
  });

  test('with a live leader, a timeout input is refused by the leader lease (pre-vote + check-quorum)', () => {
    const sim = new Simulation({ seed: 5 }, VERIFY_REPORTS);
    const first = waitForLeader(sim);
    sim.input({ kind: 'timeout', node: first === 1 ? 2 : 1 });
    sim.runUntil(sim.now + 1_000_000);
    expect(sim.leader()).toBe(first);
  });
});

describe('client operations', () => {
  test('a put then a linearizable get returns the value, with index and term', () => {
    const sim = new Simulation({ seed: 11 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const put = call(sim, 1, { type: 'put', key: 'x', value: 'hello' });
    expect(put.status).toBe('ok');
    expect(put.result).toMatchObject({ value: 'hello', node: leader });
    const get = call(sim, 1, { type: 'get', key: 'x', consistency: 'linearizable' });
    expect(get.status).toBe('ok');
    expect(get.result!.value).toBe('hello');
    // ReadIndex (thesis §6.4): the read is served at the commit index, which covers the put.
    expect(get.result!.index).toBeGreaterThanOrEqual(put.result!.index);
    expect(sim.view().nodes.find((n) => n.id === leader)!.lastIndex).toBe(put.result!.index);
    expect(get.result!.term).toBeGreaterThan(0);
    sim.runUntil(sim.now + 500_000);
    for (const n of sim.view().nodes) expect(n.kv).toEqual({ x: 'hello' });
    const del = call(sim, 2, { type: 'delete', key: 'x' });
    expect(del.status).toBe('ok');
    expect(call(sim, 3, { type: 'get', key: 'x', consistency: 'linearizable' }).result!.value).toBeNull();
  });

  test('client ops invoked back to back on one client run in order', () => {
    const sim = new Simulation({ seed: 12 }, VERIFY_REPORTS);
    waitForLeader(sim);
    sim.invoke(4, { type: 'put', key: 'k', value: '1' });
    sim.invoke(4, { type: 'put', key: 'k', value: '2' });
    const last = call(sim, 4, { type: 'get', key: 'k', consistency: 'linearizable' });
    expect(last.result!.value).toBe('2');
    const h = sim.history();
    expect(h.map((o) => o.opId)).toEqual([1, 2, 3]);
    expect(h.every((o) => o.status === 'ok')).toBe(true);
    expect(h[0].result!.index).toBeLessThan(h[1].result!.index);
  });

  test("a stale read serves a node's local state at once", () => {
    const sim = new Simulation({ seed: 13 }, VERIFY_REPORTS);
    waitForLeader(sim);
    call(sim, 1, { type: 'put', key: 'a', value: '1' });
    sim.runUntil(sim.now + 300_000);
    const opId = sim.invoke(2, { type: 'get', key: 'a', consistency: 'stale', node: 3 });
    const op = sim.history().find((h) => h.opId === opId)!;
    expect(op.status).toBe('ok');
    expect(op.completedAt).toBe(op.invokedAt);
    expect(op.result).toMatchObject({ value: '1', node: 3 });
    expect(op.result!.index).toBe(sim.view().nodes[2].applied);
  });

  test('with no quorum and nothing proposed, a put fails with no-leader', () => {
    const sim = new Simulation({ seed: 14 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const others = [1, 2, 3, 4, 5].filter((id) => id !== leader);
    for (const id of [leader, others[0], others[1]]) sim.input({ kind: 'crash', node: id });
    sim.runUntil(sim.now + 2_000_000);
    const op = call(sim, 1, { type: 'put', key: 'x', value: 'y' });
    expect(op.status).toBe('fail');
    expect(op.reason).toBe('no-leader');
  });
});

describe('inputs and views', () => {
  test('a bad node id throws and is not recorded', () => {
    const sim = new Simulation({ nodes: 3 }, VERIFY_REPORTS);
    expect(() => sim.input({ kind: 'crash', node: 4 })).toThrow(RangeError);
    expect(() => sim.input({ kind: 'partition', groups: [[1], [0]] })).toThrow(RangeError);
    expect(sim.trace().inputs).toEqual([]);
  });

  test('view() returns copies, never internal state', () => {
    const sim = new Simulation({ seed: 2 }, VERIFY_REPORTS);
    waitForLeader(sim);
    call(sim, 1, { type: 'put', key: 'k', value: 'v' });
    sim.runUntil(sim.now + 300_000);
    const view = sim.view();
    view.nodes[0].log[0].term = 999;
    view.nodes[0].kv.k = 'changed';
    view.config.nodes = 99;
    const again = sim.view();
    expect(again.nodes[0].log[0].term).not.toBe(999);
    expect(again.nodes[0].kv.k).toBe('v');
    expect(again.config.nodes).toBe(5);
  });

  test('view().messages: every message sent and not yet delivered or dropped, in send order', () => {
    const sim = new Simulation({ seed: 3 }, VERIFY_REPORTS);
    const onWire = new Map<number, unknown>();
    sim.onEvent((e) => {
      if (e.type === 'message-sent') onWire.set(e.message.id, e.message);
      if (e.type === 'message-delivered' || e.type === 'message-dropped') onWire.delete(e.id);
    });
    waitForLeader(sim);
    // Losses, a cut link and a crash, so messages also leave the wire by being dropped.
    sim.input({
      kind: 'link-quality',
      from: 1,
      to: 2,
      quality: { loss: 0.5, duplicate: 0.5, latency: null },
    });
    sim.input({ kind: 'link', from: 3, to: 4, up: false });
    sim.input({ kind: 'crash', node: 5 });
    let checked = 0;
    for (let i = 0; i < 400 && sim.step(); i++) {
      if (i % 7 !== 0) continue;
      const messages = sim.view().messages;
      expect(messages).toEqual([...onWire.values()]);
      checked += messages.length;
    }
    expect(checked).toBeGreaterThan(100);
  });

  test('onEvent returns an unsubscribe function; seq increases by one', () => {
    const sim = new Simulation({ seed: 2 }, VERIFY_REPORTS);
    const seen: SimEvent[] = [];
    const off = sim.onEvent((e) => seen.push(e));
    sim.runUntil(500_000);
    off();
    const count = seen.length;
    sim.runUntil(1_000_000);
    expect(seen.length).toBe(count);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].seq).toBe(seen[i - 1].seq + 1);
      expect(seen[i].t).toBeGreaterThanOrEqual(seen[i - 1].t);
    }
  });

  test('runUntil processes events up to t inclusive and sets now; step advances one event', () => {
    const sim = new Simulation({ seed: 2 }, VERIFY_REPORTS);
    const first = sim.nextEventTime()!;
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(first);
    // Idle ticks are not events, so the first event is an election timeout, far out.
    const later = first + 123_456;
    sim.runUntil(later);
    expect(sim.now).toBe(later);
    expect(sim.nextEventTime()!).toBeGreaterThan(later);
  });
});
