/**
 * Lazy ticks (node.ts): ticks that only count are not events, and the election timer a
 * node reports is the exact time its timeout fires.
 */
import { describe, expect, test } from 'vitest';
import { Simulation } from './simulation';
import { waitForLeader, VERIFY_REPORTS } from './testing';
import type { NodeState } from './types';

describe('lazy ticks', () => {
  test('an idle cluster wakes a node only when a timer may act', () => {
    const sim = new Simulation({ seed: 4 }, VERIFY_REPORTS);
    waitForLeader(sim);
    const start = sim.eventsProcessed;
    let deliveries = 0;
    sim.onEvent((e) => {
      if (e.type === 'message-delivered' || e.type === 'message-dropped') deliveries++;
    });
    const seconds = 10;
    sim.runUntil(sim.now + seconds * 1e6);
    const wakes = sim.eventsProcessed - start - deliveries;
    const { tickUs, heartbeatTick, electionTick, nodes } = sim.config;
    // The leader: one wake per heartbeat. A follower: at most one per election timeout
    // (its deadline keeps moving, and it wakes once per stale deadline to look again).
    const bound =
      (seconds * 1e6) / (heartbeatTick * tickUs) + ((nodes - 1) * seconds * 1e6) / (electionTick * tickUs);
    expect(wakes).toBeGreaterThan(0);
    expect(wakes).toBeLessThanOrEqual(bound);
    // Eager ticking would have been one event per node per tick.
    expect(wakes).toBeLessThan((nodes * seconds * 1e6) / tickUs / 4);
  });

  test('a follower campaigns exactly when the timer it reported runs out', () => {
    const sim = new Simulation({ seed: 6 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const reported = new Map<number, NodeState>();
    let campaign: { node: number; t: number } | null = null;
    sim.onEvent((e) => {
      if (e.type !== 'node-state' || campaign !== null) return;
      const before = reported.get(e.node.id);
      if (e.node.role === 'precandidate' && before?.role === 'follower') {
        campaign = { node: e.node.id, t: e.t };
        expect(before.timerEnd).toBe(e.t);
      }
      reported.set(e.node.id, e.node);
    });
    sim.input({ kind: 'crash', node: leader });
    sim.runUntil(sim.now + 2_000_000);
    expect(campaign).not.toBeNull();
  });

  test('a restarted node ticks again on its own phase', () => {
    const sim = new Simulation({ seed: 8 }, VERIFY_REPORTS);
    const leader = waitForLeader(sim);
    const follower = sim.view().nodes.find((n) => n.id !== leader)!.id;
    sim.input({ kind: 'crash', node: follower });
    sim.runUntil(sim.now + 1_000_000);
    sim.input({ kind: 'restart', node: follower });
    sim.runUntil(sim.now + 2_000_000);
    const node = sim.view().nodes.find((n) => n.id === follower)!;
    expect(node.up).toBe(true);
    expect(node.leader).toBe(leader);
    expect((node.timerEnd! - node.timerStart!) % sim.config.tickUs).toBe(0);
  });
});
