import { describe, expect, it } from 'vitest';
import { Simulation } from './simulation';
import { VERIFY_REPORTS } from './testing';
import type { SimEvent } from './types';

function record(sim: Simulation) {
  const events: SimEvent[] = [];
  sim.onEvent((e) => events.push(e));
  return events;
}

describe('imperfect links', () => {
  it('a link with loss 1 loses every message, drawn in flight and dropped as "loss"', () => {
    const sim = new Simulation({ nodes: 3, seed: 4 }, VERIFY_REPORTS);
    const events = record(sim);
    sim.input({ kind: 'link-quality', from: 1, to: 2, quality: { loss: 1, duplicate: 0, latency: null } });
    sim.runUntil(1_000_000);
    const sentOnLink = new Set(
      events.flatMap((e) =>
        e.type === 'message-sent' && e.message.msg.from === 1 && e.message.msg.to === 2 ? [e.message.id] : [],
      ),
    );
    expect(sentOnLink.size).toBeGreaterThan(0);
    const fate = events.flatMap((e) =>
      (e.type === 'message-dropped' || e.type === 'message-delivered') && sentOnLink.has(e.id)
        ? [e.type === 'message-dropped' ? e.reason : 'delivered']
        : [],
    );
    expect(new Set(fate)).toEqual(new Set(['loss']));
    expect(sim.view().linkQualities).toEqual([
      { from: 1, to: 2, quality: { loss: 1, duplicate: 0, latency: null } },
    ]);
  });

  it('duplication delivers copies; a spread of latency reorders; safety holds; heal resets quality', () => {
    const sim = new Simulation({ nodes: 3, seed: 9 }, VERIFY_REPORTS);
    const events = record(sim);
    for (const [from, to] of [
      [1, 2],
      [2, 1],
      [1, 3],
      [3, 1],
      [2, 3],
      [3, 2],
    ]) {
      sim.input({
        kind: 'link-quality',
        from,
        to,
        quality: { loss: 0.1, duplicate: 0.5, latency: { minUs: 1_000, maxUs: 80_000 } },
      });
    }
    for (let i = 1; i <= 20; i++) {
      sim.runUntil(sim.now + 100_000);
      sim.invoke(i, { type: 'put', key: 'k', value: String(i) });
    }
    sim.runUntil(sim.now + 3_000_000);
    const sent = events.filter((e) => e.type === 'message-sent');
    const bySignature = new Map<string, number>();
    for (const e of sent) {
      if (e.type !== 'message-sent') continue;
      const key = JSON.stringify({ ...e.message.msg, t: e.t });
      bySignature.set(key, (bySignature.get(key) ?? 0) + 1);
    }
    expect([...bySignature.values()].some((n) => n > 1)).toBe(true); // some message went twice
    const deliveredOrder = events.flatMap((e) => (e.type === 'message-delivered' ? [e.id] : []));
    expect(deliveredOrder.some((id, i) => i > 0 && id < deliveredOrder[i - 1])).toBe(true); // reordered
    expect(sim.violations).toBe(0);
    sim.input({ kind: 'heal' });
    expect(sim.view().linkQualities).toEqual([]);
  });
});
