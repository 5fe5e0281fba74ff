import { describe, expect, test } from 'vitest';
import { Simulation } from './simulation';
import { call, waitForLeader, VERIFY_REPORTS } from './testing';
import { Timeline } from './timeline';
import type { MessageInFlight, SimEvent } from './types';

/** A paused-by-hand 3-node cluster with a leader and its heartbeats on the wire. */
function withMessages(): { sim: Simulation; events: SimEvent[]; flight: MessageInFlight } {
  const sim = new Simulation({ nodes: 3, seed: 12 }, VERIFY_REPORTS);
  waitForLeader(sim);
  // Run to the moment an AppendEntries is in flight.
  for (let i = 0; i < 10_000 && !sim.view().messages.some((m) => m.msg.type === 'AppendEntries'); i++)
    sim.step();
  const flight = sim.view().messages.find((m) => m.msg.type === 'AppendEntries')!;
  const events: SimEvent[] = [];
  sim.onEvent((e) => events.push(e));
  return { sim, events, flight };
}

const onWire = (sim: Simulation, id: number) => sim.view().messages.find((m) => m.id === id);

describe('messages under a hand', () => {
  test('drop: the message leaves the wire at once, as dropped by hand', () => {
    const { sim, events, flight } = withMessages();
    sim.input({ kind: 'message', id: flight.id, action: 'drop' });
    expect(onWire(sim, flight.id)).toBeUndefined();
    expect(events).toMatchObject([{ type: 'message-dropped', id: flight.id, reason: 'manual' }]);
    sim.runUntil(sim.now + 100_000);
    expect(events.some((e) => e.type === 'message-delivered' && e.id === flight.id)).toBe(false);
  });

  test('deliver: it arrives now, and the receiver acts on it at once', () => {
    const { sim, events, flight } = withMessages();
    expect(flight.deliverAt).toBeGreaterThan(sim.now);
    sim.input({ kind: 'message', id: flight.id, action: 'deliver' });
    expect(events[0]).toMatchObject({ type: 'message-delivered', id: flight.id, t: sim.now });
    const answer = events.find((e) => e.type === 'message-sent' && e.message.msg.from === flight.msg.to);
    expect(answer).toBeDefined();
    expect(onWire(sim, flight.id)).toBeUndefined();
  });

  test('duplicate: a second message with the same content and its own id and latency', () => {
    const { sim, events, flight } = withMessages();
    sim.input({ kind: 'message', id: flight.id, action: 'duplicate' });
    const copy = events.find((e) => e.type === 'message-sent');
    if (copy?.type !== 'message-sent') throw new Error('no copy sent');
    expect(copy.message.id).not.toBe(flight.id);
    expect(copy.message.msg).toEqual(flight.msg);
    expect(onWire(sim, flight.id)).toBeDefined();
  });

  test('delay: it arrives that much later', () => {
    const { sim, events, flight } = withMessages();
    sim.input({ kind: 'message', id: flight.id, action: 'delay', byUs: 250_000 });
    expect(events).toMatchObject([
      { type: 'message-delayed', id: flight.id, deliverAt: flight.deliverAt + 250_000 },
    ]);
    expect(onWire(sim, flight.id)?.deliverAt).toBe(flight.deliverAt + 250_000);
    sim.runUntil(flight.deliverAt + 249_999);
    expect(onWire(sim, flight.id)).toBeDefined();
    sim.runUntil(flight.deliverAt + 250_000);
    expect(onWire(sim, flight.id)).toBeUndefined();
  });

  test('an AppendEntries dropped by hand: the follower rejects the next one and the leader backs up (§5.3)', () => {
    const sim = new Simulation({ nodes: 3, seed: 14 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    // A first write takes the followers from probing to replicating: the leader then
    // sends the next entries without waiting (etcd's flow control, §5.3's optimism).
    call(sim, 1, { type: 'put', key: 'warm', value: 'up' });
    sim.invoke(1, { type: 'put', key: 'a', value: '1' });
    const carrying = () =>
      sim.view().messages.find((m) => m.msg.type === 'AppendEntries' && m.msg.entries.length > 0);
    for (let i = 0; i < 10_000 && !carrying(); i++) sim.step();
    const dropped = carrying()!;
    if (dropped.msg.type !== 'AppendEntries') throw new Error('not an AppendEntries');
    const follower = dropped.msg.to;
    const index = dropped.msg.entries[0].index;
    const events: SimEvent[] = [];
    sim.onEvent((e) => events.push(e));
    sim.input({ kind: 'message', id: dropped.id, action: 'drop' });
    sim.invoke(2, { type: 'put', key: 'b', value: '2' });
    sim.runUntil(sim.now + 1_000_000);
    const sent = events.flatMap((e) => (e.type === 'message-sent' ? [e.message.msg] : []));
    const rejection = sent.findIndex(
      (m) =>
        m.type === 'AppendEntriesResponse' &&
        m.from === follower &&
        !m.success &&
        m.rejectedIndex !== undefined,
    );
    expect(rejection).toBeGreaterThanOrEqual(0);
    const retry = sent
      .slice(rejection)
      .find(
        (m) =>
          m.type === 'AppendEntries' &&
          m.from === leader &&
          m.to === follower &&
          m.entries.some((e) => e.index === index),
      );
    expect(retry).toBeDefined();
    const view = sim.view().nodes;
    expect(view[follower - 1].kv).toEqual(view[leader - 1].kv);
  });

  test('a message not in flight is refused, and nothing is recorded', () => {
    const { sim } = withMessages();
    const inputs = sim.trace().inputs.length;
    expect(() => sim.input({ kind: 'message', id: 99_999, action: 'drop' })).toThrow(RangeError);
    expect(sim.trace().inputs).toHaveLength(inputs);
  });

  test('every choice is an input: the run replays exactly and its moments can be seen', () => {
    const timeline = new Timeline(new Simulation({ nodes: 3, seed: 13 }));
    const sim = timeline.simulation;
    timeline.runUntil(1_000_000);
    const actions = ['drop', 'duplicate', 'deliver', 'delay'] as const;
    for (let round = 0; round < 40; round++) {
      const messages = sim.view().messages;
      if (messages.length > 0) {
        const action = actions[round % 4];
        const id = messages[round % messages.length].id;
        sim.input(
          action === 'delay'
            ? { kind: 'message', id, action, byUs: 30_000 }
            : { kind: 'message', id, action },
        );
      }
      timeline.runUntil(sim.now + 20_000);
    }
    const replayed = Simulation.replay(sim.trace());
    expect(JSON.stringify(replayed.view())).toBe(JSON.stringify({ ...sim.view(), now: replayed.now }));
    const middle = Math.floor(timeline.end / 2);
    const fromTimeline = JSON.stringify(timeline.momentAt(middle).view());
    const fresh = Simulation.replay({
      ...sim.trace(),
      inputs: sim.trace().inputs.filter((i) => i.afterEvents <= middle),
      events: middle,
    });
    expect(JSON.stringify(fresh.view())).toBe(fromTimeline);
  });
});
