/**
 * LevelOfDetail's contract on simulated runs at 10×: a thinned frame is the whole frame
 * less exactly (1) heartbeat round trips that begin and end inside it, counted per
 * (leader, follower), and (2) node states superseded inside it that changed nothing but
 * the election timer or the leader's progress view — so the messages in flight and each
 * node's state after every frame are those of the whole stream. That the dashboard then
 * draws and narrates the same is the web app's test (apps/web/src/store/thinnedFrames.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { NodeState, SimEvent } from './cluster';
import { LevelOfDetail } from './level_of_detail';
import { recordFrames } from './testing';
import type { HeartbeatTally } from './ws';

type Sent = Extract<SimEvent, { type: 'message-sent' }>;

const isHeartbeat = (e: Sent) => e.message.msg.type === 'AppendEntries' && e.message.msg.entries.length === 0;
const isAcceptedAppend = (e: Sent) => e.message.msg.type === 'AppendEntriesResponse' && e.message.msg.success;

/** Whether `next` differs from `before` in its timer arc or progress view only. */
function onlyTimersOrProgress(before: NodeState, next: NodeState): boolean {
  const strip = ({ timerStart: _s, timerEnd: _e, progress: _p, ...rest }: NodeState) => rest;
  return JSON.stringify(strip(before)) === JSON.stringify(strip(next));
}

/** The events of `whole` that `thin` left out, by index; fails unless `thin` is a subsequence of `whole`. */
function leftOut(whole: readonly SimEvent[], thin: readonly SimEvent[]): Set<number> {
  const out = new Set<number>();
  let j = 0;
  whole.forEach((e, i) => {
    if (thin[j] === e) j++;
    else out.add(i);
  });
  expect(j, 'the thinned events are the whole frame’s, in order').toBe(thin.length);
  return out;
}

/**
 * The heartbeat round trips among the left-out events, checked one by one: an empty
 * AppendEntries sent and delivered in the frame, then the follower's next message to
 * the leader — a successful answer — sent and delivered in the frame. Returns the count
 * and last answer per (leader, follower), as the tallies must state them.
 */
function roundTrips(events: readonly SimEvent[], out: Set<number>): HeartbeatTally[] {
  const index = new Map<number, { sent?: number; done?: number }>();
  events.forEach((e, i) => {
    if (e.type === 'message-sent') index.set(e.message.id, { sent: i });
    else if (e.type === 'message-delivered' || e.type === 'message-dropped') {
      const at = index.get(e.id);
      if (at) at.done = i;
    }
  });
  const tallies = new Map<string, HeartbeatTally>();
  const matched = new Set<number>();
  events.forEach((e, i) => {
    if (e.type !== 'message-sent' || !out.has(i) || !isHeartbeat(e)) return;
    const { from: leader, to: follower } = e.message.msg;
    const delivered = index.get(e.message.id)?.done;
    expect(delivered !== undefined && events[delivered].type === 'message-delivered').toBe(true);
    expect(out.has(delivered!)).toBe(true);
    const answer = events.findIndex(
      (a, k) =>
        k > delivered! &&
        a.type === 'message-sent' &&
        a.message.msg.from === follower &&
        a.message.msg.to === leader,
    );
    const reply = events[answer] as Sent;
    expect(isAcceptedAppend(reply) && out.has(answer)).toBe(true);
    const answered = index.get(reply.message.id)?.done;
    expect(answered !== undefined && events[answered].type === 'message-delivered' && out.has(answered)).toBe(
      true,
    );
    for (const k of [i, delivered!, answer, answered!]) matched.add(k);
    const key = `${follower}-${leader}`;
    const tally = tallies.get(key) ?? { leader, follower, count: 0, lastAt: 0 };
    tallies.set(key, {
      ...tally,
      count: tally.count + 1,
      lastAt: Math.max(tally.lastAt, events[answered!].t),
    });
  });
  for (const i of out) if (events[i].type !== 'node-state') expect(matched.has(i), `event ${i}`).toBe(true);
  return [...tallies.values()];
}

const byPair = (tallies: HeartbeatTally[]) =>
  [...tallies].sort((a, b) => a.leader - b.leader || a.follower - b.follower);

describe('LevelOfDetail', () => {
  it.each([1, 2, 3])('leaves out only what no viewer can see (seed %i)', (seed) => {
    const { snapshot, frames } = recordFrames(seed, 16);
    const detail = new LevelOfDetail();
    /** Each node's last state in the whole stream, across frames. */
    const lastState = new Map<number, NodeState>(
      snapshot.view.nodes.map(({ log: _l, kv: _k, ...n }) => [n.id, n]),
    );
    const inFlight = { whole: new Set(snapshot.view.messages.map((m) => m.id)), thin: new Set<number>() };
    for (const id of inFlight.whole) inFlight.thin.add(id);
    let wholeCount = 0;
    let thinCount = 0;
    let tallied = 0;
    frames.forEach((events, f) => {
      const thin = detail.thin(events);
      const out = leftOut(events, thin.events);
      expect(byPair(thin.heartbeats), `frame ${f}`).toEqual(byPair(roundTrips(events, out)));
      // A node state is left out only if a later one of the same node follows in the
      // frame, and it changed nothing but timers and progress since the node's last.
      events.forEach((e, i) => {
        if (e.type !== 'node-state') return;
        const before = lastState.get(e.node.id);
        lastState.set(e.node.id, e.node);
        if (!out.has(i)) return;
        expect(events.slice(i + 1).some((l) => l.type === 'node-state' && l.node.id === e.node.id)).toBe(
          true,
        );
        expect(before !== undefined && onlyTimersOrProgress(before, e.node), `frame ${f} event ${i}`).toBe(
          true,
        );
      });
      // After the frame, the same messages are in flight.
      for (const [set, list] of [
        [inFlight.whole, events],
        [inFlight.thin, thin.events],
      ] as const) {
        for (const e of list) {
          if (e.type === 'message-sent') set.add(e.message.id);
          else if (e.type === 'message-delivered' || e.type === 'message-dropped') set.delete(e.id);
        }
      }
      expect(inFlight.thin, `frame ${f}`).toEqual(inFlight.whole);
      wholeCount += events.length;
      thinCount += thin.events.length;
      tallied += thin.heartbeats.reduce((n, h) => n + h.count, 0);
    });
    // The point of it: most of a busy 9-node cluster's events are heartbeats and timer resets.
    expect(tallied).toBeGreaterThan(0);
    expect(thinCount).toBeLessThan(wholeCount * 0.4);
  });
});
